/**
 * The API contract: the OpenAPI document generated from the route schemas is valid (checked by
 * @apidevtools/swagger-parser, which must also reject a planted-invalid copy), public at /api/docs, tagged and
 * secured; and every JSON GET route's real answer over the demo data is exactly what its handler returned —
 * Fastify serializes with the response schema and silently drops a field the schema does not name, so a
 * schema that forgets a field the admin SPA reads fails here — and validates against that schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { openTestRuntime, loginAs, type Session } from './helpers/test-app.ts';
import { buildApp } from '../src/app.ts';
import { seedDemo } from '../src/runtime.ts';
import type { Runtime } from '../src/runtime.ts';

type Doc = {
  openapi: string;
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, unknown> };
};
type Operation = {
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

let rt: Runtime;
let app: FastifyInstance;
let admin: Session;
let accounts: { username: string; password: string }[];
let doc: Doc;
/** Handler results before serialization, by request id. */
const raw = new Map<string, string>();

beforeAll(async () => {
  rt = await openTestRuntime();
  const out = await seedDemo(rt.ctx);
  app = await buildApp(rt.ctx, { logger: false });
  app.addHook('preSerialization', async (request, _reply, payload) => {
    raw.set(request.id, JSON.stringify(payload));
    return payload;
  });
  await app.ready();
  accounts = out.accounts;
  const account = out.accounts.find((a) => a.username === 'county.admin');
  if (!account) throw new Error('the demo has no county.admin');
  admin = await loginAs(app, account.username, account.password);
  doc = (app as unknown as { swagger(): Doc }).swagger();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await rt?.close();
});

const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
const jsonSchemaOf = (op: Operation, code = '200') => op.responses[code]?.content?.['application/json']?.schema;

