// The layering of docs/ARCHITECTURE.md ("Rules as enforced"), as ESLint rules over src/:
//
//   architecture/sql-in-repositories   query builders (selectFrom, insertInto, updateTable, deleteFrom, …) and
//                                      Kysely's `sql` only in `*.repository.ts` files and platform/db
//   architecture/module-boundaries     a file imports another module only through that module's index.ts
//   architecture/platform-independent  platform/ imports neither modules/ nor the composition root (main, app, runtime)
//   architecture/no-cycle              no import (type-only and literal dynamic imports included) leads back to the importing file
//   architecture/table-owners          a module's file names (in Kysely calls and raw SQL text) only its own tables and the
//                                      platform's; the owner of a table is the file declaring it on `interface Database`
//   architecture/admin-server-types    the admin SPA (web/admin/src) takes the server's types type-only (request and
//                                      response shapes are written once, on the server); a value import of server code
//                                      only from a leaf file that itself imports nothing at run time (e.g. chinaDate)
//
// Every violation fails: the allowlist of violations older than the rules shrank to nothing and is gone.
// test/architecture.test.ts plants a violation of each rule and checks that the lint fails on it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE_EXT = /\.(ts|tsx|js|mjs)$/;
/** Kysely entry points that build a statement. */
export const QUERY_BUILDERS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto', 'selectNoFrom']);
/** The composition root: wires modules and platform together; platform must not import it. */
const ROOT_FILES = new Set(['src/main.ts', 'src/app.ts', 'src/runtime.ts']);

