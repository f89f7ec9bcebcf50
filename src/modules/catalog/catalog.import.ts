import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { CatalogKind } from './catalog.types.ts';
import { deleteVersionItemsOfDomains, insertItem, listDomains, listVersionItemKeys, openDraft, toColumns } from './catalog.repository.ts';
import { insertDraftCopy, requireAdmin } from './catalog.commands.ts';
import { checkDisplayRule, checkTimeRule } from './catalog.validation.ts';
import { parseCatalogXlsx, type ImportProblem } from './catalog.excel.ts';

export interface ImportSummary {
  versionId: string;
  versionNumber: number;
  createdDraft: boolean;
  /** Domains whose items the file replaced in the draft. */
  domains: string[];
  items: number;
}

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * Imports a workbook into the catalog's draft (opening one, copied from the version in force, when
 * none is open). Each domain present in the file replaces that domain's items in the draft; other
 * domains are untouched. Any problem in any row stops the whole import: nothing is written.
 */
export async function importCatalogWorkbook(ctx: AppContext, meta: CommandMeta, catalog: CatalogKind, buffer: Buffer): Promise<Result<ImportSummary>> {
  const denied = requireAdmin(meta);
  if (denied) return denied;
  const domains = await listDomains(ctx.db, catalog);
  const parsed = await parseCatalogXlsx(buffer, { catalog, domains: domains.map((d) => ({ code: d.code, name: d.name })) });
  const problems: ImportProblem[] = parsed.ok ? [] : parsed.problems;
  if (parsed.ok) {
    // Bounds the text parser does not know about (e.g. n within 1..365).
    for (const item of parsed.items) {
      const t = checkTimeRule(item.timeRule);
      if (t) problems.push({ sheet: item.sheet, row: item.row, column: 'F 公开时限', message: t });
      const d = checkDisplayRule(item.displayRule);
      if (d) problems.push({ sheet: item.sheet, row: item.row, column: 'P 公示期', message: d });
    }
  }
  if (problems.length > 0 || !parsed.ok) {
    return fail(400, 'IMPORT_INVALID', `导入失败：文件中有${problems.length}处问题，未导入任何内容。请按提示修改后重新导入。`, problems);
  }
  return runCommand(ctx, meta, async (scope) => {
    const { trx, audit } = scope;
    let draft = await openDraft(trx, catalog);
    const createdDraft = !draft;
    if (!draft) draft = await insertDraftCopy(scope, meta, catalog);
    const domainCodes = [...new Set(parsed.items.map((i) => i.domainCode))];
    const before = await listVersionItemKeys(trx, draft.id);
    // Keys must stay unique in the version: a key from the file may not belong to a kept domain.
    const keptKeys = new Map(before.filter((b) => !domainCodes.includes(b.domain_code)).map((b) => [b.item_key, b.domain_code]));
    const clashes: ImportProblem[] = parsed.items
      .filter((i) => i.key && keptKeys.has(i.key))
      .map((i) => ({ sheet: i.sheet, row: i.row, column: 'R 事项编码', message: `事项编码“${i.key}”已属于本次未导入的其他领域，请删除该编码后重新导入` }));
    if (clashes.length) return fail(400, 'IMPORT_INVALID', `导入失败：文件中有${clashes.length}处问题，未导入任何内容。请按提示修改后重新导入。`, clashes);
    await deleteVersionItemsOfDomains(trx, draft.id, domainCodes);
    const prefix = catalog === 'government' ? 'gov' : 'vil';
    for (const [n, item] of parsed.items.entries()) {
      const key = item.key ?? `${prefix}:${item.domainCode}:${crypto.randomBytes(4).toString('hex')}`;
      const { sheet: _sheet, row: _row, key: _key, catalog: _c, domainName: _d, ...content } = item;
      await insertItem(trx, { id: crypto.randomUUID(), version_id: draft.id, ...toColumns(key, { ...content, sort: (n + 1) * 10 }) });
    }
    await audit({
      unitCode: null,
      action: 'catalog.import',
      entityType: 'catalog_version',
      entityId: draft.id,
      before: { items: before.filter((b) => domainCodes.includes(b.domain_code)).length },
      after: { catalog, domains: domainCodes, items: parsed.items.length, createdDraft },
    });
    return ok({ versionId: draft.id, versionNumber: draft.number, createdDraft, domains: domainCodes, items: parsed.items.length });
  });
}
