/** Hearings and meetings API (thin routes: schema → actor → one command → present). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { scopeRoots } from '../../platform/auth/roles.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, Nullable, errors } from '../../platform/http/schemas.ts';
import { unwrap } from '../../platform/result.ts';
import { fail, ok } from '../../platform/result.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { readUpload } from '../../platform/http/uploads.ts';
import { readStoredFile, sniffFileType } from '../publishing/index.ts';
import { maskName } from '../requests/index.ts';
import {
  announceEvent,
  createEvent,
  publishParticipants,
  publishRecord,
  recordAttendance,
  registerByStaff,
  registerOnline,
  rescheduleEvent,
  saveRecord,
  selectParticipants,
  MAX_AFFILIATION_CHARS,
  MAX_CONTACT_CHARS,
  MAX_FEEDBACK_CHARS,
  MAX_NAME_CHARS,
  MAX_NOTE_CHARS,
  MAX_RESCHEDULE_REASON_CHARS,
  type RegistrationPerson,
} from './event.commands.ts';
import {
  EVENT_KINDS,
  EVENT_KIND_CODES,
  EVENT_PHASE_TEXT,
  PARTICIPATION_RULES,
  REGISTRATION_SOURCES,
  REGISTRATION_STATUS_TEXT,
  eventPhase,
  latestMaterialsOn,
  latestParticipantListOn,
  registrationLastDay,
} from './participation.rules.ts';
import { unitFor } from './participation.policy.ts';
import { IdParams, Text } from './consultation.routes.ts';
import { gate, gateOrNull, loadGate } from './participation.gate.ts';
import * as S from './participation.schemas.ts';
import * as repo from './participation.repository.ts';

export function presentEvent(e: repo.WithUnit<repo.EventRow>, today: string, mask: (s: string) => string = (s) => s) {
  const phase = eventPhase(e, today);
  return {
    id: e.id,
    unitCode: e.unit_code,
    unitName: e.unit_name,
    kind: e.kind,
    kindText: EVENT_KINDS.find((k) => k.code === e.kind)?.label ?? e.kind,
    consultationId: e.consultation_id,
    title: mask(e.title),
    description: mask(e.description),
    place: mask(e.place),
    heldOn: e.held_on,
    heldTime: e.held_time,
    capacity: e.capacity,
    selectionMethod: e.selection_method === null ? null : mask(e.selection_method),
    registrationUntil: e.registration_until,
    materialsSentOn: e.materials_sent_on,
    latestMaterialsOn: e.kind === 'hearing' ? latestMaterialsOn(e.held_on) : null,
    announced: e.announced_at !== null,
    phase,
    phaseText: EVENT_PHASE_TEXT[phase],
    registrationLastDay: registrationLastDay(e),
    participantsPublished: e.participants_published_at !== null,
    latestParticipantListOn: e.kind === 'hearing' ? latestParticipantListOn(e.held_on) : null,
    attendance: e.attendance,
    recordPublished: e.record_published_at !== null,
    rescheduledFrom: e.rescheduled_from,
    rescheduleReason: e.reschedule_reason === null ? null : mask(e.reschedule_reason),
    isDemo: e.is_demo === 1,
  };
}

const person = (r: repo.RegistrationRow): RegistrationPerson => JSON.parse(r.person_json) as RegistrationPerson;

/** One event for staff of its unit (or above): every registration with its personal data; 404 outside the scope. */
export async function staffEvent(ctx: AppContext, actor: Actor, id: string) {
  const e = await repo.findEvent(ctx.db, id);
  if (!e) return fail(404, 'EVENT_NOT_FOUND', '没有找到这项活动');
  const unit = await unitFor(ctx.db, actor, e.unit_code, 'read');
  if (!unit.ok) return fail(404, 'EVENT_NOT_FOUND', '没有找到这项活动');
  const regs = await repo.listRegistrations(ctx.db, id);
  return ok({
    ...presentEvent(e, chinaDate(ctx.clock.now())),
    registrations: regs.map((r) => {
      const p = person(r);
      return {
        id: r.id,
        name: p.name,
        contact: p.contact,
        affiliation: r.affiliation,
        note: p.note,
        source: r.source,
        sourceText: REGISTRATION_SOURCES.find((x) => x.code === r.source)?.label ?? r.source,
        status: r.status,
        statusText: REGISTRATION_STATUS_TEXT[r.status] ?? r.status,
        attended: r.attended === 1,
        trackingCode: r.tracking_code,
        createdAt: r.created_at,
      };
    }),
    recordText: e.record_text,
    hasSignedScan: e.record_scan_sha256 !== null,
    feedback: e.feedback,
    recordPublishedAt: e.record_published_at,
    participantsPublishedAt: e.participants_published_at,
  });
}