describe('the OpenAPI document', () => {
  it('passes swagger-parser validation', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('is rejected by the validator when planted invalid (the check can fail)', async () => {
    const plant = (change: (d: Doc) => void) => {
      const broken = structuredClone(doc);
      change(broken);
      return SwaggerParser.validate(broken as never);
    };
    const me = (d: Doc) =>
      d.paths['/api/v1/me']!.get!.responses['200']! as { description?: string; content: Record<string, { schema: Record<string, unknown> }> };
    // A type JSON Schema does not have, a response without its description, a reference to a schema that does not exist.
    await expect(plant((d) => void (me(d).content['application/json']!.schema.type = 'record'))).rejects.toThrow(/type must be equal to one of the allowed/);
    await expect(plant((d) => void delete me(d).description)).rejects.toThrow(/required property 'description'/);
    await expect(plant((d) => void (me(d).content['application/json']!.schema = { $ref: '#/components/schemas/NoSuchSchema' }))).rejects.toThrow(
      /NoSuchSchema/,
    );
  });

  it('is public at /api/docs (JSON and the page), while the routes it documents still need a login', async () => {
    const json = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    expect((json.json() as Doc).paths['/api/v1/info-requests/{id}']).toBeTruthy();
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect((await app.inject({ method: 'GET', url: '/api/v1/info-requests' })).statusCode).toBe(401);
  });

  it('documents only the API: every operation is tagged with a declared tag and says how to authenticate', () => {
    const declared = new Set((doc.tags ?? []).map((t) => t.name));
    expect(declared.size).toBeGreaterThan(5);
    expect(Object.keys(doc.components.securitySchemes ?? {}).sort()).toEqual(['bearer', 'session']);
    const publicRoutes = new Set(app.registeredRoutes.filter((r) => r.public).map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    const problems: string[] = [];
    for (const { path, method, op } of operations()) {
      const key = `${method.toUpperCase()} ${path}`;
      if (!path.startsWith('/api/') && !path.startsWith('/feeds/')) problems.push(`${key}: a page, not an API route`);
      if (!op.tags?.length || op.tags.some((t) => !declared.has(t))) problems.push(`${key}: tags ${JSON.stringify(op.tags)}`);
      for (const [, name] of path.matchAll(/\{(\w+)\}/g))
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === name)) problems.push(`${key}: path parameter ${name} not declared`);
      const expected = publicRoutes.has(key) ? [] : [{ bearer: [] }, { session: [] }];
      if (JSON.stringify(op.security) !== JSON.stringify(expected)) problems.push(`${key}: security ${JSON.stringify(op.security)}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every JSON answer a real schema: no catch-all objects, no untyped values', () => {
    const problems: string[] = [];
    const walk = (s: unknown, where: string) => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      if (o.additionalProperties === true) problems.push(`${where}: additionalProperties true`);
      const keys = Object.keys(o).filter((k) => k !== 'description' && k !== 'title');
      if (keys.length === 0 && !where.endsWith('.not')) problems.push(`${where}: empty schema (any value)`);
      if (o.type === 'object' && o.nullable !== true && !o.properties && !o.patternProperties && !o.additionalProperties)
        problems.push(`${where}: object without properties`);
      for (const [k, v] of Object.entries(o)) {
        if (k === 'properties' || k === 'patternProperties') for (const [p, ps] of Object.entries(v as Record<string, unknown>)) walk(ps, `${where}.${p}`);
        else if (k === 'items' || k === 'additionalProperties' || k === 'not') walk(v, `${where}.${k}`);
        else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') (v as unknown[]).forEach((x, i) => walk(x, `${where}.${k}[${i}]`));
      }
    };
    for (const { path, method, op } of operations()) {
      for (const [code, r] of Object.entries(op.responses)) {
        if (!code.startsWith('2')) continue;
        const schema = r.content?.['application/json']?.schema;
        if (schema) walk(schema, `${method.toUpperCase()} ${path} ${code}`);
      }
    }
    // Free JSON is typed too: the audit log's before/after (each action's own snapshot) are JSON objects whose
    // values are the shared recursive JSON value (a $ref, which this walk does not follow; see the next test).
    expect(problems).toEqual([]);
  });

  it('types the free JSON of the audit log as JSON objects of the shared recursive JSON value', () => {
    const item = (jsonSchemaOf(doc.paths['/api/v1/audit/events']!.get!) as { properties: { items: { items: { properties: Record<string, unknown> } } } })
      .properties.items.items.properties;
    for (const field of ['before', 'after']) {
      const s = item[field] as { type: string; nullable: boolean; additionalProperties: { $ref: string } };
      expect([s.type, s.nullable]).toEqual(['object', true]);
      const name = s.additionalProperties.$ref.replace('#/components/schemas/', '');
      type Member = { type: string; nullable?: boolean; enum?: unknown[]; items?: { $ref: string }; additionalProperties?: { $ref: string } };
      const value = (doc.components as { schemas: Record<string, { anyOf: Member[] }> }).schemas[name]!;
      // OpenAPI 3.0 has no null type: the null member is written `{ type: 'object', nullable: true, enum: [null] }`.
      const isNull = (m: Member) => m.nullable === true && m.enum?.length === 1 && m.enum[0] === null;
      expect(value.anyOf.filter(isNull)).toHaveLength(1);
      expect(value.anyOf.filter((m) => !isNull(m)).map((m) => m.type)).toEqual(['boolean', 'number', 'string', 'array', 'object']);
      // Recursive: an array's items and an object's values are the JSON value again.
      expect(value.anyOf.find((m) => m.type === 'array')!.items!.$ref).toBe(s.additionalProperties.$ref);
      expect(value.anyOf.find((m) => m.type === 'object' && !isNull(m))!.additionalProperties!.$ref).toBe(s.additionalProperties.$ref);
    }
  });
});

/** Values for the path and required query parameters of each GET route, taken from the demo data. */
async function exampleParams(): Promise<Record<string, Record<string, string>>> {
  const db = rt.ctx.db;
  const first = async <T>(q: Promise<T | undefined>, what: string): Promise<T> => {
    const row = await q;
    if (!row) throw new Error(`the demo has no ${what}`);
    return row;
  };
  const user = await first(db.selectFrom('users').select('id').where('username', '=', 'county.admin').executeTakeFirst(), 'county.admin');
  const versions = await db.selectFrom('catalog_versions').select(['id', 'catalog']).orderBy('id').execute();
  // Two versions of one catalog when the demo has them (a version compared with itself otherwise).
  const pair = versions.find((v) => versions.some((w) => w.catalog === v.catalog && w.id !== v.id)) ?? versions[0]!;
  const other = versions.find((w) => w.catalog === pair.catalog && w.id !== pair.id) ?? pair;
  const disclosure = await first(
    db.selectFrom('disclosures').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirst(),
    'published disclosure',
  );
  const request = await first(db.selectFrom('info_requests').select(['id', 'unit_code']).orderBy('id').executeTakeFirst(), 'info request');
  const period = await first(db.selectFrom('assessment_periods').select('id').orderBy('id').executeTakeFirst(), 'assessment period');
  const year = await first(db.selectFrom('calendar_years').select('year').orderBy('year', 'desc').executeTakeFirst(), 'calendar year');
  const policy = await first(db.selectFrom('policy_documents').select('disclosure_id').orderBy('disclosure_id').executeTakeFirst(), 'policy document');
  const village = '321323002-buhu';
  const published = await first(
    db.selectFrom('interaction_cases').select('id').where('published', '=', 1).orderBy('id').executeTakeFirst(),
    'published 政民互动 case',
  );
  const question = await first(
    db.selectFrom('interaction_cases').select(['id', 'received_on']).where('kind', '=', 'question').orderBy('id').executeTakeFirst(),
    '政民互动 question',
  );
  const box = await first(db.selectFrom('interaction_boxes').select('id').orderBy('id').executeTakeFirst(), '意见箱');
  const consultation = await first(
    db.selectFrom('participation_consultations').select('id').where('is_demo', '=', 1).where('feedback_published_at', 'is not', null).executeTakeFirst(),
    'answered consultation',
  );
  const tracked = await first(
    db.selectFrom('participation_comments').select('tracking_code').where('tracking_code', 'is not', null).executeTakeFirst(),
    'online comment',
  );
  const survey = await first(
    db.selectFrom('participation_surveys').select('id').where('results_published_at', 'is not', null).executeTakeFirst(),
    'survey with published results',
  );
  const decision = await first(db.selectFrom('participation_decisions').select('id').executeTakeFirst(), 'village decision');
  const hearing = await first(
    db.selectFrom('participation_events').select('id').where('record_published_at', 'is not', null).executeTakeFirst(),
    'concluded hearing',
  );
  const item = await first(
    db.selectFrom('archive_items').select('id').where('unit_code', '=', village).orderBy('archival_code').executeTakeFirst(),
    'archive item',
  );
  const board = await first(db.selectFrom('notice_boards').select('id').where('unit_code', '=', village).orderBy('name').executeTakeFirst(), 'notice board');
  const inspection = await first(db.selectFrom('board_inspections').select('id').orderBy('id').executeTakeFirst(), 'board inspection');
  const visit = await first(db.selectFrom('archive_reading_visits').select('visited_on').orderBy('visited_on').executeTakeFirst(), 'reading-point visit');
  const destruction = await first(db.selectFrom('archive_destructions').select('id').orderBy('serial').executeTakeFirst(), '销毁清单');
  const move = await first(db.selectFrom('archive_custody_moves').select('id').orderBy('serial').executeTakeFirst(), 'custody move');
  return {
    '/api/v1/policies/{id}': { id: policy.disclosure_id },
    '/api/v1/policies/linkable': { unit: 'dept-zfb' },
    '/api/v1/offline/broadcasts/{id}': {
      id: (await first(db.selectFrom('offline_broadcasts').select('disclosure_id').executeTakeFirst(), 'broadcast')).disclosure_id,
    },
    '/api/v1/units/{code}/service-points': { code: village },
    '/api/v1/archives/items/{id}': { id: item.id },
    '/api/v1/archives/items/{id}/verify': { id: item.id },
    '/api/v1/archives/units/{code}/volumes': { code: village },
    '/api/v1/archives/boards/{id}': { id: board.id },
    '/api/v1/archives/inspections/{id}': { id: inspection.id },
    '/api/v1/archives/units/{code}/visits': { code: village, month: visit.visited_on.slice(0, 7) },
    '/api/v1/archives/units/{code}/visit-figures': {
      code: '321323002',
      from: `${visit.visited_on.slice(0, 4)}-01-01`,
      to: `${visit.visited_on.slice(0, 4)}-12-31`,
    },
    '/api/v1/archives/units/{code}/room-ledger': { code: village },
    '/api/v1/archives/destructions/{id}': { id: destruction.id },
    '/api/v1/archives/custody-moves/{id}': { id: move.id },
    '/api/v1/org-units/{code}': { code: village },
    '/api/v1/users/{id}': { id: user.id },
    '/api/v1/calendar/days/{date}': { date: `${year.year}-05-01` },
    '/api/v1/calendar/add-working-days': { from: `${year.year}-04-28`, days: '5' },
    '/api/v1/calendar/working-days-between': { from: `${year.year}-04-28`, to: `${year.year}-05-10` },
    '/api/v1/calendar/years/{year}': { year: String(year.year) },
    '/api/v1/catalog/versions/{id}': { id: versions[0]!.id },
    '/api/v1/catalog/versions/{id}/diff/{otherId}': { id: pair.id, otherId: other.id },
    '/api/v1/units/{code}/catalog': { code: village },
    '/api/v1/units/{code}/obligations': { code: village, from: `${year.year}-01-01`, to: `${year.year}-12-31` },
    '/api/v1/disclosures/{id}': { id: disclosure.id },
    '/api/v1/disclosures/{id}/verify': { id: disclosure.id },
    '/api/v1/disclosures/{id}/evidence': { id: disclosure.id },
    '/api/v1/search': { q: '公开' },
    '/api/v1/search/suggest': { q: '村' },
    '/api/v1/info-requests/fee-quote': { mode: 'per-volume', quantity: '120' },
    '/api/v1/info-requests/{id}': { id: request.id },
    '/api/v1/info-requests/{id}/deadline': { id: request.id },
    '/api/v1/info-requests/{id}/letters': { id: request.id },
    '/api/v1/info-requests/letter-settings/{unitCode}': { unitCode: request.unit_code },
    '/api/v1/annual-reports/{unitCode}/{year}': { unitCode: '321323', year: String(year.year - 1) },
    '/api/v1/compliance/units/{code}': { code: village },
    '/api/v1/assessments/{periodId}': { periodId: period.id },
    '/api/v1/assessments/{periodId}/units/{code}': { periodId: period.id, code: village },
    '/api/v1/rollout/units/{code}': { code: village },
    '/api/v1/interaction/cases/{id}': { id: question.id },
    '/api/v1/interaction/public/cases/{id}': { id: published.id },
    '/api/v1/interaction/public/figures': { month: question.received_on.slice(0, 7) },
    '/api/v1/interaction/figures': { unit: '321323', from: `${question.received_on.slice(0, 4)}-01-01`, to: `${question.received_on.slice(0, 4)}-12-31` },
    '/api/v1/interaction/units/{code}/templates': { code: village },
    '/api/v1/interaction/boxes/{id}': { id: box.id },
    '/api/v1/participation/consultations/{id}': { id: consultation.id },
    '/api/v1/participation/public/consultations/{id}': { id: consultation.id },
    '/api/v1/participation/public/comments/track': { code: tracked.tracking_code! },
    '/api/v1/participation/surveys/{id}': { id: survey.id },
    '/api/v1/participation/item-lists/{unit}': { unit: 'dept-mzj' },
    '/api/v1/participation/public/surveys/{id}': { id: survey.id },
    '/api/v1/participation/public/surveys/{id}/results': { id: survey.id },
    '/api/v1/participation/decisions/{id}': { id: decision.id },
    '/api/v1/participation/events/{id}': { id: hearing.id },
    '/api/v1/participation/public/events/{id}': { id: hearing.id },
  };
}

/** GET routes that do not answer JSON, or need what the demo cannot give; each with the reason. */
const NOT_JSON_OR_SEPARATE: Record<string, string> = {
  '/api/v1/catalog/export.xlsx': 'Excel file',
  '/api/v1/offline/letters.pdf': 'PDF file',
  '/api/v1/units/{code}/service-booklet.pdf': 'PDF file',
  '/api/v1/offline/leaflets/{id}/print.pdf': 'PDF file',
  '/api/v1/offline/broadcasts/{id}/print.pdf': 'PDF file',
  '/api/v1/offline/service-points/{id}/photo': 'stored photo',
  '/api/v1/disclosures/{id}/notice.pdf': 'PDF file',
  '/api/v1/units/{code}/notices.pdf': 'PDF file',
  '/api/v1/disclosures/{id}/attachments/{aid}': 'stored file',
  '/api/v1/disclosures/{id}/evidence/{aid}': 'stored photo',
  '/api/v1/publishing/templates/finance.xlsx': 'Excel file',
  '/api/v1/policies/import-template.xlsx': 'Excel file',
  '/api/v1/info-requests/{id}/identity-proof': 'stored file',
  '/api/v1/info-requests/{id}/letters/{file}': '.docx / PDF letter',
  '/api/v1/info-requests/track/letters/{file}': '.docx / PDF letter',
  '/api/v1/info-requests/track': 'needs the tracking secret, shown once at intake (request.routes.test.ts tracks a case through this schema)',
  '/api/v1/assessments/{periodId}/export.xlsx': 'Excel file',
  '/api/v1/participation/surveys/{id}/results.xlsx': 'Excel file',
  '/api/v1/participation/events/{id}/record-scan': 'stored file',
  '/api/v1/assessments/{periodId}/report.pdf': 'PDF file',
  '/api/v1/assessments/{periodId}/charts/{chart}': 'SVG chart',
  '/api/v1/assessments/evidence-files/{id}': 'stored file',
  '/api/v1/info-request-remedies/{id}': 'the demo has no 复议/诉讼 record (report.routes.test.ts)',
  '/api/v1/rectifications/{id}': 'the demo has no 整改 work order (assessment.routes.test.ts)',
  '/api/v1/webhooks/{id}': 'the demo has no webhook endpoint (webhooks.routes.test.ts)',
  '/api/v1/archives/items/{id}/files/{fileId}': 'stored file',
  '/api/v1/archives/boards/{id}/photo': 'stored photo',
  '/api/v1/archives/inspection-photos/{id}': 'stored photo',
  '/api/v1/archives/units/{code}/visits.pdf': 'PDF file',
  '/api/v1/archives/custody-moves/{id}/list.xlsx': 'Excel file',
  '/api/v1/archives/custody-moves/{id}/list.pdf': 'PDF file',
  '/api/v1/archives/units/{code}/signs/{kind}': 'PDF file',
  '/api/v1/archives/boards/{id}/sign.pdf': 'PDF file',
  '/api/v1/archives/visits/{id}/print.pdf': 'PDF file',
  '/api/v1/webhooks/{id}/deliveries': 'the demo has no webhook endpoint (webhooks.routes.test.ts)',
  '/api/v1/interaction/cases/{id}/files/{fid}': 'stored evidence file',
  '/api/v1/interaction/track': 'needs the tracking secret, shown once at intake (interaction.questions.test.ts tracks a case through this schema)',
};

describe('every JSON GET route over the demo data', () => {
  it('answers exactly what its handler returned (nothing dropped or changed by the schema) and matches its schema', async () => {
    const params = await exampleParams();
    const ajv = new Ajv({ allErrors: true, strict: false });
    const problems: string[] = [];
    let checked = 0;
    for (const { path, method, op } of operations()) {
      if (method !== 'get' || !path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
      if (NOT_JSON_OR_SEPARATE[path]) continue;
      const values = params[path] ?? {};
      const missing = (op.parameters ?? []).filter((p) => (p.in === 'path' || p.required) && values[p.name] === undefined).map((p) => p.name);
      if (missing.length) {
        problems.push(`GET ${path}: no example value for ${missing.join(', ')} (add one to exampleParams)`);
        continue;
      }
      let url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name]!));
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query' && values[p.name] !== undefined)
        .map((p) => `${p.name}=${encodeURIComponent(values[p.name]!)}`);
      if (query.length) url += `?${query.join('&')}`;
      const res = await app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
      if (res.statusCode !== 200) {
        problems.push(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      const schema = jsonSchemaOf(op);
      if (!schema) {
        problems.push(`GET ${path}: no JSON response schema`);
        continue;
      }
      const before = raw.get(res.headers['x-request-id'] as string);
      if (before === undefined) {
        problems.push(`GET ${path}: the handler's result was not captured`);
        continue;
      }
      const sent = res.json() as unknown;
      const returned = JSON.parse(before) as unknown;
      const diff = firstDifference(returned, sent, '');
      if (diff) problems.push(`GET ${path}: the answer differs from the handler's result at ${diff}`);
      // With the document's components, so a $ref to a shared schema (the JSON value) resolves.
      const validate = ajv.compile({ ...(schema as object), components: doc.components });
      if (!validate(returned)) problems.push(`GET ${path}: ${ajv.errorsText(validate.errors)}`);
      checked++;
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  }, 120_000);

  it('answers a disclosure with structured tables and one with a corrected version exactly (tables and version changes are typed)', async () => {
    const db = rt.ctx.db;
    const withTables = await db
      .selectFrom('disclosure_versions as v')
      .innerJoin('disclosures as d', 'd.id', 'v.disclosure_id')
      .select('d.id')
      .where('d.status', '=', 'published')
      .where('v.public_tables_json', 'is not', null)
      .where('v.public_tables_json', '!=', '[]')
      .executeTakeFirst();
    expect(withTables, 'the demo has a published disclosure with tables').toBeDefined();
    // A corrected record: 民政局's officer proposes a correction of a published one, its reviewer approves it.
    const login = (name: string) => loginAs(app, name, accounts.find((a) => a.username === name)!.password);
    const [officer, reviewer] = [await login('mzj.officer'), await login('mzj.reviewer')];
    const mine = await db
      .selectFrom('disclosures as d')
      .innerJoin('role_assignments as ra', 'ra.unit_code', 'd.unit_code')
      .innerJoin('users as u', 'u.id', 'ra.user_id')
      .select('d.id')
      .where('u.username', '=', 'mzj.officer')
      .where('d.status', '=', 'published')
      .executeTakeFirstOrThrow();
    const post = (who: Session, url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf }, payload });
    const proposed = await post(officer, `/api/v1/disclosures/${mine.id}/corrections`, { reason: '标题有误（接口测试）', title: '更正后的标题（接口测试）' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const cid = (proposed.json() as { corrections: { id: string }[] }).corrections[0]!.id;
    const reviewed = await post(reviewer, `/api/v1/disclosures/${mine.id}/corrections/${cid}/review`, { decision: 'approve' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const corrected = { id: mine.id };
    for (const id of [withTables!.id, corrected!.id]) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/disclosures/${id}`, headers: { cookie: admin.cookie } });
      expect(res.statusCode).toBe(200);
      const before = raw.get(res.headers['x-request-id'] as string);
      expect(before).toBeDefined();
      expect(firstDifference(JSON.parse(before!) as unknown, res.json() as unknown, '')).toBeNull();
    }
    const sent = (await app.inject({ method: 'GET', url: `/api/v1/disclosures/${withTables!.id}` })).json() as { public: { tables: unknown[] } };
    expect(sent.public.tables.length).toBeGreaterThan(0);
    const after = (await app.inject({ method: 'GET', url: `/api/v1/disclosures/${mine.id}` })).json() as {
      public: { versions: { changes: { field: string }[] }[] };
    };
    expect(after.public.versions.flatMap((v) => v.changes.map((c) => c.field))).toContain('title');
  });
});

/** Where two JSON values first differ (a field dropped or added, a value changed), or null. */
function firstDifference(a: unknown, b: unknown, at: string): string | null {
  if (a === b) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at || '/'} (length ${a.length} → ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${at}/${i}`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of Object.keys(ao)) if (!(k in bo)) return `${at}/${k} (dropped)`;
    for (const k of Object.keys(bo)) if (!(k in ao)) return `${at}/${k} (added)`;
    for (const k of Object.keys(ao)) {
      const d = firstDifference(ao[k], bo[k], `${at}/${k}`);
      if (d) return d;
    }
    return null;
  }
  return `${at || '/'} (${JSON.stringify(a)?.slice(0, 60)} → ${JSON.stringify(b)?.slice(0, 60)})`;
}
