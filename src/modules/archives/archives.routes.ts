/** HTTP for the archive: schedule, settings, filing queue, filing, records, scans, holds, browse, volumes. Thin: schema → command → present. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, errors, FileAnswer, Nullable, Paging } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { readUpload } from '../../platform/http/uploads.ts';
import { RETENTION_IDS } from './archives.rules.ts';
import {
  addScan,
  browseArchive,
  fileDisclosure,
  filingQueue,
  getItem,
  itemFile,
  MAX_SCAN_BYTES,
  registerRecord,
  setLegalHold,
  verifyItem,
  volumePage,
} from './archives.filing.ts';
import { saveClass, saveSettings, scheduleView } from './archives.schedule.ts';
import { loadSettings } from './archives.settings.ts';
import { Id, meta, pageOf, sendFile, tags } from './archives.http.ts';
import { ArchiveSettings, Browse, ClassView, IMAGE, ItemDetail, ItemView, PDF, Queue, ScheduleView, Verify, Volumes } from './archives.schemas.ts';

const ItemOut = ItemView;
const Lines = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20 });

export function registerArchiveRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // ----- the county's table and settings ---------------------------------------------------------------------------
  r.get(
    '/api/v1/archives/schedule',
    { schema: { tags, summary: '县级归档范围和保管期限表（档案类别、保管期限及其来源）', response: { 200: ScheduleView, ...errors(401) } } },
    async (request) => {
      requireActor(request);
      return scheduleView(ctx);
    },
  );
  r.put(
    '/api/v1/archives/schedule/classes/:code',
    {
      schema: {
        tags,
        summary: '新增或修改一个档案类别（县级）',
        params: Type.Object({ code: Type.String({ maxLength: 16 }) }),
        body: Type.Object(
          {
            name: Type.String({ maxLength: 60 }),
            retention: Type.String({ enum: RETENTION_IDS }),
            basis: Type.String({ maxLength: 300 }),
            itemKeys: Type.Array(Type.String({ maxLength: 80 }), { maxItems: 100 }),
            sortOrder: Type.Integer({ minimum: 0, maximum: 100000 }),
            active: Type.Boolean(),
            note: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: ClassView, ...errors(400, 401, 403, 409) },
      },
    },
    async (request) => unwrap(await saveClass(ctx, meta(request), { code: request.params.code, ...request.body })),
  );
  r.get(
    '/api/v1/archives/settings',
    { schema: { tags, summary: '档案设置（借出提醒天数、公开栏巡查周期、整改期限、库房和查阅区制度）', response: { 200: ArchiveSettings, ...errors(401) } } },
    async (request) => {
      requireActor(request);
      return loadSettings(ctx.db);
    },
  );
  r.put(
    '/api/v1/archives/settings',
    {
      schema: {
        tags,
        summary: '修改档案设置（县级）',
        body: Type.Object(
          {
            scheduleSource: Type.String({ maxLength: 500 }),
            loanDays: Type.Integer(),
            inspectionIntervalDays: Type.Integer(),
            rectifyWorkingDays: Type.Integer(),
            storageRules: Lines,
            readingRules: Lines,
          },
          { additionalProperties: false },
        ),
        response: { 200: ArchiveSettings, ...errors(400, 401, 403) },
      },
    },
    async (request) => unwrap(await saveSettings(ctx, meta(request), request.body)),
  );

  // ----- filing -------------------------------------------------------------------------------------------------------
  r.get(
    '/api/v1/archives/queue',
    {
      schema: {
        tags,
        summary: '待归档：公示期满（往期公开）尚未归档的记录，附县级表建议的类别和期限',
        querystring: Type.Object({
          unitCode: Type.Optional(Type.String({ maxLength: 64 })),
          ...Paging,
        }),
        response: { 200: Queue, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await filingQueue(ctx, requireActor(request), { unitCode: request.query.unitCode, ...pageOf(request.query) })),
  );
  r.post(
    '/api/v1/archives/items/file',
    {
      schema: {
        tags,
        summary: '把一条公示期满的记录归入年度卷（档案管理员）：各公开版本、附件、审核签字记录和公开栏照片，每个文件的 SHA-256 记入审计链',
        body: Type.Object(
          { disclosureId: Type.String({ maxLength: 64 }), classCode: Type.Optional(Type.String({ maxLength: 16 })), year: Type.Optional(Type.Integer()) },
          { additionalProperties: false },
        ),
        response: { 200: ItemOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await fileDisclosure(ctx, meta(request), request.body)),
  );
  r.post(
    '/api/v1/archives/items/records',
    {
      schema: {
        tags,
        summary: '登记未公开的纸质档案（会议记录、合同、凭证等）及其存放位置（档案管理员）',
        body: Type.Object(
          {
            unitCode: Type.String({ maxLength: 64 }),
            classCode: Type.String({ maxLength: 16 }),
            year: Type.Integer(),
            title: Type.String({ maxLength: 200 }),
            recordType: Type.String({ maxLength: 40 }),
            formedOn: DateString('形成日期'),
            paperLocation: Type.String({ maxLength: 200 }),
            pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: '页数' })),
            note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: ItemOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await registerRecord(ctx, meta(request), request.body)),
  );
  r.get(
    '/api/v1/archives/items',
    {
      schema: {
        tags,
        summary: '按单位、年度、类别检索档案（管理范围内的全部档案，含未公开的）',
        querystring: Type.Object({
          unitCode: Type.Optional(Type.String({ maxLength: 64 })),
          year: Type.Optional(Type.Integer()),
          classCode: Type.Optional(Type.String({ maxLength: 16 })),
          status: Type.Optional(Type.String({ enum: ['filed', 'destroyed'] })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          dueForAppraisal: Type.Optional(Type.Boolean({ description: 'true：只看保管期满、待鉴定的档案' })),
          ...Paging,
        }),
        response: { 200: Browse, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await browseArchive(ctx, requireActor(request), request.query)),
  );
  r.get(
    '/api/v1/archives/items/:id',
    { schema: { tags, summary: '一件档案及其文件', params: Id, response: { 200: ItemDetail, ...errors(401, 404) } } },
    async (request) => unwrap(await getItem(ctx, requireActor(request), request.params.id)),
  );
  r.get(
    '/api/v1/archives/items/:id/verify',
    {
      schema: {
        tags,
        summary: '核对一件档案：重新计算每个文件的 SHA-256，与审计链中归档时记录的值比对',
        params: Id,
        response: { 200: Verify, ...errors(401, 404) },
      },
    },
    async (request) => unwrap(await verifyItem(ctx, requireActor(request), request.params.id)),
  );
  r.get(
    '/api/v1/archives/items/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: '下载档案中的一个文件',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), fileId: Type.String({ maxLength: 64 }) }),
        response: { 200: FileAnswer([PDF, ...IMAGE, 'application/json'], '文件（公开版本为 JSON，附件、照片、扫描件为 PDF 或图片）'), ...errors(401, 404) },
      },
    },
    async (request, reply) => sendFile(reply, unwrap(await itemFile(ctx, requireActor(request), request.params.id, request.params.fileId))),
  );
  r.post(
    '/api/v1/archives/items/:id/scans',
    {
      schema: {
        tags,
        summary: '为纸质档案添加扫描件（PDF、PNG、JPEG，multipart 字段 file）',
        params: Id,
        response: { 200: ItemOut, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const m = meta(request);
      const up = unwrap(await readUpload(request, { maxBytes: MAX_SCAN_BYTES, what: '扫描件' }));
      if (!up.file || up.file.buffer.length === 0) return unwrap(fail(400, 'FILE_REQUIRED', '请选择要上传的扫描件（字段 file）'));
      return unwrap(await addScan(ctx, m, request.params.id, up.file));
    },
  );
  r.post(
    '/api/v1/archives/items/:id/hold',
    {
      schema: {
        tags,
        summary: '设置或解除法律保全（保全中的档案不能销毁）',
        params: Id,
        body: Type.Object({ hold: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 300 })) }, { additionalProperties: false }),
        response: { 200: ItemOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await setLegalHold(ctx, meta(request), request.params.id, request.body)),
  );
  r.get(
    '/api/v1/archives/units/:code/volumes',
    {
      schema: {
        tags,
        summary: '一个单位（含下级）的年度卷（年度 × 类别）及件数，分页',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object(Paging),
        response: { 200: Volumes, ...errors(400, 401, 404) },
      },
    },
    async (request) => unwrap(await volumePage(ctx, requireActor(request), request.params.code, pageOf(request.query))),
  );
}