/**
 * One announced event for the public, every text through the personal-data gate: the participant list once
 * published (names masked, 张* — the name is never published whole; affiliation through the gate), the record and
 * the adoption summary once published. The signed scan is not published: it carries signatures and full names, which
 * the gate cannot mask in an image; the page says the participants confirmed and signed it.
 */
export async function publicEvent(ctx: AppContext, id: string) {
  const e = await repo.findEvent(ctx.db, id);
  if (!e || !e.announced_at) return fail(404, 'EVENT_NOT_FOUND', '没有找到这项活动');
  await loadGate(ctx.db);
  const today = chinaDate(ctx.clock.now());
  const g = (s: string) => gate(s, today);
  const published = e.record_published_at !== null;
  const participants = e.participants_published_at
    ? (await repo.listRegistrations(ctx.db, id))
        .filter((r) => r.status === 'selected')
        .map((r) => ({ name: g(maskName(person(r).name, true)), affiliation: gateOrNull(r.affiliation, today), attended: published ? r.attended === 1 : null }))
    : null;
  return ok({
    ...presentEvent(e, today, g),
    participants,
    recordText: published ? gateOrNull(e.record_text, today) : null,
    signedConfirmation: published && e.record_scan_sha256 !== null,
    feedback: published ? gateOrNull(e.feedback, today) : null,
    recordPublishedOn: e.record_published_at ? chinaDate(new Date(e.record_published_at)) : null,
  });
}

/** Announced events, every text through the personal-data gate (public pages and API). */
export async function publicEvents(ctx: AppContext, unitCode?: string) {
  await loadGate(ctx.db);
  const today = chinaDate(ctx.clock.now());
  const rows = (await repo.listEvents(ctx.db, { roots: null, announcedOnly: true })).filter((e) => !unitCode || e.unit_code === unitCode);
  return rows.map((e) => presentEvent(e, today, (s) => gate(s, today)));
}

