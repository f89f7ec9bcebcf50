/**
 * Demo rows (演示) of the personal-data gate and the re-scan, for a fresh `npm start`:
 * - a draft of 卜湖社区 with issue 13's three examples (an ID with spaces, one with dashes, one with a zero-width
 *   space inside) and a mobile and a card written with separators: its 个人信息检查 lists every one;
 * - a published record with a 社保卡号, then a county rule 社保卡号（演示规则） added after it, and one run of the
 *   re-scan (an explicit step of the seed), so the 已发布内容复查 section lists the record to correct.
 * The numbers are made up (valid check digits, no real person). Idempotent: nothing is added twice.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { actorByUsername } from '../org/index.ts';
import { findDisclosureTitled } from './disclosure.repository.ts';
import type { DemoSeedOutput } from '../../platform/module.ts';
import { unwrap } from '../../platform/result.ts';
import { createDisclosure, publishDisclosure, reviewDisclosure, submitDisclosure } from './disclosure.commands.ts';
import { loadPiiRulesView, savePiiRules } from './pii-config.ts';
import { runPiiRescan } from './pii-rescan.ts';

const UNIT = '321323002-buhu';
export const DEMO_GATE_TITLE = '最低生活保障对象审核公示（演示：个人信息检查）';
export const DEMO_RESCAN_TITLE = '社区居民社会保障卡发放名单（演示：已发布内容复查）';

// GB 11643 check digits: 32132319660707777 → 0, 32132319881111222 → 9, 32132319900101123 → 6.
export const DEMO_GATE_BODY =
  '<p>（演示数据，号码均为编造）现将本社区最低生活保障对象审核情况公示如下：</p>' +
  '<p>户主王某某，身份证号 321323 19660707 7770，保障人数 3 人；</p>' +
  '<p>户主李某某，身份证号 321323-19881111-2229，保障人数 2 人；</p>' +
  '<p>户主张某某，身份证号 3213231990\u200B01011236（号码中间有一个看不见的零宽字符），联系电话 138 1234 5678，' +
  '收款账户 6222 0210 0123 4567 896。</p><p>公示期内如有异议，请向社区居务监督委员会反映。</p>';

export async function seedPiiDemo(ctx: AppContext, out: DemoSeedOutput): Promise<void> {
  const exists = await findDisclosureTitled(ctx.db, UNIT, [DEMO_GATE_TITLE, DEMO_RESCAN_TITLE]);
  if (exists) return;
  const clerk = await actorByUsername(ctx.db, 'buhu.clerk');
  const supervisor = await actorByUsername(ctx.db, 'buhu.supervisor');
  const admin = await actorByUsername(ctx.db, 'county.admin');
  if (!clerk || !supervisor || !admin) return;
  const today = chinaDate(ctx.clock.now());
  unwrap(await createDisclosure(ctx, { actor: clerk }, { unitCode: UNIT, title: DEMO_GATE_TITLE, formedOn: today, body: DEMO_GATE_BODY }));

  const published = unwrap(
    await createDisclosure(
      ctx,
      { actor: clerk },
      {
        unitCode: UNIT,
        title: DEMO_RESCAN_TITLE,
        formedOn: today,
        body: '<p>（演示数据）本月发放社会保障卡：王某某，社保卡号 M1234 5678；李某某，社保卡号 M8765 4321。</p>',
      },
    ),
  );
  unwrap(await submitDisclosure(ctx, { actor: clerk }, published.id));
  unwrap(await reviewDisclosure(ctx, { actor: supervisor }, published.id, { decision: 'approve', comment: '同意公开（演示）' }));
  unwrap(await publishDisclosure(ctx, { actor: clerk }, published.id, {}));
  // Later the county adds its own rule: the record above now has two unmasked hits.
  const view = await loadPiiRulesView(ctx.db);
  if (!view.config.custom.some((r) => r.id === 'shebao_card')) {
    const custom = [
      ...view.config.custom,
      {
        id: 'shebao_card',
        kind: 'custom' as const,
        label: '社保卡号（演示规则）',
        regex: '(?<![A-Z0-9])[A-Z]\\d{8}(?![0-9])',
        enabled: true,
        mask: { keepFirst: 1, keepLast: 2, maskChar: '*' },
      },
    ];
    unwrap(await savePiiRules(ctx, { actor: admin }, { builtin: view.config.builtin, custom }));
  }
  const r = unwrap(await runPiiRescan(ctx, { actor: admin }));
  out.notes.push(`个人信息检查演示：卜湖社区草稿 1 条；已发布内容复查发现 ${r.findings.length} 条需要更正（系统设置 → 个人信息识别规则）`);
}
