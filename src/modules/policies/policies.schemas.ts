/**
 * TypeBox schemas of the policies API (政策文件、解读、回应), shared by the routes (validation, serialization, the
 * OpenAPI document) and the admin SPA (type-only). Pure: imports nothing but TypeBox, the shared HTTP schema helpers
 * and the module's pure rules (for the enumerations and their Chinese names).
 */
import { Type, type Static } from 'typebox';
import { DateString, Nullable } from '../../platform/http/schemas.ts';
import { INTERPRETATION_FORMS, INTERPRETATION_STATUS_TEXT, RESPONSE_FORMS, VALIDITY_TEXT } from './policies.rules.ts';

const named = (table: Record<string, string>) =>
  Object.entries(table)
    .map(([k, v]) => `${k} ${v}`)
    .join('、');

export const ValidityEnum = Type.Union([Type.Literal('valid'), Type.Literal('amended'), Type.Literal('repealed'), Type.Literal('expired')], {
  description: `时效：${named(VALIDITY_TEXT)}`,
});
export const InterpretationForm = Type.Union(
  [Type.Literal('text'), Type.Literal('graphic'), Type.Literal('qa'), Type.Literal('audio'), Type.Literal('video')],
  { description: named(INTERPRETATION_FORMS) },
);
export const ResponseForm = Type.Union([Type.Literal('concern'), Type.Literal('rumour')], { description: named(RESPONSE_FORMS) });
export const InterpretationStatus = Type.Union([Type.Literal('on_time'), Type.Literal('late'), Type.Literal('missing'), Type.Literal('pending')], {
  description: named(INTERPRETATION_STATUS_TEXT),
});

const UnitRef = Type.Object({ code: Type.String(), name: Type.String() });

/** The metadata a policy adds to a disclosure (create and register). */
export const PolicyMeta = {
  docNo: Type.Optional(Nullable(Type.String({ maxLength: 60, description: '文号，如 泗政办发〔2023〕72号（机关代字须已登记）' }))),
  issuerName: Type.Optional(Type.String({ maxLength: 100, description: '发文机关（默认为发布单位名称）' })),
  writtenOn: DateString('成文日期'),
  category: Type.String({ maxLength: 40, description: '分类（本县设定，如 政府办文件）' }),
  topic: Type.String({ maxLength: 40, description: '主题分类' }),
  genre: Type.String({ maxLength: 20, description: '体裁（如 通知、意见）' }),
  keywords: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
  consultationRef: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '来源的意见征集编号（可空）' }))),
};

export const PolicyListItem = Type.Object({
  id: Type.String({ description: '公开内容（disclosure）编号' }),
  title: Type.String(),
  indexNo: Type.String({ description: '索引号' }),
  docNo: Nullable(Type.String({ description: '文号' })),
  issuer: UnitRef,
  writtenOn: Type.String({ description: '成文日期' }),
  publishedOn: Type.String({ description: '公开日期' }),
  category: Type.String(),
  topic: Type.String(),
  genre: Type.String(),
  keywords: Type.Array(Type.String()),
  validity: ValidityEnum,
  validityText: Type.String(),
  validityOn: Nullable(Type.String({ description: '时效变更日期' })),
  isDemo: Type.Boolean(),
});
export type PolicyListItem = Static<typeof PolicyListItem>;

export const PolicyList = Type.Object({ total: Type.Integer(), items: Type.Array(PolicyListItem) });
export type PolicyList = Static<typeof PolicyList>;

/** An interpretation or a response as the policy page lists it. */
export const LinkedRecord = Type.Object({
  id: Type.String(),
  title: Type.String(),
  unit: UnitRef,
  publishedOn: Type.String(),
  form: Type.String({ description: `形式：${named(INTERPRETATION_FORMS)}；或 ${named(RESPONSE_FORMS)}` }),
  formText: Type.String(),
  mediaUrl: Type.Optional(Nullable(Type.String())),
  interactionRef: Type.Optional(Nullable(Type.String())),
  consultationRef: Type.Optional(Nullable(Type.String())),
  answers: Type.Optional(
    Type.Array(
      Type.Object({
        kind: Type.String({ description: 'interaction | consultation | item' }),
        kindText: Type.String(),
        label: Type.String({ description: '所回应的事项（互动事项的类别和编号；意见征集、公众参与事项公开时含标题）' }),
        href: Nullable(Type.String({ description: '公开页面地址（未公开时为空）' })),
      }),
    ),
  ),
});

