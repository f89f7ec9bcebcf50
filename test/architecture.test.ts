// The architecture rules of eslint/architecture.js, run through the project's own eslint.config.js (the same
// configuration `npm run lint` uses), must fail on a planted violation of each rule.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint, type Linter } from 'eslint';

const ROOT = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

/** Architecture messages for `code` linted as if it were the file at `rel` (the file need not exist). */
async function architectureErrors(rel: string, code: string): Promise<{ rule: string; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, rel) });
  return result.messages
    .filter((m) => m.ruleId?.startsWith('architecture/'))
    .map((m) => ({ rule: m.ruleId!.slice('architecture/'.length), message: m.message }));
}

/** A name for a planted file that exists nowhere and is listed nowhere. */
const planted = (dir: string, ext = 'ts') => `${dir}/planted-violation-${process.pid}.${ext}`;
/** The same, as a repository (where SQL may be written). */
const plantedRepository = (dir: string) => planted(dir, 'repository.ts');

describe('architecture rules (npm run lint)', () => {
  it('accepts a file that keeps the rules', async () => {
    const code = ["import { findUnit } from '../org/index.ts';", "import { fail } from '../../platform/result.ts';", 'export const x = [findUnit, fail];'].join(
      '\n',
    );
    expect(await architectureErrors(planted('src/modules/catalog'), code)).toEqual([]);
  });

  it('fails on SQL built outside a repository, and accepts it in one', async () => {
    const code = [
      "import { sql } from 'kysely';",
      "import type { Db } from '../../platform/db/database.ts';",
      "export const a = (db: Db) => db.selectFrom('org_units').selectAll().execute();",
      "export const b = (db: Db) => db.deleteFrom('org_units').execute();",
      'export const c = sql`select 1`;',
      "export const d = sql.raw('select 1');",
    ].join('\n');
    const errors = await architectureErrors(planted('src/modules/catalog'), code);
    expect(errors.map((e) => e.rule)).toEqual(['sql-in-repositories', 'sql-in-repositories', 'sql-in-repositories', 'sql-in-repositories']);
    expect(errors[0].message).toContain('selectFrom()');
    expect(await architectureErrors('src/modules/catalog/planted-violation.repository.ts', code)).toEqual([]);
  });

  it("fails on an import of another module's internals, not on its index.ts or the module's own files", async () => {
    const errors = await architectureErrors(planted('src/modules/catalog'), "export { listSubtree } from '../org/org.repository.ts';\n");
    expect(errors).toHaveLength(1);
    expect(errors[0].rule).toBe('module-boundaries');
    expect(errors[0].message).toContain('src/modules/org/index.ts');
    expect(await architectureErrors(planted('src/modules/org'), "export { listSubtree } from './org.repository.ts';\n")).toEqual([]);
    // The composition root, too, goes through a module's face.
    expect((await architectureErrors(planted('src'), "export { listSubtree } from './modules/org/org.repository.ts';\n")).map((e) => e.rule)).toEqual([
      'module-boundaries',
    ]);
  });

  it('fails when platform/ imports a module or the composition root', async () => {
    const errors = await architectureErrors(
      planted('src/platform/http'),
      "export { manifest } from '../../modules/org/index.ts';\nexport type { CliHelpers } from '../../main.ts';\n",
    );
    expect(errors.filter((e) => e.rule === 'platform-independent')).toHaveLength(2);
  });

  it('fails on an import cycle, naming the way back', async () => {
    // platform/result.ts is imported (directly or not) by the org module: importing org from it closes a circle.
    const original = fs.readFileSync(path.join(ROOT, 'src/platform/result.ts'), 'utf8');
    const errors = await architectureErrors('src/platform/result.ts', `${original}\nimport '../modules/org/index.ts';\n`);
    const cycle = errors.filter((e) => e.rule === 'no-cycle');
    expect(cycle).toHaveLength(1);
    expect(cycle[0].message).toMatch(
      /^\.\.\/modules\/org\/index\.ts: import cycle src\/platform\/result\.ts → src\/modules\/org\/index\.ts( → \S+)* → src\/platform\/result\.ts$/,
    );
    expect(await architectureErrors('src/platform/result.ts', original)).toEqual([]);
  });

  // A repository of module catalog (or publishing, or a platform file) that reads publishing's records.
  const readsDisclosures = (dbImport: string) =>
    `import type { Db } from '${dbImport}';\nexport const a = (db: Db) => db.selectFrom('disclosures').selectAll().execute();\n`;

  it("fails on another module's table named in a query or in raw SQL, not on the module's own or the platform's", async () => {
    // Owners come from the `interface Database` declarations: disclosures (publishing/disclosure.tables.ts),
    // annual_reports (requests/annual-report/report.db.ts), participation_items (participation.tables.ts).
    const code = `import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
export const a = (db: Db) => db.selectFrom('disclosures as d').select('d.id').execute();
export const b = (db: Db) => db.selectFrom('catalog_items as i').innerJoin('annual_reports as r', 'r.id', 'i.id').selectAll().execute();
export const c = (db: Db) => db.updateTable('catalog_items').from('participation_items').set({ name: 'x' }).execute();
export const d = sql\`select count(*) from catalog_items i left join "disclosure_versions" v on v.id = i.id\`;
export const e = sql.raw('select e.id as evidence from disclosure_evidence e');
export const f = sql\`select * from \${sql.table('disclosure_steps')}\`;
`;
    const errors = (await architectureErrors(plantedRepository('src/modules/catalog'), code)).filter((e) => e.rule === 'table-owners');
    expect(errors.map((e) => e.message.split(':')[0])).toEqual([
      'disclosures',
      'annual_reports',
      'participation_items',
      'disclosure_versions',
      'disclosure_evidence',
      'disclosure_steps',
    ]);
    expect(errors[0].message).toContain("a table of module 'publishing'");
    expect(errors[0].message).toContain('src/modules/publishing/index.ts');
    expect(errors[1].message).toContain("a table of module 'requests'");
    // Its own tables, the platform's (platform/db/schema.ts, platform/jobs, platform/search), a CTE's name, a function
    // and an ordinary string pass.
    const fine = `import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
export const a = (db: Db) => db.selectFrom('catalog_items as i').innerJoin('org_units as u', 'u.code', 'i.id').leftJoin('jobs', 'jobs.name', 'i.id').selectAll().execute();
export const b = (db: Db) => db.with('recent', (q) => q.selectFrom('catalog_events').selectAll()).selectFrom('recent').selectAll().execute();
export const c = sql\`select id from search_documents where extract(year from created_at) > 0 union select code from json_each(\${1})\`;
export const d = 'copy it from disclosures';
`;
    expect(await architectureErrors(plantedRepository('src/modules/catalog'), fine)).toEqual([]);
    // The owner may name its table; the platform may not name a module's.
    expect(await architectureErrors(plantedRepository('src/modules/publishing'), readsDisclosures('../../platform/db/database.ts'))).toEqual([]);
    const platform = await architectureErrors(planted('src/platform/db'), readsDisclosures('./database.ts'));
    expect(platform.map((e) => e.rule)).toEqual(['table-owners']);
    expect(platform[0].message).toContain('platform/ names only platform tables');
  });

  it("accepts another module's table where the configuration lists it as an exception with a reason", async () => {
    const lintWith = async (exception: object) => {
      const overrideConfig: Linter.Config[] = [{ files: ['src/**/*.ts'], rules: { 'architecture/table-owners': ['error', { exceptions: [exception] }] } }];
      const [result] = await new ESLint({ cwd: ROOT, overrideConfig }).lintText(readsDisclosures('../../platform/db/database.ts'), {
        filePath: path.join(ROOT, plantedRepository('src/modules/catalog')),
      });
      return result.messages.map((m) => m.ruleId);
    };
    expect(await lintWith({ module: 'catalog', tables: ['disclosures'], reason: 'planted: catalog reads the records by design' })).toEqual([]);
    expect(await lintWith({ module: 'catalog', tables: ['disclosure_steps'], reason: 'planted: a different table' })).toEqual(['architecture/table-owners']);
    // An exception without its reason is a configuration error.
    await expect(lintWith({ module: 'catalog', tables: ['disclosures'] })).rejects.toThrow(/reason/);
  });

  it('fails when the admin SPA imports server code at run time, not on type-only imports or a run-time leaf', async () => {
    const rel = planted('web/admin/src/features/publishing', 'tsx');
    const errors = await architectureErrors(
      rel,
      [
        "import { listDisclosures } from '../../../../../src/modules/publishing/index.ts';",
        "import { appendAuditEvent, type AuditActor } from '../../../../../src/platform/audit/audit-log.ts';",
        'export const x = [listDisclosures, appendAuditEvent];',
        'export type R = AuditActor;',
      ].join('\n'),
    );
    expect(errors.map((e) => e.rule)).toEqual(['admin-server-types', 'admin-server-types']);
    expect(errors[0].message).toContain('import type');
    const fine = [
      "import type { StaffDisclosure } from '../../../../../src/modules/publishing/disclosure.queries.ts';",
      "import { type Db } from '../../../../../src/platform/db/database.ts';",
      // platform/context.ts imports only types: the browser may run its chinaDate.
      "import { chinaDate } from '../../../../../src/platform/context.ts';",
      'export type X = [StaffDisclosure, Db];',
      'export const d = chinaDate;',
    ].join('\n');
    expect(await architectureErrors(rel, fine)).toEqual([]);
  });
});
