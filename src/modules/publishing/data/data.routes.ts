/** HTTP for a disclosure's structured data: attachments, finance statement, recipient lists, 公开栏 evidence. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../platform/context.ts';
import { chinaDate } from '../../../platform/context.ts';
import { requireActor } from '../../../platform/http/auth-hooks.ts';
import { errors } from '../../../platform/http/schemas.ts';
import { fail, unwrap, type Result } from '../../../platform/result.ts';
import { findUnit } from '../../org/index.ts';
import { sniffFileType } from '../pii/attachments.ts';
import { maskAll, type PiiDecision } from '../pii/pii-scan.ts';
import { piiRules } from '../pii-config.ts';
import { buildFinanceTemplate } from '../finance/finance-statement.ts';
import { isUnitStaff } from '../disclosure.workflow.ts';
import { publicStatusOf } from '../disclosure.queries.ts';
import {
  addAttachment,
  addEvidence,
  ATTACHMENT_TYPES,
  deleteAttachment,
  listEvidence,
  MAX_ATTACHMENT_BYTES,
  MAX_EVIDENCE_BYTES,
  originalIsPublic,
  removeTable,
  reviewAttachment,
  uploadFinanceStatement,
  uploadRecipientList,
  type AttachmentType,
  type FileReview,
} from './data.commands.ts';
import { decisionsAsOf, staffAttachmentOf } from './data.queries.ts';
import { readStoredFile } from './files.ts';
import { readUpload as readMultipart } from '../../../platform/http/uploads.ts';
import { periodRange } from './structured.ts';
import { RECIPIENT_LIST_TYPES } from './recipient-lists.ts';
import { findAttachment, findVersionOrThrow } from '../disclosure.repository.ts';
import { findDisclosureRow } from '../disclosure-refs.repository.ts';
import { FinanceStatementUploadSchema, RecipientListUploadSchema, StaffAttachmentSchema } from '../disclosure.responses.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const IdAid = Type.Object({ id: Type.String({ maxLength: 64 }), aid: Type.String({ maxLength: 64 }) });
const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpeg: 'image/jpeg',
};
const TYPE_NAMES = 'PDF、Excel（.xlsx）、Word（.docx）、PNG 图片、JPEG 图片';


interface Upload {
  buffer: Buffer;
  filename: string | undefined;
  fields: Record<string, string>;
}

/** One file (field `file`) plus text fields (platform/http/uploads.ts: 415 / 413 / 400 for every bad body). */
async function readUpload(request: FastifyRequest, maxBytes: number, what: string): Promise<Result<Upload>> {
  const up = await readMultipart(request, { maxBytes, what });
  if (!up.ok) return up;
  const { file, fields } = up.value;
  if (!file || file.buffer.length === 0) return fail(400, 'FILE_REQUIRED', `请选择要上传的${what}（字段 file）`);
  return { ok: true, value: { buffer: file.buffer, filename: file.filename, fields } };
}

