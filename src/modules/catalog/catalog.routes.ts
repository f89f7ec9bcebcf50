import { readUpload } from '../../platform/http/uploads.ts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, errors, isRealDate } from '../../platform/http/schemas.ts';
import { fail, unwrap } from '../../platform/result.ts';
import { findUnit } from '../org/index.ts';
import { CHANNELS } from './catalog.types.ts';
import { describeDisplayRule, describeTimeRule, formatChannels } from './catalog.text.ts';
import { domainMap, findVersion, listDomains, listVersionItems, listVersions, toItem, loadGoverningVersions } from './catalog.repository.ts';
import {
  addDraftItem,
  addExclusion,
  addLocalItem,
  createDraft,
  deleteDraftItem,
  diffVersions,
  publishVersion,
  recordEvent,
  removeExclusion,
  retireLocalItem,
  setBusyFinance,
  setUnitDomains,
  toVersionView,
  updateDraftItem,
} from './catalog.commands.ts';
import { canReadUnitObligations } from './catalog.policy.ts';
import { loadUnitCatalog, unitObligations } from './catalog.service.ts';
import { exportCatalogXlsx } from './catalog.excel.ts';
import { importCatalogWorkbook, MAX_IMPORT_BYTES } from './catalog.import.ts';
import type { CatalogItem, CatalogKind } from './catalog.types.ts';
import { sniffFileType } from '../../platform/files/sniff.ts';
import {
  CatalogImportSchema,
  CatalogParam,
  CurrentItemsSchema,
  DomainListSchema,
  ItemSchema,
  Level,
  UnitCatalogSchema,
  VersionDiffSchema,
  VersionListSchema,
  VersionSchema,
} from './catalog.schemas.ts';

const RuleInput = Type.Union([Type.String({ maxLength: 200 }), Type.Object({ kind: Type.String() }, { additionalProperties: true })]);
const ItemBodyFields = {
  domainCode: Type.String({ maxLength: 40 }),
  level1: Type.String({ maxLength: 100 }),
  level2: Type.String({ maxLength: 100 }),
  elements: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 }),
  bases: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 30 }),
  timeRule: RuleInput,
  displayRule: Type.Optional(RuleInput),
  subject: Type.String({ maxLength: 200 }),
  channels: Type.Union([
    Type.String({ maxLength: 500 }),
    Type.Array(Type.Object({ channel: Type.String({ maxLength: 60 }), required: Type.Boolean() }, { additionalProperties: false }), {
      maxItems: CHANNELS.length,
    }),
  ]),
  audience: Type.String({ enum: ['public', 'specific'] }),
  mode: Type.String({ enum: ['proactive', 'on_request'] }),
  levels: Type.Array(Level, { maxItems: 3 }),
  source: Type.Optional(Type.String({ maxLength: 1000 })),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
};
const ItemBody = Type.Object(ItemBodyFields, { additionalProperties: false });
const ItemPatch = Type.Partial(Type.Object(ItemBodyFields), { additionalProperties: false });
const LocalItemBody = Type.Object({ ...ItemBodyFields, levels: Type.Optional(Type.Array(Level, { maxItems: 3 })) }, { additionalProperties: false });

const ObligationSchema = Type.Object({
  itemId: Type.String(),
  itemKey: Type.String(),
  itemName: Type.String(),
  period: Type.String(),
  periodLabel: Type.String(),
  eventId: Type.Union([Type.String(), Type.Null()]),
  dueDate: Type.String(),
  displayUntilAtLeast: Type.Union([Type.String(), Type.Null()]),
  displayUntilText: Type.Union([Type.String(), Type.Null()]),
  provisional: Type.Boolean(),
  reasons: Type.Array(Type.String()),
});

/** The API view of an item: structure plus the plain words the portal prints. */
export function itemView(i: ReturnType<typeof toItem>) {
  return {
    ...i,
    timeRuleText: describeTimeRule(i.timeRule),
    displayRuleText: describeDisplayRule(i.displayRule),
    channelsText: formatChannels(i.channels),
  };
}