export function registerEventRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['participation'];

  r.get(
    '/api/v1/participation/events',
    {
      schema: {
        tags,
        summary: '听证会、座谈会等活动（本单位及下级，按活动日期从新到旧分页）',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
        }),
        response: { 200: S.EventPage, ...errors(400, 401) },
      },
    },
    async (request) => {
      const roots = scopeRoots(requireActor(request));
      const today = chinaDate(ctx.clock.now());
      if (!roots.length) return { total: 0, items: [] };
      const page = await repo.pageEvents(ctx.db, { roots, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 });
      return { total: page.total, items: page.rows.map((e) => presentEvent(e, today)) };
    },
  );
  r.post(
    '/api/v1/participation/events',
    {
      schema: {
        tags,
        summary: '筹备听证会、座谈会、实地走访、政府开放日或评议政务服务活动（听证会检查材料提前7日送达）',
        body: Type.Object(
          {
            unitCode: Text(64),
            kind: Type.String({ enum: [...EVENT_KIND_CODES] }),
            consultationId: Type.Optional(Nullable(Text(64, '相关的征求意见'))),
            title: Text(200),
            description: Text(20_000, '议题、草案和说明'),
            place: Text(500),
            heldOn: DateString('举行日期'),
            heldTime: Type.String({ maxLength: 5, description: '开始时间，如 09:30' }),
            capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000 }))),
            selectionMethod: Type.Optional(Nullable(Text(4000, '参加人遴选方式'))),
            registrationUntil: Type.Optional(Nullable(DateString('报名截止日期'))),
            materialsSentOn: Type.Optional(Nullable(DateString('听证材料送达日期'))),
          },
          { additionalProperties: false },
        ),
        response: { 201: S.Created, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await createEvent(ctx, meta(request), request.body))),
  );
  r.post(
    '/api/v1/participation/events/:id/announce',
    {
      schema: { tags, summary: '发布活动公告', params: IdParams, response: { 200: S.Created, ...errors(401, 403, 404, 409, 422) } },
    },
    async (request) => unwrap(await announceEvent(ctx, meta(request), request.params.id)),
  );
  r.post(
    '/api/v1/participation/events/:id/reschedule',
    {
      schema: {
        tags,
        summary: '活动改期（须说明理由，随公告公布；听证会按新日期重新检查材料送达和参加人名单公布期限）',
        params: IdParams,
        body: Type.Object(
          {
            heldOn: DateString('新的举行日期'),
            heldTime: Type.Optional(Nullable(Type.String({ maxLength: 5, description: '新的开始时间，如 09:30（不填则不变）' }))),
            registrationUntil: Type.Optional(Nullable(DateString('报名截止日期（不填则不变）'))),
            materialsSentOn: Type.Optional(Nullable(DateString('听证材料重新送达的日期（不填则不变）'))),
            reason: Text(MAX_RESCHEDULE_REASON_CHARS, '改期理由'),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), heldOn: Type.String() }), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => unwrap(await rescheduleEvent(ctx, meta(request), request.params.id, request.body)),
  );
  r.get(
    '/api/v1/participation/public/events',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '已发布公告的听证会、座谈会等活动',
        querystring: Type.Object({ unit: Type.Optional(Text(64)) }),
        response: { 200: S.EventList },
      },
    },
    async (request) => ({ items: await publicEvents(ctx, request.query.unit) }),
  );

  const Registration = Type.Object(
    {
      name: Text(MAX_NAME_CHARS, '姓名'),
      contact: Text(MAX_CONTACT_CHARS, '联系电话'),
      affiliation: Type.Optional(Nullable(Text(MAX_AFFILIATION_CHARS, '单位或身份（公布在参加人名单上）'))),
      note: Type.Optional(Nullable(Text(MAX_NOTE_CHARS, '拟发表的主要意见（不公开）'))),
    },
    { additionalProperties: false },
  );
  const Registered = Type.Object({ id: Type.String(), trackingCode: Type.String() });
  const Ids = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 2000 });

  r.get(
    '/api/v1/participation/events/:id',
    { schema: { tags, summary: '活动详情：报名人员（含联系方式）、出席、记录', params: IdParams, response: { 200: S.StaffEventDetail, ...errors(401, 404) } } },
    async (request) => unwrap(await staffEvent(ctx, requireActor(request), request.params.id)),
  );
  r.post(
    '/api/v1/participation/events/:id/registrations',
    {
      schema: {
        tags,
        summary: '工作人员登记报名（电话、信函、邀请）',
        params: IdParams,
        body: Registration,
        response: { 201: Registered, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await registerByStaff(ctx, meta(request), request.params.id, request.body))),
  );
  r.post(
    '/api/v1/participation/events/:id/selection',
    {
      schema: {
        tags,
        summary: '按公布的遴选方式选定参加人（其余报名人员为未选定）',
        params: IdParams,
        body: Type.Object({ selectedIds: Ids }, { additionalProperties: false }),
        response: { 200: Type.Object({ selected: Type.Integer() }), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => unwrap(await selectParticipants(ctx, meta(request), request.params.id, request.body.selectedIds)),
  );
  r.post(
    '/api/v1/participation/events/:id/participants/publish',
    {
      schema: {
        tags,
        summary: '公布参加人名单（姓名遮蔽）',
        params: IdParams,
        response: { 200: Type.Object({ id: Type.String(), selected: Type.Integer() }), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => unwrap(await publishParticipants(ctx, meta(request), request.params.id)),
  );
  r.post(
    '/api/v1/participation/events/:id/attendance',
    {
      schema: {
        tags,
        summary: '登记出席情况（活动当天或之后）',
        params: IdParams,
        body: Type.Object(
          { attendedIds: Ids, total: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000, description: '出席总人数（含未报名的旁听人员）' }))) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ attendance: Type.Integer() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await recordAttendance(ctx, meta(request), request.params.id, request.body)),
  );
  r.post(
    '/api/v1/participation/events/:id/record',
    {
      schema: {
        tags,
        summary: `录入活动记录（听证笔录、座谈会纪要；字段 text）和参加人签字页扫描件（字段 file：PDF、PNG 或 JPEG，按文件内容判断，不超过 ${PARTICIPATION_RULES.recordScanMaxBytes / 1024 / 1024} MB）`,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: Type.Object({ id: Type.String(), scanType: Nullable(Type.String()) }), ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const up = unwrap(await readUpload(request, { maxBytes: PARTICIPATION_RULES.recordScanMaxBytes, what: '签字页扫描件' }));
      return unwrap(
        await saveRecord(ctx, meta(request), request.params.id, { text: up.fields.text ?? '', scan: up.file?.buffer.length ? up.file.buffer : null }),
      );
    },
  );
  r.get(
    '/api/v1/participation/events/:id/record-scan',
    { schema: { tags, summary: '参加人签字页扫描件（仅本单位及上级工作人员）', params: IdParams, response: { ...errors(401, 404) } } },
    async (request, reply) => {
      const e = unwrap(await staffEvent(ctx, requireActor(request), request.params.id));
      const row = await repo.findEvent(ctx.db, e.id);
      if (!row?.record_scan_sha256) return unwrap(fail(404, 'SCAN_NOT_FOUND', '尚未上传签字页扫描件'));
      const buf = await readStoredFile(ctx.config.dataDir, row.record_scan_sha256);
      const type = await sniffFileType(buf);
      const mime = type === 'pdf' ? 'application/pdf' : type === 'png' ? 'image/png' : 'image/jpeg';
      return reply
        .headers({
          'content-type': mime,
          'content-disposition': `attachment; filename="signed-record.${type === 'jpeg' ? 'jpg' : type}"`,
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
        })
        .send(buf);
    },
  );
  r.post(
    '/api/v1/participation/events/:id/record/publish',
    {
      schema: {
        tags,
        summary: '公布活动记录和意见汇总、采纳情况（公布后不再更改）',
        params: IdParams,
        body: Type.Object({ feedback: Text(MAX_FEEDBACK_CHARS, '意见汇总和采纳情况') }, { additionalProperties: false }),
        response: { 200: S.Created, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await publishRecord(ctx, meta(request), request.params.id, request.body.feedback)),
  );
  r.get(
    '/api/v1/participation/public/events/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '活动公告、参加人名单（姓名遮蔽）、记录和意见采纳情况',
        params: IdParams,
        response: { 200: S.PublicEventDetail, ...errors(404) },
      },
    },
    async (request) => unwrap(await publicEvent(ctx, request.params.id)),
  );
  r.post(
    '/api/v1/participation/public/events/:id/registrations',
    {
      config: { public: true, sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '网上报名（无需账号；验证题；每分钟限10次）。姓名、联系方式不公开，名单只显示姓氏',
        params: IdParams,
        body: Type.Object(
          {
            ...Registration.properties,
            humanCheck: Type.Object({ token: Text(300), answer: Text(10) }, { additionalProperties: false }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Registered, ...errors(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { humanCheck, ...input } = request.body;
      return reply.status(201).send(unwrap(await registerOnline(ctx, { actor: null, requestId: request.id }, request.params.id, input, humanCheck)));
    },
  );
}
