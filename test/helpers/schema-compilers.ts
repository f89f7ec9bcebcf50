/**
 * Fastify compiles every route's request validators (Ajv) and response serializers
 * (fast-json-stringify) when an app is built: ≈70 % of `buildApp`, ≈1 s of CPU per app, and the
 * suite builds a new app for almost every test. These factories make the same compilers Fastify
 * uses by default, with the same options, and keep what they compiled for the whole test process,
 * keyed by the schema's JSON text (and the shared schemas and options): an app built later in the
 * same process gets the very functions a fresh compile of an identical schema would have produced.
 * A changed schema is a different key, so it is compiled anew. Tests pass them with
 * `buildApp(ctx, { schemaCompilers: cachedSchemaCompilers })`; production builds one app per process
 * and compiles as usual.
 *
 * One difference a custom factory brings: Fastify lower-cases the property names of a route's
 * `headers` schema only for its built-in compiler (Node gives header names in lower case). We do the
 * same below, so a header schema behaves here as in production.
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

type Schema = Record<string, unknown>;
type CompileArgs = { schema: Schema; method?: string; url?: string; httpPart?: string; httpStatus?: string; contentType?: string };
type Compiled = (...args: never[]) => unknown;

const validatorFactory = AjvCompiler();
const serializerFactory = SerializerSelector();
const validators = new Map<string, Compiled>();
const serializers = new Map<string, Compiled>();

/** Header names are case-insensitive and arrive lower-cased: Fastify's own lower-casing of `properties` and `required`. */
function lowerCaseHeaders(schema: Schema): Schema {
  if (schema.type !== 'object' && !schema.properties) return schema;
  const out: Schema = { ...schema };
  if (schema.properties && typeof schema.properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  }
  if (Array.isArray(schema.required)) out.required = (schema.required as unknown[]).map((r) => (typeof r === 'string' ? r.toLowerCase() : r));
  return out;
}

function cached(pool: Map<string, Compiled>, outerKey: string, inner: (args: CompileArgs) => Compiled) {
  return (args: CompileArgs): Compiled => {
    const key = `${outerKey}\0${args.httpPart ?? ''}\0${args.httpStatus ?? ''}\0${args.contentType ?? ''}\0${JSON.stringify(args.schema)}`;
    let fn = pool.get(key);
    if (!fn) {
      fn = inner(args);
      pool.set(key, fn);
    }
    return fn;
  };
}

export const cachedSchemaCompilers: CompilersFactory = {
  buildValidator(externalSchemas: unknown, options: unknown) {
    const compile = validatorFactory(externalSchemas as never, options as never) as unknown as (args: CompileArgs) => Compiled;
    return cached(validators, JSON.stringify([externalSchemas, options ?? null]), (args) =>
      compile(args.httpPart === 'headers' ? { ...args, schema: lowerCaseHeaders(args.schema) } : args),
    );
  },
  buildSerializer(externalSchemas: unknown, options: unknown) {
    const compile = serializerFactory(externalSchemas as never, options as never) as unknown as (args: CompileArgs) => Compiled;
    return cached(serializers, JSON.stringify([externalSchemas, options ?? null]), compile);
  },
} as unknown as CompilersFactory;