function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  return `${kind}; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerDataRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['publishing'];
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const multipartDoc = { consumes: ['multipart/form-data'] };

  r.post(
    '/api/v1/disclosures/:id/attachments',
    {
      schema: {
        tags,
        ...multipartDoc,
        summary: `上传附件（草稿；按文件内容判断类型：${TYPE_NAMES}；不超过 20 MB）。Excel/Word 的文字会检查个人信息，PDF 和图片须审核人员人工核对`,
        params: Id,
        response: { 201: StaffAttachmentSchema, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const m = meta(request);
      const up = unwrap(await readUpload(request, MAX_ATTACHMENT_BYTES, '附件'));
      const type = await sniffFileType(up.buffer);
      if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
        return unwrap(fail(415, 'UNSUPPORTED_FILE_TYPE', `不支持该文件类型（按文件内容判断，与文件名无关）。只能上传：${TYPE_NAMES}`));
      }
      const att = unwrap(await addAttachment(ctx, m, request.params.id, { buffer: up.buffer, filename: up.filename, type: type as AttachmentType }));
      return reply.status(201).send(staffAttachmentOf(request.params.id, att));
    },
  );

  r.get(
    '/api/v1/disclosures/:id/attachments/:aid',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '下载附件原件（本单位工作人员；公众仅在内容已发布且审核人员确认原件可公开时）',
        params: IdAid,
        response: { ...errors(403, 404) },
      },
    },
    async (request, reply) => {
      const { id, aid } = request.params;
      const row = await findDisclosureRow(ctx.db, id);
      const unit = row ? await findUnit(ctx.db, row.unit_code) : undefined;
      const att = row ? await findAttachment(ctx.db, id, aid) : undefined;
      if (!row || !unit || !att) return unwrap(fail(404, 'ATTACHMENT_NOT_FOUND', '附件不存在'));
      let name = att.name;
      if (!isUnitStaff(request.actor, unit.path)) {
        // A scheduled record is public from its time on (reads never write).
        if (!publicStatusOf(row, ctx.clock.now().toISOString())) return unwrap(fail(404, 'ATTACHMENT_NOT_FOUND', '附件不存在'));
        const cur = await findVersionOrThrow(ctx.db, id, row.current_version);
        const decisions = decisionsAsOf(JSON.parse(row.pii_decisions_json) as PiiDecision[], cur.created_at);
        if (!originalIsPublic(att, decisions, chinaDate(ctx.clock.now()))) {
          return unwrap(fail(403, 'ORIGINAL_NOT_PUBLIC', att.extracted_text ? '该附件原件不公开，请在信息页面在线查看（个人信息已遮盖）' : '该附件原件不公开'));
        }
        // The file name the public sees is the masked one, as in the list of attachments.
        name = maskAll(att.name, piiRules(), { today: chinaDate(ctx.clock.now()), decisions });
      }
      const buf = await readStoredFile(ctx.config.dataDir, att.sha256);
      const inline = att.type === 'pdf' || att.type === 'png' || att.type === 'jpeg';
      return reply
        .headers({ 'content-type': MIME[att.type] ?? 'application/octet-stream', 'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', name), 'cache-control': 'private, no-store' })
        .send(buf);
    },
  );

  r.delete(
    '/api/v1/disclosures/:id/attachments/:aid',
    { schema: { tags, summary: '删除附件（仅草稿或被退回的）', params: IdAid, response: { 200: Type.Object({ deleted: Type.String() }), ...errors(401, 403, 404, 409) } } },
    async (request) => unwrap(await deleteAttachment(ctx, meta(request), request.params.id, request.params.aid)),
  );

  r.post(
    '/api/v1/disclosures/:id/attachments/:aid/review',
    {
      schema: {
        tags,
        summary: '审核人员核对附件中的个人信息：不含个人信息 / 允许公开（须说明理由）/ 原件不公开。PDF 和图片发布前必须核对',
        params: IdAid,
        body: Type.Object({ action: Type.String({ enum: ['no_personal_data', 'allow', 'withhold'] }), reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
        response: { 200: StaffAttachmentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => staffAttachmentOf(request.params.id, unwrap(await reviewAttachment(ctx, meta(request), request.params.id, request.params.aid, request.body as { action: FileReview; reason?: string }))),
  );

  r.get(
    '/api/v1/publishing/templates/finance.xlsx',
    {
      schema: {
        tags,
        summary: '下载村级财务收支明细 Excel 模板（本单位工作人员）',
        querystring: Type.Object({ unit: Type.String({ maxLength: 64 }), period: Type.String({ pattern: '^\\d{4}-(Q[1-4]|0[1-9]|1[0-2])$', description: '月份 2026-10 或季度 2026-Q4' }) }),
        response: { ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const unit = await findUnit(ctx.db, request.query.unit);
      if (!unit || !isUnitStaff(actor, unit.path)) return unwrap(fail(404, 'UNIT_NOT_FOUND', `单位不存在：${request.query.unit}`));
      const range = periodRange(request.query.period)!;
      const buf = await buildFinanceTemplate({ unitName: unit.name, period: range.label });
      return reply.headers({ 'content-type': MIME.xlsx, 'content-disposition': contentDisposition('attachment', `${unit.name}${range.label}村级财务收支明细.xlsx`) }).send(buf);
    },
  );

  r.post(
    '/api/v1/disclosures/:id/finance-statement',
    {
      schema: {
        tags,
        ...multipartDoc,
        summary: '上传村级财务收支明细（.xlsx，按公开期间核对日期和余额）；有任何问题则不保存并逐项列出',
        params: Id,
        response: {
          200: FinanceStatementUploadSchema,
          ...errors(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request) => {
      const m = meta(request);
      const up = unwrap(await readUpload(request, MAX_ATTACHMENT_BYTES, '财务收支明细 Excel 文件'));
      if ((await sniffFileType(up.buffer)) !== 'xlsx') return unwrap(fail(415, 'NOT_XLSX', '文件不是 Excel 工作簿（.xlsx）。请使用下载的模板填写后上传'));
      return unwrap(await uploadFinanceStatement(ctx, m, request.params.id, up.buffer));
    },
  );

  r.get(
    '/api/v1/publishing/recipient-list-types',
    {
      schema: {
        tags,
        summary: '名单类型及允许公开的栏目（其他栏目上传时删除）',
        response: { 200: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), source: Type.String(), columns: Type.Array(Type.Object({ header: Type.String(), aliases: Type.Array(Type.String()), required: Type.Boolean() })) })), ...errors(401) },
      },
    },
    async (request) => {
      requireActor(request);
      return RECIPIENT_LIST_TYPES.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, aliases: [...c.aliases] })) }));
    },
  );

  r.post(
    '/api/v1/disclosures/:id/recipient-list',
    {
      schema: {
        tags,
        ...multipartDoc,
        summary: '上传低保、特困、补贴等名单（.xlsx + listType）；只保留允许公开的栏目，其余栏目（身份证号、电话、住址等）删除并在结果中列出',
        params: Id,
        response: { 200: RecipientListUploadSchema, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const m = meta(request);
      const up = unwrap(await readUpload(request, MAX_ATTACHMENT_BYTES, '名单 Excel 文件'));
      if ((await sniffFileType(up.buffer)) !== 'xlsx') return unwrap(fail(415, 'NOT_XLSX', '文件不是 Excel 工作簿（.xlsx）。如为 .xls 或 .csv，请在 Excel 中另存为 .xlsx 后上传'));
      return unwrap(await uploadRecipientList(ctx, m, request.params.id, up.fields.listType, up.buffer));
    },
  );

  r.delete(
    '/api/v1/disclosures/:id/tables/:kind',
    {
      schema: {
        tags,
        summary: '删除草稿中的结构化表格（finance：财务收支明细；recipients：名单）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), kind: Type.String({ enum: ['finance', 'recipients'] }) }),
        response: { 200: Type.Object({ removed: Type.String() }), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await removeTable(ctx, meta(request), request.params.id, request.params.kind as 'finance' | 'recipients')),
  );

  const EvidenceSchema = Type.Object({ id: Type.String(), channel: Type.String(), takenOn: Type.String(), type: Type.String(), size: Type.Integer(), sha256: Type.String(), createdAt: Type.String(), createdBy: Type.String() });
  const evidenceView = (e: { id: string; channel: string; taken_on: string; type: string; size: number; sha256: string; created_at: string; created_by: string }) => ({
    id: e.id,
    channel: e.channel,
    takenOn: e.taken_on,
    type: e.type,
    size: e.size,
    sha256: e.sha256,
    createdAt: e.created_at,
    createdBy: e.created_by,
  });

  r.post(
    '/api/v1/disclosures/:id/evidence',
    {
      schema: {
        tags,
        ...multipartDoc,
        summary: '上传公开栏张贴照片存证（PNG/JPEG，不超过 10 MB，字段 takenOn 为拍照日期；照片不公开）',
        params: Id,
        response: { 201: EvidenceSchema, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const m = meta(request);
      const up = unwrap(await readUpload(request, MAX_EVIDENCE_BYTES, '张贴照片'));
      const type = await sniffFileType(up.buffer);
      if (type !== 'png' && type !== 'jpeg') return unwrap(fail(415, 'UNSUPPORTED_FILE_TYPE', '张贴照片只能是 PNG 或 JPEG 图片（按文件内容判断）'));
      const ev = unwrap(await addEvidence(ctx, m, request.params.id, { buffer: up.buffer, type, takenOn: up.fields.takenOn }));
      return reply.status(201).send(evidenceView(ev));
    },
  );

  r.get(
    '/api/v1/disclosures/:id/evidence',
    { schema: { tags, summary: '公开栏张贴存证列表（本单位工作人员）', params: Id, response: { 200: Type.Array(EvidenceSchema), ...errors(401, 404) } } },
    async (request) => unwrap(await listEvidence(ctx, meta(request), request.params.id)).map(evidenceView),
  );

  r.get(
    '/api/v1/disclosures/:id/evidence/:aid',
    { schema: { tags, summary: '查看张贴照片（本单位工作人员；照片可能拍到群众，不公开）', params: IdAid, response: { ...errors(401, 404) } } },
    async (request, reply) => {
      const list = unwrap(await listEvidence(ctx, meta(request), request.params.id));
      const ev = list.find((e) => e.id === request.params.aid);
      if (!ev) return unwrap(fail(404, 'EVIDENCE_NOT_FOUND', '存证照片不存在'));
      return reply.headers({ 'content-type': MIME[ev.type], 'cache-control': 'private, no-store' }).send(await readStoredFile(ctx.config.dataDir, ev.sha256));
    },
  );
}
