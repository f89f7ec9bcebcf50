/**
 * TypeBox schemas and field limits of the publishing API, shared by the routes (validation, serialization, the
 * OpenAPI document), the commands (the same limits with a Chinese message) and the admin SPA (its forms' limits
 * and, type-only, its types). Pure: imports nothing but TypeBox and the shared HTTP schema helpers.
 */
import { Type, type Static } from 'typebox';

/** The longest title a disclosure (or a correction of one) may have, in characters, after trimming. */
export const TITLE_MAX_LENGTH = 200;

/** A disclosure's title as the API accepts it (the command trims it and refuses an empty one: 请填写标题). */
export const Title = Type.String({ maxLength: TITLE_MAX_LENGTH, description: `标题（不超过${TITLE_MAX_LENGTH}字）` });
export type Title = Static<typeof Title>;

/** One line of a 村级财务收支明细 (amounts in 分). */
const FinanceLineSchema = Type.Object({
  row: Type.Integer({ description: '表格中的行号' }),
  date: Type.String(),
  voucherNo: Type.String({ description: '凭证号' }),
  summary: Type.String({ description: '摘要' }),
  subject: Type.String({ description: '科目' }),
  income: Type.Integer({ description: '收入（分）' }),
  expense: Type.Integer({ description: '支出（分）' }),
});

/** A structured table stored with a disclosure: a finance statement or a recipient list (名单). */
export const DisclosureDataSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('finance'),
    statement: Type.Object({
      periodStart: Type.String(),
      periodEnd: Type.String(),
      openingBalance: Type.Integer({ description: '期初余额（分）' }),
      closingBalance: Type.Integer({ description: '期末余额（分）' }),
      lines: Type.Array(FinanceLineSchema),
      totals: Type.Object({ income: Type.Integer(), expense: Type.Integer() }),
    }),
  }),
  Type.Object({
    kind: Type.Literal('recipients'),
    listType: Type.String(),
    label: Type.String({ description: '名单类别，如“城乡低保”' }),
    columns: Type.Array(Type.String()),
    rows: Type.Array(Type.Array(Type.String())),
  }),
]);

/** What changed between two published versions of a disclosure (title, 文号, body with its line diff). */
export const FieldDiffSchema = Type.Object({
  field: Type.Union([Type.Literal('title'), Type.Literal('docNo'), Type.Literal('body')]),
  label: Type.String(),
  before: Type.String(),
  after: Type.String(),
  lines: Type.Optional(
    Type.Array(Type.Object({ op: Type.Union([Type.Literal('same'), Type.Literal('added'), Type.Literal('removed')]), text: Type.String() })),
  ),
});