export const MetadataCorrection = Type.Object({
  seq: Type.Integer(),
  on: Type.String({ description: '更正日期' }),
  reason: Type.String(),
  fields: Type.Array(Type.Object({ field: Type.String(), label: Type.String(), before: Type.String(), after: Type.String() })),
});

export const PolicyView = Type.Object({
  policy: PolicyListItem,
  consultationRef: Nullable(Type.String()),
  history: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      from: Nullable(ValidityEnum),
      to: ValidityEnum,
      toText: Type.String(),
      effectiveOn: Type.String(),
      by: Nullable(Type.Object({ id: Type.String(), title: Type.String(), docNo: Nullable(Type.String()) })),
      reason: Nullable(Type.String()),
    }),
  ),
  changed: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      docNo: Nullable(Type.String()),
      to: ValidityEnum,
      toText: Type.String(),
      effectiveOn: Type.String(),
    }),
  ),
  interpretations: Type.Array(LinkedRecord),
  responses: Type.Array(LinkedRecord),
  corrections: Type.Array(MetadataCorrection, { description: '文件审核通过或公开后对文件信息的更正（含原因），按时间先后' }),
  pageUrl: Type.String(),
});
export type PolicyView = Static<typeof PolicyView>;

export const PolicySettingsSchema = Type.Object(
  {
    categories: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }),
    topics: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 }),
    genres: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 50 }),
    interpretation: Type.Object(
      {
        categories: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }),
        workingDays: Type.Integer({ minimum: 0, maximum: 60 }),
        lateListedMonths: Type.Optional(
          Type.Integer({
            minimum: 1,
            maximum: 60,
            description: '“政策解读晚于期限”在公开督查中列出多少个月（县级自定，默认12）；不传则保持原值',
          }),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const InterpretationCompliance = Type.Object({
  settings: Type.Object({
    categories: Type.Array(Type.String()),
    workingDays: Type.Integer(),
    lateListedMonths: Type.Integer({ description: '“政策解读晚于期限”在公开督查中列出的月数（县级自定）' }),
  }),
  items: Type.Array(
    Type.Object({
      policyId: Type.String(),
      title: Type.String(),
      docNo: Nullable(Type.String()),
      issuer: UnitRef,
      category: Type.String(),
      publishedOn: Type.String(),
      dueOn: Type.String({ description: '解读期限（工作日计算）' }),
      provisional: Type.Boolean({ description: '期限跨入尚未登记的年份日历，为暂定' }),
      interpretedOn: Nullable(Type.String()),
      status: InterpretationStatus,
      statusText: Type.String(),
    }),
  ),
});
export type InterpretationCompliance = Static<typeof InterpretationCompliance>;

export const PolicyCreated = Type.Object({
  id: Type.String(),
  docNo: Nullable(Type.String()),
  status: Type.String({ description: '公开内容的状态（draft 草稿）' }),
});
export const PolicyRegistered = Type.Object({ id: Type.String(), docNo: Nullable(Type.String()) });
export const ValidityChanged = Type.Object({ id: Type.String(), validity: ValidityEnum, validityOn: Nullable(Type.String()) });
export const InterpretationLinked = Type.Object({ policyId: Type.String(), disclosureId: Type.String() });
export const ResponseLinked = Type.Object({ disclosureId: Type.String() });
export const NumberPrefixes = Type.Object({ unitCode: Type.String(), prefixes: Type.Array(Type.String()) });
export const MetadataEdited = Type.Object({
  id: Type.String(),
  changed: Type.Array(Type.String(), { description: '改动的字段' }),
  correction: Type.Boolean({ description: '是否作为公开更正记录（文件已审核通过或已公开）' }),
});
export type MetadataEdited = Static<typeof MetadataEdited>;
/** POST /api/v1/units/:code/policy-import: how many files were imported as drafts, and their ids. */
export const PolicyImported = Type.Object({ imported: Type.Integer(), ids: Type.Array(Type.String()) });
export type PolicyImported = Static<typeof PolicyImported>;

export const LinkableList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      indexNo: Nullable(Type.String()),
      publishedAt: Nullable(Type.String()),
      linkedAs: Nullable(
        Type.Union([Type.Literal('policy'), Type.Literal('interpretation'), Type.Literal('response')], {
          description: '已是政策文件（不能作为解读或回应）、已关联为解读、已登记为回应；空表示可以关联',
        }),
      ),
    }),
  ),
});
export type LinkableList = Static<typeof LinkableList>;