const MAX_RANGE_DAYS = 3 * 366;

export function registerCatalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: { actor: unknown; id: string }) => ({ actor: requireActor(request as never), requestId: request.id });

  r.get(
    '/api/v1/catalog/domains',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: '目录的领域（政务）和类别（村务）（公开）',
        querystring: Type.Object({ catalog: Type.Optional(CatalogParam) }),
        response: { 200: DomainListSchema },
      },
    },
    async (request) => ({ items: (await listDomains(ctx.db, request.query.catalog)).map((d) => ({ ...d, catalog: d.catalog as 'government' | 'village' })) }),
  );

  r.get(
    '/api/v1/catalog/items',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: '现行标准目录的事项（公开）',
        querystring: Type.Object({ catalog: Type.Optional(CatalogParam), domain: Type.Optional(Type.String({ maxLength: 40 })), level: Type.Optional(Level) }),
        response: { 200: CurrentItemsSchema, ...errors(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const domains = await domainMap(ctx.db);
      if (q.domain && !domains.has(q.domain)) unwrap(fail(400, 'UNKNOWN_DOMAIN', `未知的领域或类别：${q.domain}`));
      const today = chinaDate(ctx.clock.now());
      const catalogs = q.catalog ? [q.catalog] : (['government', 'village'] as const);
      const versions = [];
      const items = [];
      for (const c of catalogs) {
        const gv = await loadGoverningVersions(ctx.db, c);
        const inForce = gv.filter((v) => v.version.effective_from! <= today).pop() ?? gv[0];
        if (!inForce) continue;
        versions.push(toVersionView(inForce.version));
        for (const it of inForce.items) {
          if (q.domain && it.domain_code !== q.domain) continue;
          if (q.level && !(JSON.parse(it.levels_json) as string[]).includes(q.level)) continue;
          items.push(itemView(toItem(it, domains)));
        }
      }
      return { versions, items };
    },
  );

  r.get(
    '/api/v1/catalog/versions',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: '目录版本历史（公开）',
        querystring: Type.Object({ catalog: Type.Optional(CatalogParam) }),
        response: { 200: VersionListSchema },
      },
    },
    async (request) => ({ items: (await listVersions(ctx.db, request.query.catalog)).map(toVersionView) }),
  );

  r.get(
    '/api/v1/catalog/versions/:id',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: '某一版本及其全部事项（公开）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ version: VersionSchema, items: Type.Array(ItemSchema) }), ...errors(404) },
      },
    },
    async (request) => {
      const v = await findVersion(ctx.db, request.params.id);
      if (!v) return unwrap(fail(404, 'VERSION_NOT_FOUND', '目录版本不存在'));
      const domains = await domainMap(ctx.db);
      return { version: toVersionView(v), items: (await listVersionItems(ctx.db, [v.id])).map((i) => itemView(toItem(i, domains))) };
    },
  );

  r.get(
    '/api/v1/catalog/versions/:id/diff/:otherId',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: '两个版本之间的差异（按事项编号比较，公开）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), otherId: Type.String({ maxLength: 64 }) }),
        response: {
          200: VersionDiffSchema,
          ...errors(400, 404),
        },
      },
    },
    async (request) => {
      const d = unwrap(await diffVersions(ctx.db, request.params.id, request.params.otherId));
      return {
        ...d,
        added: d.added.map(itemView),
        removed: d.removed.map(itemView),
        changed: d.changed.map((c) => ({ key: c.key, fields: c.fields, before: itemView(c.before), after: itemView(c.after) })),
      };
    },
  );

  r.post(
    '/api/v1/catalog/versions',
    {
      schema: {
        tags: ['catalog'],
        summary: '新建草稿版本（复制现行版本；县级管理员）',
        body: Type.Object({ catalog: CatalogParam }, { additionalProperties: false }),
        response: { 201: VersionSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await createDraft(ctx, meta(request), request.body.catalog))),
  );

  r.post(
    '/api/v1/catalog/versions/:id/items',
    {
      schema: {
        tags: ['catalog'],
        summary: '在草稿中新增事项（县级管理员）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: ItemBody,
        response: { 201: ItemSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(itemView(unwrap(await addDraftItem(ctx, meta(request), request.params.id, request.body)))),
  );

  r.patch(
    '/api/v1/catalog/versions/:id/items/:itemId',
    {
      schema: {
        tags: ['catalog'],
        summary: '修改草稿中的事项（县级管理员）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), itemId: Type.String({ maxLength: 64 }) }),
        body: ItemPatch,
        response: { 200: ItemSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => itemView(unwrap(await updateDraftItem(ctx, meta(request), request.params.id, request.params.itemId, request.body))),
  );

  r.delete(
    '/api/v1/catalog/versions/:id/items/:itemId',
    {
      schema: {
        tags: ['catalog'],
        summary: '删除草稿中的事项（县级管理员）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), itemId: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await deleteDraftItem(ctx, meta(request), request.params.id, request.params.itemId)),
  );

  r.post(
    '/api/v1/catalog/versions/:id/publish',
    {
      schema: {
        tags: ['catalog'],
        summary: '发布草稿（须说明调整原因；县级管理员）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          { reason: Type.String({ maxLength: 1000 }), effectiveFrom: Type.Optional(DateString('生效日期，默认为今天')) },
          { additionalProperties: false },
        ),
        response: { 200: VersionSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await publishVersion(ctx, meta(request), request.params.id, request.body)),
  );

  const UnitParams = Type.Object({ code: Type.String({ maxLength: 64 }) });

  r.get(
    '/api/v1/units/:code/catalog',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: '单位的公开目录：适用的标准事项、自增事项和不适用事项（公开，条例第十二条）',
        params: UnitParams,
        response: {
          200: UnitCatalogSchema,
          ...errors(404),
        },
      },
    },
    async (request) => {
      const unit = await findUnit(ctx.db, request.params.code);
      if (!unit) return unwrap(fail(404, 'UNIT_NOT_FOUND', `单位不存在：${request.params.code}`));
      const view = await loadUnitCatalog(ctx.db, unit, chinaDate(ctx.clock.now()));
      return {
        ...view,
        items: view.items.map(itemView),
        localItems: view.localItems.map(itemView),
        excluded: view.excluded.map((e) => ({ ...e, item: itemView(e.item) })),
      };
    },
  );

  r.post(
    '/api/v1/units/:code/local-items',
    {
      schema: {
        tags: ['catalog'],
        summary: '本单位自增事项（须写明公开依据）',
        params: UnitParams,
        body: LocalItemBody,
        response: { 201: ItemSchema, ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(itemView(unwrap(await addLocalItem(ctx, meta(request), request.params.code, { ...request.body, levels: request.body.levels ?? [] })))),
  );

  r.delete(
    '/api/v1/units/:code/local-items/:key',
    {
      schema: {
        tags: ['catalog'],
        summary: '停用本单位自增事项（保留历史）',
        params: Type.Object({ code: Type.String({ maxLength: 64 }), key: Type.String({ maxLength: 120 }) }),
        response: { 200: Type.Object({ retired: Type.Boolean() }), ...errors(401, 404, 409) },
      },
    },
    async (request) => unwrap(await retireLocalItem(ctx, meta(request), request.params.code, request.params.key)),
  );

  r.post(
    '/api/v1/units/:code/exclusions',
    {
      schema: {
        tags: ['catalog'],
        summary: '标记标准事项对本单位不适用（须说明原因）',
        params: UnitParams,
        body: Type.Object({ itemKey: Type.String({ maxLength: 120 }), reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ itemKey: Type.String(), reason: Type.String() }), ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await addExclusion(ctx, meta(request), request.params.code, request.body))),
  );

  r.delete(
    '/api/v1/units/:code/exclusions/:itemKey',
    {
      schema: {
        tags: ['catalog'],
        summary: '撤销“不适用”标记',
        params: Type.Object({ code: Type.String({ maxLength: 64 }), itemKey: Type.String({ maxLength: 120 }) }),
        response: { 200: Type.Object({ removed: Type.Boolean() }), ...errors(401, 404, 409) },
      },
    },
    async (request) => unwrap(await removeExclusion(ctx, meta(request), request.params.code, request.params.itemKey)),
  );

  r.put(
    '/api/v1/units/:code/catalog-settings',
    {
      schema: {
        tags: ['catalog'],
        summary: '设置村（社区）“集体财务往来较多”（财务每月公开，否则每季度）',
        params: UnitParams,
        body: Type.Object({ busyFinance: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ unitCode: Type.String(), busyFinance: Type.Boolean() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => unwrap(await setBusyFinance(ctx, meta(request), request.params.code, request.body.busyFinance)),
  );

  r.post(
    '/api/v1/units/:code/events',
    {
      schema: {
        tags: ['catalog'],
        summary: '登记触发公开时限的事项（信息形成、批准、事件发生等）',
        params: UnitParams,
        body: Type.Object(
          { itemId: Type.String({ maxLength: 64 }), occurredOn: DateString('发生日期'), title: Type.String({ maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            unitCode: Type.String(),
            itemId: Type.String(),
            itemKey: Type.String(),
            occurredOn: Type.String(),
            title: Type.String(),
            createdAt: Type.String(),
          }),
          ...errors(400, 401, 404, 409),
        },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await recordEvent(ctx, meta(request), request.params.code, request.body))),
  );

  r.get(
    '/api/v1/units/:code/obligations',
    {
      schema: {
        tags: ['catalog'],
        summary: '单位在日期范围内的公开义务（截止日期与最早撤下日期；本单位及上级工作人员）',
        params: UnitParams,
        querystring: Type.Object({ from: DateString('起始日期（含）'), to: DateString('截止日期（含），跨度不超过3年') }),
        response: { 200: Type.Array(ObligationSchema), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { from, to } = request.query;
      if (!isRealDate(from)) return unwrap(fail(400, 'INVALID_DATE', `起始日期“${from}”不是有效日期`));
      if (!isRealDate(to)) return unwrap(fail(400, 'INVALID_DATE', `截止日期“${to}”不是有效日期`));
      if (from > to) return unwrap(fail(400, 'INVALID_RANGE', '起始日期不能晚于截止日期'));
      const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
      if (days > MAX_RANGE_DAYS) return unwrap(fail(400, 'RANGE_TOO_LONG', '查询跨度不能超过3年'));
      const unit = await findUnit(ctx.db, request.params.code);
      if (!unit || !canReadUnitObligations(actor, unit.path)) return unwrap(fail(404, 'UNIT_NOT_FOUND', `单位不存在：${request.params.code}`));
      return unitObligations(ctx, unit, from, to);
    },
  );

  r.get(
    '/api/v1/catalog/export.xlsx',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: '导出目录为 Excel（标准列格式，可重新导入）',
        querystring: Type.Object({
          catalog: Type.Optional(CatalogParam),
          domain: Type.Optional(Type.String({ maxLength: 64 })),
          unit: Type.Optional(Type.String({ maxLength: 64, description: '只导出该单位适用的事项（含本单位自行增加的事项）' })),
          version: Type.Optional(Type.String({ maxLength: 64, description: '版本 id；默认现行版本' })),
        }),
        response: { ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const domains = await domainMap(ctx.db);
      if (q.domain && !domains.has(q.domain)) return unwrap(fail(400, 'UNKNOWN_DOMAIN', `未知的领域或类别：${q.domain}`));
      const today = chinaDate(ctx.clock.now());
      let items: CatalogItem[];
      let catalog: CatalogKind;
      let label: string;
      let title: string;
      if (q.unit) {
        const unit = await findUnit(ctx.db, q.unit);
        if (!unit) return unwrap(fail(404, 'UNIT_NOT_FOUND', `单位不存在：${q.unit}`));
        const view = await loadUnitCatalog(ctx.db, unit, today);
        if (q.catalog && q.catalog !== view.catalog)
          return unwrap(fail(400, 'CATALOG_MISMATCH', `${unit.name}适用的是${view.catalog === 'village' ? '村（居）务' : '政务'}公开目录`));
        catalog = view.catalog;
        items = [...view.items, ...view.localItems];
        label = view.version ? `第${view.version.number}版` : '';
        title = `${unit.name}公开事项目录`;
      } else {
        catalog = q.catalog ?? (q.domain ? (domains.get(q.domain)!.catalog as CatalogKind) : 'government');
        let version;
        if (q.version) {
          version = await findVersion(ctx.db, q.version);
          if (!version) return unwrap(fail(404, 'VERSION_NOT_FOUND', '目录版本不存在'));
          catalog = version.catalog as CatalogKind;
        } else {
          const gv = await loadGoverningVersions(ctx.db, catalog);
          version = (gv.filter((v) => v.version.effective_from! <= today).pop() ?? gv[0])?.version;
        }
        if (!version) return unwrap(fail(404, 'VERSION_NOT_FOUND', '该目录还没有版本'));
        items = (await listVersionItems(ctx.db, [version.id])).map((i) => toItem(i, domains));
        label = `第${version.number}版${version.status === 'draft' ? '（草稿）' : version.effective_from ? `（${version.effective_from}起施行）` : ''}`;
        title = catalog === 'government' ? '基层政务公开标准目录' : '村（居）务公开目录';
      }
      if (q.domain) items = items.filter((i) => i.domainCode === q.domain);
      const domainList = [...domains.values()]
        .filter((d) => d.catalog === catalog)
        .sort((a, b) => a.sort - b.sort)
        .map((d) => ({ code: d.code, name: d.name }));
      const buffer = await exportCatalogXlsx(items, { title, domains: domainList, versionLabel: label });
      const filename = `${title}${q.domain ? `-${domains.get(q.domain)!.name}` : ''}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="catalog.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(buffer);
    },
  );

  r.post(
    '/api/v1/catalog/import',
    {
      schema: {
        tags: ['catalog'],
        summary: '从 Excel 导入到草稿版本（multipart: catalog 字段 + file）；任何一行有误则全部不导入',
        consumes: ['multipart/form-data'],
        response: { 200: CatalogImportSchema, ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const up = await readUpload(request, { maxBytes: MAX_IMPORT_BYTES, what: '.xlsx 文件' });
      if (!up.ok)
        return unwrap(
          up.status === 415
            ? fail(415, 'MULTIPART_REQUIRED', '请以 multipart/form-data 上传 .xlsx 文件（字段 file），并注明目录 catalog=government 或 village')
            : up,
        );
      const catalog = up.value.fields.catalog;
      const file = up.value.file?.buffer;
      if (catalog !== 'government' && catalog !== 'village')
        return unwrap(fail(400, 'CATALOG_REQUIRED', '请指明导入到哪个目录：catalog=government（政务）或 village（村居务）'));
      if (!file || file.length === 0) return unwrap(fail(400, 'FILE_REQUIRED', '请选择要导入的 .xlsx 文件（字段 file）'));
      // Judge the file by its content, not its name: an .xlsx is a zip (PK\x03\x04) holding xl/workbook.xml.
      if ((await sniffFileType(file)) !== 'xlsx')
        return unwrap(fail(415, 'NOT_XLSX', '文件不是 Excel 工作簿（.xlsx）。如为 .xls 或 .csv，请在 Excel 中另存为 .xlsx 后导入'));
      return unwrap(await importCatalogWorkbook(ctx, { actor, requestId: request.id }, catalog, file));
    },
  );

  r.put(
    '/api/v1/units/:code/domains',
    {
      schema: {
        tags: ['catalog'],
        summary: '设定县政府部门负责的公开领域（县级管理员）；部门只承担这些领域的目录事项',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: Type.Object({ domainCodes: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ unitCode: Type.String(), domainCodes: Type.Array(Type.String()) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return unwrap(await setUnitDomains(ctx, { actor, requestId: request.id }, request.params.code, request.body.domainCodes));
    },
  );
}
