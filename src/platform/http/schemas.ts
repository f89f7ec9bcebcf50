import { Type, type TSchema } from 'typebox';

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const DateString = (description?: string) => Type.String({ pattern: DATE_PATTERN, description: description ?? '日期 YYYY-MM-DD' });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String({ description: '中文说明，可直接展示给用户' }),
      requestId: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse' },
);

/**
 * `T | null`, with `null` first: the server validates with ajv's `coerceTypes`, which would turn `null`
 * into `0` (or `""`) in an integer (or string) branch listed before it.
 */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);

/**
 * `true` only when A and B are the same type: a response schema's static type and the view its command answers
 * (`const ok: Same<Static<typeof Schema>, View> = true` fails to compile when a field is on one side only).
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** One of a fixed set of codes, typed as their union (`Type.String({ enum })` is typed as any string). */
export const oneOf = <K extends string>(keys: readonly K[], description?: string) =>
  Type.Unsafe<K>({ type: 'string', enum: [...keys], ...(description ? { description } : {}) });

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

/** Standard error responses to document on a route. */
export function errors(...codes: number[]): Record<number, TSchema> {
  return Object.fromEntries(codes.map((c) => [c, ErrorResponse]));
}

/** True when the string is a real calendar date (not just the right shape). */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A non-JSON answer (PDF, spreadsheet, image, SVG) documented with its content type(s). */
export function FileAnswer(types: string[], description: string) {
  return Type.Unsafe<Buffer | string>({ description, content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) });
}
