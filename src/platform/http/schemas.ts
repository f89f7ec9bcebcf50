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

/** A type as plain data: intersections flattened and `readonly` dropped, all the way down (arrays included). */
type Plain<T> = T extends readonly (infer U)[] ? Plain<U>[] : T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T;

/**
 * `true` only when A and B are the same type: a response schema's static type and the view its command answers
 * (`const ok: Same<Static<typeof Schema>, View> = true` fails to compile when a field is on one side only, or is
 * optional on one side only, at any depth). Exact, not mutual assignability: `{ a?: string }` and `{}` are assignable
 * both ways and are still different answers. How each side is written (an intersection, a readonly array) does not
 * count, only the shape.
 */
export type Same<A, B> = (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;

/** One of a fixed set of codes, typed as their union (`Type.String({ enum })` is typed as any string). */
export const oneOf = <K extends string>(keys: readonly K[], description?: string) =>
  Type.Unsafe<K>({ type: 'string', enum: [...keys], ...(description ? { description } : {}) });

/** A JSON value of no fixed shape: null, a boolean, number or string, an array of JSON values or an object of them. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The JSON value as a schema, recursive (an array's items and an object's values are JSON values again). Registered
 * once as a shared schema (`app.addSchema` in app.ts, before the routes): a route names it with `JsonObject` below.
 * It types what is free by design (e.g. an audit event's snapshots), never a shape the server knows.
 */
export const JsonValueSchema = {
  $id: 'JsonValue',
  title: 'JsonValue',
  description: '任意 JSON 值：null、布尔、数字、字符串，或由它们组成的数组、对象',
  anyOf: [
    { type: 'null' },
    { type: 'boolean' },
    { type: 'number' },
    { type: 'string' },
    { type: 'array', items: { $ref: 'JsonValue#' } },
    { type: 'object', additionalProperties: { $ref: 'JsonValue#' } },
  ],
};

/** A JSON object whose keys and values are free (each value a `JsonValue`); the description says whose shape it is. */
export const JsonObject = (description: string) =>
  Type.Unsafe<{ [key: string]: JsonValue }>({ type: 'object', additionalProperties: { $ref: 'JsonValue#' }, description });

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
