/**
 * Queries built once per shape and then only re-bound: building a Kysely query (immutable operation
 * nodes, copied at every call) costs more than running most indexed page reads. `prepared(build)`
 * builds the query once for each shape of its arguments (which keys are given, the length of each
 * list), with placeholder values, keeps the compiled SQL and where each argument goes, and afterwards
 * executes that SQL with the real values — the same statement text, so SQLite's statement cache and
 * PostgreSQL's plan reuse apply too.
 *
 * Rules for `build`: arguments may only be used as values (where/limit/offset/`sql` parameters), never to
 * choose the query's structure — structure comes from which keys are present, list lengths, booleans,
 * and keys starting with `$`, which are passed through as they are and are part of the shape.
 */
import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './database.ts';

export type Scalar = string | number | null;
export type PreparedArgs = Record<string, Scalar | readonly Scalar[] | boolean | undefined>;

type Slot = { arg: string; index?: number } | { value: unknown };
const MARK = '\u0000gk-arg:';

/** A placeholder standing for argument `name` (element `index` of a list). */
const mark = (name: string, index?: number) => `${MARK}${name}${index === undefined ? '' : `#${index}`}`;

function shapeOf(args: PreparedArgs): string {
  return Object.keys(args)
    .filter((k) => args[k] !== undefined)
    .sort()
    .map((k) => {
      const v = args[k];
      return k.startsWith('$') ? `${k}=${JSON.stringify(v)}` : Array.isArray(v) ? `${k}[${v.length}]` : typeof v === 'boolean' ? `${k}=${v}` : k;
    })
    .join(',');
}

export function prepared<A extends PreparedArgs, R>(build: (db: Executor, args: A) => Compilable<R>): (db: Executor, args: A) => Promise<R[]> {
  const cache = new Map<string, { sql: string; slots: Slot[] }>();
  return async (db, args) => {
    const key = `${db.getExecutor().adapter.constructor.name}|${shapeOf(args)}`;
    let plan = cache.get(key);
    if (!plan) {
      const marked: PreparedArgs = {};
      for (const [k, v] of Object.entries(args)) {
        if (v === undefined || typeof v === 'boolean' || k.startsWith('$')) marked[k] = v;
        else marked[k] = Array.isArray(v) ? v.map((_, i) => mark(k, i)) : mark(k);
      }
      const compiled = build(db, marked as A).compile();
      const slots: Slot[] = compiled.parameters.map((p) => {
        if (typeof p !== 'string' || !p.startsWith(MARK)) return { value: p };
        const [arg, index] = p.slice(MARK.length).split('#');
        return index === undefined ? { arg } : { arg, index: Number(index) };
      });
      // A placeholder the builder turned into something else (an inlined literal, a computed value) would be bound wrongly.
      const used = new Set(slots.map((s) => ('arg' in s ? `${s.arg}#${s.index ?? ''}` : '')));
      for (const [k, v] of Object.entries(marked)) {
        if (k.startsWith('$')) continue;
        const want = Array.isArray(v) ? v.map((_, i) => `${k}#${i}`) : typeof v === 'string' ? [`${k}#`] : [];
        for (const w of want) if (!used.has(w)) throw new Error(`prepared query: argument ${w} is not bound as a parameter (shape ${key})`);
      }
      plan = { sql: compiled.sql, slots };
      cache.set(key, plan);
    }
    const parameters = plan.slots.map((s) => {
      if ('value' in s) return s.value;
      const v = args[s.arg];
      return s.index === undefined ? v : (v as readonly Scalar[])[s.index];
    });
    const result = await db.executeQuery<R>(CompiledQuery.raw(plan.sql, parameters));
    return result.rows;
  };
}
