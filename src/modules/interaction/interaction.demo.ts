/**
 * Siyang demo rows of 政民互动 (every case `is_demo = 1`, every text labelled 演示), entered through the same
 * commands staff and villagers use, so a fresh `npm start` shows a case in every state: questions on 卜湖社区's
 * published finance statement (handling, answered and published, verified and closed, escalated to 城厢街道,
 * ordered to correct, a correction waiting for review), 咨询 / 建议 / 投诉 (screening, handling, transferred,
 * returned, merged, answered, reopened, closed and published), an 意见箱 with an opening and its slips, and
 * knowledge entries (one published, one overdue for review). People and numbers are invented. Idempotent.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { DemoSeedOutput } from '../../platform/module.ts';
import { unwrap } from '../../platform/result.ts';
import { addCalendarDays, getCalendar } from '../calendar/index.ts';
import { actorByUsername, findUnit } from '../org/index.ts';
import { noticeBoardsOf } from '../archives/index.ts';
import { buildFinanceTemplate, createDisclosure, publishDisclosure, reviewDisclosure, submitDisclosure, uploadFinanceStatement } from '../publishing/index.ts';
import { hasDemoCases, updateKnowledge } from './interaction.repository.ts';
import { intakeCase, type StaffCaseInput } from './commands/intake-case.ts';
import { screenCase } from './commands/screen-case.ts';
import { answerCase } from './commands/answer-case.ts';
import { correctDisclosure } from './commands/correct-disclosure.ts';
import { investigateCase } from './commands/investigate-case.ts';
import { mergeCase } from './commands/merge-case.ts';
import { publishCase } from './commands/publish-case.ts';
import { respondToCase } from './commands/respond-case.ts';
import { createKnowledge, publishKnowledge } from './commands/knowledge.ts';
import { recordOpening, registerBox } from './commands/boxes.ts';
import { saveTemplates } from './commands/templates.ts';
import { newWorkbook } from '../../platform/lazy-libs.ts';

const VILLAGE = '321323002-buhu';
const TOWN = '321323002';
export const DEMO_STATEMENT_TITLE = '卜湖社区2026年第三季度财务收支明细（演示）';

const actorOf = (ctx: AppContext, username: string): Promise<Actor | null> => actorByUsername(ctx.db, username);

/** The clerk's filled template: balances in B2/B3 (yuan), lines from row 5 (publishing's own template). */
export async function demoStatementXlsx(
  lines: [string, string, string, string, number | null, number | null][],
  opening: number,
  closing: number,
): Promise<Buffer> {
  const wb = newWorkbook();
  await wb.xlsx.load((await buildFinanceTemplate({ unitName: '卜湖社区', period: '2026年第三季度' })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('收支明细')!;
  ws.getCell('B2').value = opening;
  ws.getCell('B3').value = closing;
  lines.forEach((l, i) => {
    ws.getRow(5 + i).values = l;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Publishes a 卜湖社区 record through publishing's API-level commands (draft → 村务监督委员会 → publish). */
async function publishVillageRecord(ctx: AppContext, clerk: Actor, supervisor: Actor, title: string, body: string, statement?: Buffer): Promise<string> {
  const d = unwrap(
    await createDisclosure(
      ctx,
      { actor: clerk },
      { unitCode: VILLAGE, title, formedOn: chinaDate(ctx.clock.now()), body, ...(statement ? { itemKey: 'vil:szxq', period: '2026-Q3' } : {}) },
    ),
  );
  if (statement) unwrap(await uploadFinanceStatement(ctx, { actor: clerk }, d.id, statement));
  unwrap(await submitDisclosure(ctx, { actor: clerk }, d.id));
  unwrap(await reviewDisclosure(ctx, { actor: supervisor }, d.id, { decision: 'approve', comment: '同意公开（演示）' }));
  unwrap(await publishDisclosure(ctx, { actor: clerk }, d.id, {}));
  return d.id;
}

export async function seedInteractionDemo(ctx: AppContext, out: DemoSeedOutput): Promise<void> {
  if (await hasDemoCases(ctx.db)) return;
  const clerk = await actorOf(ctx, 'buhu.clerk');
  const supervisor = await actorOf(ctx, 'buhu.supervisor');
  const townOfficer = await actorOf(ctx, 'chengxiang.officer');
  const mzj = await actorOf(ctx, 'mzj.officer');
  if (!clerk || !supervisor || !townOfficer || !mzj) return;
  const calendar = await getCalendar(ctx);
  const today = chinaDate(ctx.clock.now());
  const back = (n: number) => {
    let d = today;
    for (let i = 0; i < n;) {
      d = addCalendarDays(d, -1);
      if (calendar.isWorkday(d)) i++;
    }
    return d;
  };
  const m = (a: Actor) => ({ actor: a, requestId: null });

  const statementId = await publishVillageRecord(
    ctx,
    clerk,
    supervisor,
    DEMO_STATEMENT_TITLE,
    '<p>（演示数据）现将本社区2026年第三季度财务收支情况公布如下，如有疑问请点击“对此有疑问”或向社区居务监督委员会反映。</p>',
    await demoStatementXlsx(
      [
        ['2026-07-05', '记-001', '上级转移支付（演示）', '补助收入', 50000, null],
        ['2026-07-18', '记-002', '道路修缮材料费（演示）', '公益事业支出', null, 12800],
        ['2026-08-09', '记-003', '办公用品（演示）', '管理费用', null, 1350.5],
        ['2026-09-12', '记-004', '保洁劳务费（演示）', '公益事业支出', null, 6000],
      ],
      20000,
      49849.5,
    ),
  );
  const meetingId = await publishVillageRecord(
    ctx,
    clerk,
    supervisor,
    '卜湖社区居民代表会议决定公开（演示）',
    '<p>（演示数据）居民代表会议决定：修缮社区南侧道路，预算3万元。</p>',
  );

  const ask = (content: string, extra: Partial<StaffCaseInput> = {}): StaffCaseInput => ({
    kind: 'question',
    disclosureId: statementId,
    content,
    channel: 'in-person',
    receivedOn: today,
    publishConsent: true,
    name: '演示居民',
    ...extra,
  });
  const intake = async (a: Actor, input: StaffCaseInput) => unwrap(await intakeCase(ctx, m(a), input, { demo: true }));

  // Questions on the finance statement.
  await intake(clerk, ask('（演示）8月9日的办公用品买了什么？能否公布明细？', { lineKind: 'finance', lineNo: 2, channel: 'phone' }));
  const answered = await intake(clerk, ask('（演示）7月18日道路修缮材料费是哪条路？', { lineKind: 'finance', lineNo: 1, receivedOn: back(3) }));
  unwrap(
    await answerCase(ctx, m(clerk), answered.row.id, 'answer', {
      answer: '（演示）是社区南侧道路的修缮材料，发票和验收单已交居务监督委员会审核，可到社区查阅。',
    }),
  );
  unwrap(await publishCase(ctx, m(clerk), answered.row.id));
  const verified = await intake(clerk, ask('（演示）上级转移支付5万元是否全部入账？', { lineKind: 'finance', lineNo: 0, receivedOn: back(5) }));
  unwrap(
    await answerCase(ctx, m(clerk), verified.row.id, 'verify', {
      answer: '（演示）经核实，5万元已全额入账，公布内容无误。',
      facts: '（演示）核对了银行进账单和记-001凭证。',
    }),
  );
  unwrap(await respondToCase(ctx, 'demo', { code: verified.trackingCode, secret: verified.trackingSecret, response: 'satisfied' }));
  const escalated = await intake(clerk, ask('（演示）保洁劳务费6000元付给了谁？', { lineKind: 'finance', lineNo: 3, receivedOn: back(6) }));
  unwrap(await answerCase(ctx, m(clerk), escalated.row.id, 'answer', { answer: '（演示）付给了社区保洁队。' }));
  unwrap(
    await respondToCase(ctx, 'demo', {
      code: escalated.trackingCode,
      secret: escalated.trackingSecret,
      response: 'unsatisfied',
      reason: '（演示）没有说明人数和标准',
    }),
  );
  const ordered = await intake(clerk, ask('（演示）期末余额好像算错了。', { receivedOn: back(8) }));
  unwrap(await answerCase(ctx, m(clerk), ordered.row.id, 'answer', { answer: '（演示）余额是会计算的，应该没错。' }));
  unwrap(
    await respondToCase(ctx, 'demo', { code: ordered.trackingCode, secret: ordered.trackingSecret, response: 'unsatisfied', reason: '（演示）请街道核实' }),
  );
  unwrap(
    await investigateCase(ctx, m(townOfficer), ordered.row.id, {
      investigators: '城厢街道经办人（演示）、街道财政所会计（演示）',
      investigatedOn: today,
      findings: '（演示）核对账簿，期末余额应为49849.50元，公布表中摘要有误。',
      conclusion: '（演示）经调查核实，公布内容确有错误，已责令社区限期更正并重新公布。',
      order: 'correct',
    }),
  );
  const correcting = await intake(clerk, ask('（演示）会议决定的预算是3万元还是3.5万元？', { disclosureId: meetingId, receivedOn: back(2) }));
  unwrap(
    await correctDisclosure(ctx, m(clerk), correcting.row.id, {
      body: '<p>（演示数据）居民代表会议决定：修缮社区南侧道路，预算3.5万元（原公布3万元有误）。</p>',
    }),
  );

  // 咨询 / 建议 / 投诉.
  const other = (kind: string, unitCode: string, content: string, extra: Partial<StaffCaseInput> = {}): StaffCaseInput => ({
    kind,
    unitCode,
    content,
    channel: 'phone',
    receivedOn: today,
    publishConsent: false,
    ...extra,
  });
  await intake(mzj, other('consult', 'dept-mzj', '（演示）低保申请需要准备哪些材料？', { receivedOn: back(1) }));
  const handling = await intake(clerk, other('suggestion', VILLAGE, '（演示）建议在社区广场增加路灯。', { channel: 'meeting', receivedOn: back(4) }));
  unwrap(await screenCase(ctx, m(clerk), handling.row.id, { decision: 'accept' }));
  const transferred = await intake(clerk, other('complaint', VILLAGE, '（演示）县道旁的垃圾长期无人清运。', { receivedOn: back(2) }));
  unwrap(await screenCase(ctx, m(clerk), transferred.row.id, { decision: 'transfer', reason: '（演示）县道保洁由街道负责', toUnitCode: TOWN }));
  const returned = await intake(mzj, other('complaint', 'dept-mzj', '（演示）邻居家装修噪音太大。', { receivedOn: back(3) }));
  unwrap(await screenCase(ctx, m(mzj), returned.row.id, { decision: 'return', reason: '（演示）不属于本单位职责，建议向所在社区或城管部门反映。' }));
  const main = await intake(
    clerk,
    other('complaint', VILLAGE, '（演示）社区南侧道路施工后路面没有恢复，下雨积水。', { receivedOn: back(5), publishConsent: true }),
  );
  const dup = await intake(clerk, other('complaint', VILLAGE, '（演示）社区南侧道路施工后路面没有恢复，积水严重。', { receivedOn: back(4) }));
  unwrap(await screenCase(ctx, m(clerk), main.row.id, { decision: 'accept' }));
  unwrap(await mergeCase(ctx, m(clerk), dup.row.id, main.row.id));
  unwrap(await answerCase(ctx, m(clerk), main.row.id, 'answer', { answer: '（演示）已联系施工方，本周内恢复路面并疏通排水。' }));
  unwrap(await respondToCase(ctx, 'demo', { code: main.trackingCode, secret: main.trackingSecret, response: 'basic', reason: '（演示）希望尽快' }));
  unwrap(await publishCase(ctx, m(clerk), main.row.id));
  const reopened = await intake(clerk, other('complaint', VILLAGE, '（演示）社区服务大厅中午无人值班。', { receivedOn: back(7) }));
  unwrap(await screenCase(ctx, m(clerk), reopened.row.id, { decision: 'accept' }));
  unwrap(await answerCase(ctx, m(clerk), reopened.row.id, 'answer', { answer: '（演示）已提醒工作人员注意。' }));
  unwrap(
    await respondToCase(ctx, 'demo', {
      code: reopened.trackingCode,
      secret: reopened.trackingSecret,
      response: 'unsatisfied',
      reason: '（演示）没有说明以后怎么安排',
    }),
  );

  // 意见箱 beside archives' demo 公开栏 (archives seeds first: see src/modules/index.ts), an opening with one slip
  // entered of two.
  const village = (await findUnit(ctx.db, VILLAGE))!;
  const boards = (await noticeBoardsOf(ctx.db, village)).filter((b) => b.active);
  const board = boards.find((b) => b.name.includes('社区服务中心')) ?? boards[0];
  const box = unwrap(
    await registerBox(
      ctx,
      m(clerk),
      { unitCode: VILLAGE, location: '社区服务中心门口公开栏右侧（演示）', boardId: board?.id ?? null, installedOn: addCalendarDays(today, -90) },
      { demo: true },
    ),
  );
  const opening = unwrap(
    await recordOpening(ctx, m(clerk), box.id, {
      openedOn: back(1),
      witness1: '卜湖社区经办人（演示）',
      witness2: '居务监督委员会委员（演示）',
      slipCount: 2,
      note: '（演示）',
    }),
  );
  await intake(
    clerk,
    other('suggestion', VILLAGE, '（演示意见条）希望公开栏字再大一点，老人看不清。', { channel: 'box', boxOpeningId: opening.id, receivedOn: back(1) }),
  );
  unwrap(
    await registerBox(
      ctx,
      m(townOfficer),
      { unitCode: TOWN, location: '城厢街道便民服务中心（演示，久未开箱）', installedOn: addCalendarDays(today, -60) },
      { demo: true },
    ),
  );

  // Knowledge list and reply templates.
  const k1 = unwrap(
    await createKnowledge(
      ctx,
      m(clerk),
      {
        unitCode: VILLAGE,
        question: '（演示）社区的财务收支多久公布一次？',
        answer: '（演示）集体财务往来较多的，财务收支情况每月公布一次；其他每季度至少公布一次。',
        legalBasis: '《村民委员会组织法》第三十条',
        sourceCaseId: answered.row.id,
      },
      { demo: true },
    ),
  );
  unwrap(await publishKnowledge(ctx, m(clerk), k1.id));
  const k2 = unwrap(
    await createKnowledge(
      ctx,
      m(mzj),
      {
        unitCode: 'dept-mzj',
        question: '（演示）申请低保要带什么材料？',
        answer: '（演示）户口簿、身份证、家庭收入和财产情况说明，具体以民政局办事指南为准。',
      },
      { demo: true },
    ),
  );
  unwrap(await publishKnowledge(ctx, m(mzj), k2.id));
  await updateKnowledge(ctx.db, k2.id, { reviewed_on: addCalendarDays(today, -400) });
  unwrap(
    await saveTemplates(ctx, m(clerk), VILLAGE, [
      { kind: 'question', title: '经核实无误', body: '经核实，公布的内容与账目一致，没有遗漏或不真实的情况。如有疑问，可到社区查阅凭证。' },
    ]),
  );

  out.notes.push('政民互动演示：卜湖社区财务收支明细上的询问（各办理阶段）、咨询建议投诉、意见箱开箱和知识清单（门户 → 政民互动；后台 → 政民互动）');
}
