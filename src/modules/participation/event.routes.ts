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
import { announceEvent, createEvent } from './event.commands.ts';
import { EVENT_KINDS, EVENT_KIND_CODES, latestMaterialsOn } from './participation.rules.ts';
import { Created, IdParams, Text } from './consultation.routes.ts';
import { gate, loadGate } from './participation.gate.ts';
import * as S from './participation.schemas.ts';
import * as repo from './participation.repository.ts';

export function presentEvent(e: repo.WithUnit<repo.EventRow>, mask: (s: string) => string = (s) => s) {
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
    isDemo: e.is_demo === 1,
  };
}

/** Announced events, every text through the personal-data gate (public pages and API). */
export async function publicEvents(ctx: AppContext, unitCode?: string) {
  await loadGate(ctx.db);
  const today = chinaDate(ctx.clock.now());
  const rows = (await repo.listEvents(ctx.db, { roots: null, announcedOnly: true })).filter((e) => !unitCode || e.unit_code === unitCode);
  return rows.map((e) => presentEvent(e, (s) => gate(s, today)));
}

export function registerEventRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['participation'];

  r.get(
    '/api/v1/participation/events',
    { schema: { tags, summary: '听证会、座谈会等活动（本单位及下级）', response: { 200: S.EventList, ...errors(401) } } },
    async (request) => {
      const roots = scopeRoots(requireActor(request));
      return { items: roots.length ? (await repo.listEvents(ctx.db, { roots })).map((e) => presentEvent(e)) : [] };
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
        response: { 201: Created, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await createEvent(ctx, meta(request), request.body))),
  );
  r.post(
    '/api/v1/participation/events/:id/announce',
    {
      schema: { tags, summary: '发布活动公告', params: IdParams, response: { 200: Created, ...errors(401, 403, 404, 409, 422) } },
    },
    async (request) => unwrap(await announceEvent(ctx, meta(request), request.params.id)),
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
}
