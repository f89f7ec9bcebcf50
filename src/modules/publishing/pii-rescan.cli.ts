import type { CliHelpers } from '../../platform/cli.ts';
import type { AppContext } from '../../platform/context.ts';
import { runPiiRescan, type RescanResult } from './pii-rescan.ts';

/** Exit code of `--fail-on-findings` when records are listed (1 is an error, 2 a usage error). */
export const FINDINGS_EXIT_CODE = 3;

/** The human-readable list: one record a line, never the values themselves. */
export function formatRescan(r: RescanResult): string {
  const lines = [`已按现行个人信息识别规则复查 ${r.scanned} 条已发布内容（${r.runAt}，用时 ${r.durationMs} 毫秒）：`];
  if (!r.findings.length) {
    lines.push('没有发现未遮盖的个人信息。');
    return lines.join('\n');
  }
  lines.push(`${r.findings.length} 条内容共有 ${r.findings.reduce((n, f) => n + f.count, 0)} 处未遮盖的个人信息，请逐条更正（更正理由会公开）：`);
  for (const f of r.findings) {
    const kinds = f.kinds.map((k) => `${k.text}${k.count}处`).join('、');
    const places = f.places.map((p) => p.text).join('、');
    lines.push(
      `- ${f.disclosureId}  ${f.unitName}（${f.unitCode}）  ${f.indexNo}  《${f.title}》  ${kinds}  位置：${places}${f.status === 'withdrawn' ? '  （已撤回，仍公开显示）' : ''}`,
    );
  }
  return lines.join('\n');
}

/** Runs the re-scan, stores its result, prints it; the exit code (see `FINDINGS_EXIT_CODE`). */
export async function piiRescan(ctx: AppContext, opts: { json: boolean; failOnFindings: boolean }, print: (s: string) => void): Promise<number> {
  const r = await runPiiRescan(ctx, { actor: null });
  if (!r.ok) {
    console.error(`错误：${r.message} (${r.code})`);
    return 1;
  }
  print(opts.json ? JSON.stringify(r.value, null, 2) : formatRescan(r.value));
  return opts.failOnFindings && r.value.findings.length ? FINDINGS_EXIT_CODE : 0;
}

/**
 * `gongkai pii rescan [--json] [--fail-on-findings] [--data-dir DIR]`: lists the published records whose public text
 * has personal data not masked under the current rules (record id, unit, 索引号, title as masked now, kinds and
 * counts, never the values). The result is stored for the admin's 复查 page (audited as `publishing.pii_rescan`).
 * Exit 0 when the run succeeded, with or without findings; with `--fail-on-findings`, 3 when something is listed.
 */
export async function runPiiRescanCli(argv: string[], helpers: CliHelpers): Promise<number> {
  const { values } = helpers.parse(argv, { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, 'fail-on-findings': { type: 'boolean' } });
  return helpers.withRuntime(values, (rt) => piiRescan(rt.ctx, { json: !!values.json, failOnFindings: !!values['fail-on-findings'] }, (s) => console.log(s)));
}
