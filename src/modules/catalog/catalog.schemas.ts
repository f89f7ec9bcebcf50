/**
 * TypeBox schemas of the catalog API's rule data: 公开时限 (TimeRule) and 公示期 (DisplayRule) exactly as
 * time-rule.ts defines them, so the OpenAPI document and the admin SPA (type-only) see their real shape.
 * Pure: imports nothing but TypeBox.
 */
import { Type, type Static } from 'typebox';

const N = (description: string) => Type.Integer({ minimum: 0, description });

export const TimeRule = Type.Union(
  [
    Type.Object({
      kind: Type.Literal('triggered'),
      trigger: Type.Union(
        [
          Type.Literal('formed_or_changed'),
          Type.Literal('made_or_obtained'),
          Type.Literal('approved'),
          Type.Literal('replied'),
          Type.Literal('event_occurred'),
        ],
        {
          description: '起算事实：信息形成或变更、制定或获取、批准、批复、事项发生',
        },
      ),
      n: N('天数'),
      unit: Type.Union([Type.Literal('working_days'), Type.Literal('calendar_days')]),
    }),
    Type.Object({ kind: Type.Literal('immediate'), n: N('事件发生后几个工作日内（即时公开）') }),
    Type.Object({
      kind: Type.Literal('recurring'),
      frequency: Type.Union([Type.Literal('yearly'), Type.Literal('quarterly'), Type.Literal('monthly'), Type.Literal('finance_adaptive')], {
        description: 'finance_adaptive：财务往来较多的村每月公开，其余至少每季度',
      }),
      due: Type.Union([
        Type.Object({ type: Type.Literal('day_in_period'), monthOfPeriod: Type.Integer(), day: Type.Integer() }),
        Type.Object({ type: Type.Literal('day_in_next_period'), monthOfPeriod: Type.Integer(), day: Type.Integer() }),
        Type.Object({ type: Type.Literal('working_days_after_start'), n: Type.Integer() }),
        Type.Object({ type: Type.Literal('working_days_after_end'), n: Type.Integer() }),
      ]),
      shiftToWorkday: Type.Boolean({ description: '到期日为休息日的，顺延至下一个工作日' }),
    }),
    Type.Object({ kind: Type.Literal('long_term'), updateWithinWorkingDays: N('变化后几个工作日内更新（长期公开）') }),
  ],
  { description: '公开时限（结构化）' },
);
export type TimeRuleSchema = Static<typeof TimeRule>;

export const DisplayRule = Type.Union(
  [
    Type.Object({ kind: Type.Literal('none') }),
    Type.Object({ kind: Type.Literal('min_working_days'), n: N('至少公示几个工作日') }),
    Type.Object({ kind: Type.Literal('until'), until: Type.String({ description: '公示至何时（文字）' }) }),
  ],
  { description: '公示期（结构化）' },
);
export type DisplayRuleSchema = Static<typeof DisplayRule>;

export const CatalogParam = Type.Union([Type.Literal('government'), Type.Literal('village')]);
export const Level = Type.Union([Type.Literal('county'), Type.Literal('township'), Type.Literal('village')]);

/** A catalog row as the API answers it (the admin's form and lists take their type from here). */
export const ItemSchema = Type.Object({
  id: Type.String(),
  key: Type.String({ description: '跨版本稳定的事项编号' }),
  catalog: CatalogParam,
  domainCode: Type.String(),
  domainName: Type.String(),
  level1: Type.String(),
  level2: Type.String(),
  elements: Type.Array(Type.String()),
  bases: Type.Array(Type.String()),
  timeRule: TimeRule,
  displayRule: DisplayRule,
  timeRuleText: Type.String({ description: '公开时限（文字）' }),
  displayRuleText: Type.String({ description: '公示期（文字），无要求时为空' }),
  subject: Type.String(),
  channels: Type.Array(Type.Object({ channel: Type.String(), required: Type.Boolean() })),
  channelsText: Type.String(),
  audience: Type.String(),
  mode: Type.String(),
  levels: Type.Array(Type.String()),
  source: Type.String(),
  sort: Type.Integer(),
});

export const VersionSchema = Type.Object({
  id: Type.String(),
  catalog: CatalogParam,
  number: Type.Integer(),
  status: Type.String({ enum: ['draft', 'published', 'superseded'] }),
  reason: Type.Union([Type.String(), Type.Null()]),
  effectiveFrom: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
});

/** GET /api/v1/catalog/versions/{id}/diff/{otherId}: what changed between two versions, compared by item key. */
export const VersionDiffSchema = Type.Object({
  from: VersionSchema,
  to: VersionSchema,
  added: Type.Array(ItemSchema),
  removed: Type.Array(ItemSchema),
  changed: Type.Array(Type.Object({ key: Type.String(), fields: Type.Array(Type.String()), before: ItemSchema, after: ItemSchema })),
  unchanged: Type.Integer(),
});

/** A 领域 (government catalog) or 类别 (village catalog). */
export const DomainSchema = Type.Object({ code: Type.String(), catalog: CatalogParam, name: Type.String(), sort: Type.Integer(), source: Type.String() });

/** GET /api/v1/units/{code}/catalog: the unit's applicable standard items, its own items and its 不适用 marks. */
export const UnitCatalogSchema = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  catalog: CatalogParam,
  level: Level,
  version: Type.Union([Type.Object({ id: Type.String(), number: Type.Integer(), effectiveFrom: Type.String() }), Type.Null()]),
  busyFinance: Type.Boolean(),
  assignedDomains: Type.Union([Type.Array(Type.String()), Type.Null()], { description: '县政府部门负责的公开领域；其他单位为 null' }),
  items: Type.Array(ItemSchema),
  localItems: Type.Array(ItemSchema),
  excluded: Type.Array(Type.Object({ item: ItemSchema, reason: Type.String(), createdAt: Type.String(), createdBy: Type.Union([Type.String(), Type.Null()]) })),
});

export type ItemView = Static<typeof ItemSchema>;
export type UnitCatalogAnswer = Static<typeof UnitCatalogSchema>;
export type VersionDiff = Static<typeof VersionDiffSchema>;
export type DomainView = Static<typeof DomainSchema>;
export type VersionView = Static<typeof VersionSchema>;

/** One problem of a refused catalog import (400 IMPORT_INVALID answers a list of them as `error.details`). */
export const ImportProblemSchema = Type.Object({
  sheet: Type.String(),
  row: Type.Integer({ description: '表格中的行号（从1起）；整张工作表的问题为0' }),
  column: Type.String({ description: '列字母和表头，如“F 公开时限”；整行或整表的问题为空' }),
  message: Type.String(),
});
export type ImportProblem = Static<typeof ImportProblemSchema>;

/** GET /api/v1/catalog/domains, /items and /versions: the list answers. */
export const DomainListSchema = Type.Object({ items: Type.Array(DomainSchema) });
export type DomainList = Static<typeof DomainListSchema>;
export const CurrentItemsSchema = Type.Object({ versions: Type.Array(VersionSchema), items: Type.Array(ItemSchema) });
export type CurrentItems = Static<typeof CurrentItemsSchema>;
export const VersionListSchema = Type.Object({ items: Type.Array(VersionSchema) });
export type VersionList = Static<typeof VersionListSchema>;
/** POST /api/v1/catalog/import: the draft version the Excel file went into and what it holds. */
export const CatalogImportSchema = Type.Object({
  versionId: Type.String(),
  versionNumber: Type.Integer(),
  createdDraft: Type.Boolean(),
  domains: Type.Array(Type.String()),
  items: Type.Integer(),
});
export type CatalogImport = Static<typeof CatalogImportSchema>;