/** Repository-relative path with forward slashes. */
export function relativePath(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** Where SQL may be written: repositories (a `*.repository.ts` file) and the database layer of the platform. */
export function isRepositoryFile(rel) {
  return /\.repository\.tsx?$/.test(rel) || rel.startsWith('src/platform/db/');
}

/** `src/modules/<name>/…` → name; composition files directly in src/modules (index.ts, cli.ts) and everything else → null. */
export function moduleOf(rel) {
  const m = /^src\/modules\/([^/]+)\/./.exec(rel);
  return m ? m[1] : null;
}

/** Resolves a relative import specifier of `fromFile` (absolute) to an absolute file path, or null for packages. */
function resolveImport(fromFile, spec) {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
  for (const c of candidates) {
    if (SOURCE_EXT.test(c) && fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return base;
}

/**
 * Shared frame of every rule: `create` gets the file (absolute and repository-relative), a `report(node, message)`
 * and the rule's options (validated against `schema`).
 */
function ruleWith(description, create, schema = []) {
  return {
    meta: {
      type: 'problem',
      docs: { description },
      schema,
      messages: { violation: '{{message}}' },
    },
    create(context) {
      const file = context.filename;
      return create({
        file,
        rel: relativePath(file),
        options: context.options,
        report: (node, message) => context.report({ node, messageId: 'violation', data: { message } }),
      });
    },
  };
}

/**
 * Import-like statements of an ESTree program (imports and re-exports) with a relative specifier: [node, specifier,
 * the target's repository-relative path]. Package imports are left out.
 */
function localImportsOf(program, file) {
  const out = [];
  for (const s of program.body) {
    if ((s.type === 'ImportDeclaration' || s.type === 'ExportNamedDeclaration' || s.type === 'ExportAllDeclaration') && s.source) {
      const target = resolveImport(file, s.source.value);
      if (target) out.push([s, s.source.value, relativePath(target)]);
    }
  }
  return out;
}

/** The local names of Kysely's `sql` (value imports): an `ImportDeclaration` visitor that collects them, and `isSql(node)`. */
function kyselySql() {
  const names = new Set();
  return {
    ImportDeclaration(node) {
      if (node.source.value !== 'kysely' || node.importKind === 'type') return;
      for (const s of node.specifiers) {
        if (s.type === 'ImportSpecifier' && s.importKind !== 'type' && (s.imported.name ?? s.imported.value) === 'sql') names.add(s.local.name);
      }
    },
    isSql: (n) => Boolean(n) && n.type === 'Identifier' && names.has(n.name),
  };
}

const sqlInRepositories = ruleWith('SQL (Kysely query builders and `sql`) only in *.repository.ts files', ({ rel, report }) => {
  if (isRepositoryFile(rel)) return {};
  const { ImportDeclaration, isSql } = kyselySql();
  return {
    ImportDeclaration,
    CallExpression(node) {
      const c = node.callee;
      if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') {
        if (QUERY_BUILDERS.has(c.property.name)) report(node, `${c.property.name}(): build SQL in the module's *.repository.ts, not here`);
        else if (isSql(c.object)) report(node, `sql.${c.property.name}(): build SQL in the module's *.repository.ts, not here`);
      }
    },
    TaggedTemplateExpression(node) {
      const t = node.tag;
      if (isSql(t) || (t.type === 'MemberExpression' && isSql(t.object))) report(node, "sql`…`: build SQL in the module's *.repository.ts, not here");
    },
  };
});

const moduleBoundaries = ruleWith('import another module only through its index.ts', ({ file, rel, report }) => {
  const own = moduleOf(rel);
  return {
    Program(program) {
      for (const [node, spec, t] of localImportsOf(program, file)) {
        const other = moduleOf(t);
        if (!other || other === own) continue;
        if (t !== `src/modules/${other}/index.ts`) report(node, `${spec}: import module '${other}' through src/modules/${other}/index.ts, not its internals`);
      }
    },
  };
});

const platformIndependent = ruleWith('platform/ imports no module and not the composition root', ({ file, rel, report }) => {
  if (!rel.startsWith('src/platform/')) return {};
  return {
    Program(program) {
      for (const [node, spec, t] of localImportsOf(program, file)) {
        if (t.startsWith('src/modules/') || ROOT_FILES.has(t))
          report(
            node,
            `${spec}: platform/ must not import ${t.startsWith('src/modules/') ? 'a module' : 'the composition root'}; move what both need into platform/`,
          );
      }
    },
  };
});

/** Whether a file imports nothing at run time (every import of it is `import type`), so the browser bundle may hold it. */
function isRuntimeLeaf(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const program = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  return program.statements.every((s) => {
    // `import './x.ts'` (no clause) runs x: not a leaf.
    if (ts.isImportDeclaration(s)) return Boolean(s.importClause?.isTypeOnly);
    if (ts.isExportDeclaration(s)) return !s.moduleSpecifier || s.isTypeOnly;
    return true;
  });
}

const adminServerTypes = ruleWith('the admin SPA imports server code type-only (or a run-time leaf)', ({ file, rel, report }) => {
  if (!rel.startsWith('web/admin/src/')) return {};
  return {
    Program(program) {
      for (const [node, spec, t] of localImportsOf(program, file)) {
        if (!t.startsWith('src/')) continue;
        const typeOnly =
          node.importKind === 'type' ||
          node.exportKind === 'type' ||
          (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
        if (typeOnly || isRuntimeLeaf(path.join(ROOT, t))) continue;
        report(
          node,
          `${spec}: the admin takes server code type-only (\`import type\`); ${t} imports other code at run time, so the browser bundle must not hold it`,
        );
      }
    },
  };
});

// --- import graph for no-cycle (read from disk, cached by modification time) ---

const edgeCache = new Map();
/**
 * Imports of a file on disk, as absolute paths: static imports and re-exports (type-only ones included), and
 * `import('…')` with a literal path (a dynamic import that dodges a cycle is still one). Cached by modification time.
 */
export function fileImports(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const hit = edgeCache.get(file);
  if (hit && hit.mtime === stat.mtimeMs) return hit.edges;
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const edges = [];
  for (const { fileName } of info.importedFiles) {
    const t = resolveImport(file, fileName);
    if (t && SOURCE_EXT.test(t) && !/\.test\.tsx?$/.test(t)) edges.push(t);
  }
  edgeCache.set(file, { mtime: stat.mtimeMs, edges });
  return edges;
}

/** A shortest import path from `start` back to `target` (list of absolute files, start first), or null. */
export function pathBack(start, target, importsOfFile = fileImports) {
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const f = queue.shift();
    for (const n of importsOfFile(f)) {
      if (n === target) {
        const chain = [f];
        for (let p = prev.get(f); p; p = prev.get(p)) chain.unshift(p);
        return chain;
      }
      if (!prev.has(n)) {
        prev.set(n, f);
        queue.push(n);
      }
    }
  }
  return null;
}

const noCycle = ruleWith('no import cycles (type-only and literal dynamic imports count)', ({ file, report }) => {
  const imports = [];
  const add = (node, source) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') imports.push([node, source.value]);
  };
  return {
    ImportDeclaration: (node) => add(node, node.source),
    ExportNamedDeclaration: (node) => add(node, node.source),
    ExportAllDeclaration: (node) => add(node, node.source),
    ImportExpression: (node) => add(node, node.source),
    TSImportType: (node) => add(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
    'Program:exit'() {
      const seen = new Set();
      for (const [node, spec] of imports) {
        const target = resolveImport(file, spec);
        if (!target || !SOURCE_EXT.test(target) || seen.has(target) || target === file) continue;
        seen.add(target);
        const chain = pathBack(target, file);
        if (chain) report(node, `${spec}: import cycle ${[file, ...chain, file].map(relativePath).join(' → ')}`);
      }
    },
  };
});

// --- table owners ---

/** The owner of the tables `src/platform/**` declares: every module may name them. */
export const PLATFORM = 'platform';
const SCHEMA_FILE = 'src/platform/db/schema.ts';
/** Kysely calls whose first argument names a table (`'t'`, `'t as alias'` or a list of them). */
const TABLE_TAKERS = new Set([
  ...[...QUERY_BUILDERS].filter((n) => n !== 'selectNoFrom'),
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'crossJoin',
  'innerJoinLateral',
  'leftJoinLateral',
  'crossJoinLateral',
]);
/** Calls that name a table only on a statement chain (`updateTable(…).from('t')`, `deleteFrom(…).using('t')`). */
const CHAINED_TABLE_TAKERS = new Set(['from', 'using']);
/** A table named in raw SQL text: after from / join / into / update (not a function call, not `schema.table`). */
const SQL_TABLE_REF = /\b(?:from|join|into|update)\s+(?:only\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?(?![\w.(])/gi;

/** Who a file speaks for: its module (`src/modules/<m>/…`), 'platform' (`src/platform/…`), or null (the composition root). */
export function ownerOf(rel) {
  return moduleOf(rel) ?? (rel.startsWith('src/platform/') ? PLATFORM : null);
}

function sourceFilesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFilesUnder(p));
    else if (/\.tsx?$/.test(e.name) && !/\.(test|fixture)\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Tables one file declares on `interface Database`: top-level in platform/db/schema.ts, or in `declare module '…/schema.ts'`. */
export function declaredTables(file, text) {
  const out = [];
  const collect = (statements, declaresHere) => {
    for (const s of statements) {
      if (declaresHere && ts.isInterfaceDeclaration(s) && s.name.text === 'Database') {
        for (const m of s.members) if (ts.isPropertySignature(m) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) out.push(m.name.text);
      } else if (ts.isModuleDeclaration(s) && ts.isStringLiteral(s.name) && s.body && ts.isModuleBlock(s.body)) {
        const target = resolveImport(file, s.name.text);
        if (target && relativePath(target) === SCHEMA_FILE) collect(s.body.statements, true);
      }
    }
  };
  collect(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false).statements, relativePath(file) === SCHEMA_FILE);
  return out;
}

let ownersCache = null;
/**
 * Every table's owner, read from the `interface Database` declarations under src/ (tests and fixtures left out), once
 * per process: `owners` maps table → module name or 'platform'; `conflicts` maps a declaring file to the tables it
 * declares that another owner declares too (one owner per table).
 */
export function tableOwners() {
  if (ownersCache) return ownersCache;
  const owners = new Map();
  const declaredIn = new Map();
  const conflicts = new Map();
  for (const file of sourceFilesUnder(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('interface Database')) continue;
    const rel = relativePath(file);
    const owner = ownerOf(rel);
    for (const t of declaredTables(file, text)) {
      if (owners.has(t) && owners.get(t) !== owner) {
        conflicts.set(rel, [...(conflicts.get(rel) ?? []), `${t} (also declared by ${declaredIn.get(t)})`]);
        continue;
      }
      owners.set(t, owner);
      declaredIn.set(t, rel);
    }
  }
  ownersCache = { owners, conflicts };
  return ownersCache;
}

/** Table names in raw SQL text (every name after from / join / into / update; the caller keeps the known tables). */
export function tablesInSqlText(text) {
  return [...text.matchAll(SQL_TABLE_REF)].map((m) => m[1].toLowerCase());
}

/** The text of a string literal argument (or a list of them; `` `t` `` without substitutions too); anything computed → []. */
function literalTexts(arg) {
  if (!arg) return [];
  if (arg.type === 'ArrayExpression') return arg.elements.flatMap((e) => literalTexts(e));
  if (arg.type === 'Literal' && typeof arg.value === 'string') return [arg.value];
  if (arg.type === 'TemplateLiteral' && arg.expressions.length === 0) return [arg.quasis[0].value.cooked];
  return [];
}

/** `'t'`, `'t as x'` or a list of them → ['t', …]. */
function tableNamesOf(arg) {
  return literalTexts(arg).map((text) =>
    text
      .trim()
      .split(/\s+as\s+/i)[0]
      .trim(),
  );
}

/** Whether a call's callee chain (`x.updateTable(…).set(…).from`) went through a statement builder. */
function onStatementChain(member) {
  for (let o = member.object; o;) {
    if (o.type === 'CallExpression') o = o.callee;
    else if (o.type === 'MemberExpression') {
      if (!o.computed && o.property.type === 'Identifier' && QUERY_BUILDERS.has(o.property.name)) return true;
      o = o.object;
    } else return false;
  }
  return false;
}

const tableOwnersRule = ruleWith(
  "a module names only its own tables and the platform's; another module's data through that module's index.ts",
  ({ rel, options, report }) => {
    const self = ownerOf(rel);
    if (!self) return {};
    const { owners, conflicts } = tableOwners();
    const excepted = new Set((options[0]?.exceptions ?? []).filter((e) => e.module === self).flatMap((e) => e.tables));
    if (excepted.has('*')) return {};
    const { ImportDeclaration, isSql } = kyselySql();
    const check = (node, table) => {
      const owner = owners.get(table);
      if (!owner || owner === self || owner === PLATFORM || excepted.has(table)) return;
      report(
        node,
        self === PLATFORM
          ? `${table}: a table of module '${owner}'; platform/ names only platform tables`
          : `${table}: a table of module '${owner}'; read or change it through a function ${owner}'s repository exports from src/modules/${owner}/index.ts`,
      );
    };
    return {
      Program(program) {
        for (const c of conflicts.get(rel) ?? []) report(program, `table ${c}: one owner per table`);
      },
      ImportDeclaration,
      CallExpression(node) {
        const c = node.callee;
        if (c.type !== 'MemberExpression' || c.computed || c.property.type !== 'Identifier') return;
        const name = c.property.name;
        let tables = [];
        if (TABLE_TAKERS.has(name) || (CHAINED_TABLE_TAKERS.has(name) && onStatementChain(c))) tables = tableNamesOf(node.arguments[0]);
        else if (isSql(c.object) && name === 'table') tables = tableNamesOf(node.arguments[0]);
        else if (isSql(c.object) && name === 'raw') tables = literalTexts(node.arguments[0]).flatMap((t) => tablesInSqlText(t));
        for (const t of tables) check(node, t);
      },
      TaggedTemplateExpression(node) {
        const t = node.tag;
        if (!isSql(t) && !(t.type === 'MemberExpression' && isSql(t.object))) return;
        for (const name of tablesInSqlText(node.quasi.quasis.map((q) => q.value.cooked).join(' ? '))) check(node, name);
      },
    };
  },
  [
    {
      type: 'object',
      properties: {
        exceptions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              // The module (or 'platform') whose files may name the tables; `tables: ['*']` is every table.
              module: { type: 'string', minLength: 1 },
              tables: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
              reason: { type: 'string', minLength: 10 },
            },
            required: ['module', 'tables', 'reason'],
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
  ],
);

export default {
  meta: { name: 'gongkai-architecture' },
  rules: {
    'sql-in-repositories': sqlInRepositories,
    'module-boundaries': moduleBoundaries,
    'platform-independent': platformIndependent,
    'no-cycle': noCycle,
    'admin-server-types': adminServerTypes,
    'table-owners': tableOwnersRule,
  },
};

/** The rule names as configured (`architecture/<name>`). */
export const RULES = ['sql-in-repositories', 'module-boundaries', 'platform-independent', 'no-cycle', 'admin-server-types', 'table-owners'];
