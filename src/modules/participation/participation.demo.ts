/**
 * Siyang demo rows (演示) for participation, entered through the same commands staff and the public use, with the
 * clock of each step set back to when it would have happened (dates counted back from today): a 民政局 consultation
 * on a draft with five articles that is open now, with comments online and from a 座谈会; a closed one with its
 * feedback report and final decision; a closed one whose feedback report is due within days (a reminder); a 卜湖社区
 * satisfaction survey answered with printed codes, results published; the county's half-yearly satisfaction schedule
 * for that township, paused; a 卜湖社区 decision from proposal to implementation; hearings (one announced, one concluded) and a 座谈会 moved to a
 * later day with its reason. Idempotent: nothing is added when demo consultations exist.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import type { DemoSeedOutput } from '../../platform/module.ts';
import { unwrap } from '../../platform/result.ts';
import { addCalendarDays, getCalendar } from '../calendar/index.ts';
import { issueHumanCheck } from '../requests/index.ts';
import {
  createConsultation,
  enterStaffComment,
  moderateComment,
  publishConsultation,
  publishFeedback,
  saveFeedback,
  submitOnlineComment,
} from './consultation.commands.ts';
import { createSchedule, createSurvey, generateCodes, pauseSchedule, publishResults, publishSurvey, submitAnswers } from './survey.commands.ts';
import { proposeDecision, recordDiscussion, recordImplementation, recordResolution } from './decision.commands.ts';
import { feedbackDueOn, minimumEndOn } from './participation.rules.ts';
import { createItem, publishItemList } from './item.commands.ts';
import {
  announceEvent,
  createEvent,
  publishParticipants,
  publishRecord,
  recordAttendance,
  registerByStaff,
  registerOnline,
  rescheduleEvent,
  saveRecord,
  selectParticipants,
} from './event.commands.ts';
import { PRINT_FONTS, openPrintDocument } from '../publishing/index.ts';
import { SATISFACTION_TEMPLATE } from './survey.rules.ts';
import * as repo from './participation.repository.ts';

async function actorOf(ctx: AppContext, username: string): Promise<Actor | null> {
  const u = await repo.userWithGrants(ctx.db, username);
  return u
    ? {
        userId: u.id,
        username: u.username,
        displayName: u.display_name,
        grants: u.grants.map((g) => ({ role: g.role as Role, unitCode: g.unit_code, unitPath: g.path })),
        via: 'session',
      }
    : null;
}

export const DEMO_DRAFT = [
  '泗阳县困难老年人养老服务补贴办法（征求意见稿）（演示）',
  '第一条 为保障经济困难的高龄、失能老年人获得基本养老服务，结合本县实际，制定本办法。',
  '第二条 本办法适用于户籍在本县、年满80周岁的低保、特困家庭老年人，以及经评估为失能的低收入家庭老年人。',
  '第三条 补贴标准为每人每月200元，失能老年人每人每月300元。',
  '补贴以服务券形式发放，可在定点养老服务机构使用。',
  '第四条 老年人或其家属向户籍所在地村（社区）提出申请，乡镇人民政府（街道办事处）在10个工作日内审核，县民政局复核后公示。',
  '第五条 本办法自2027年1月1日起施行。',
].join('\n');

const DEMO_CLOSED_DRAFT = [
  '泗阳县社区（村）居家养老服务站建设规范（征求意见稿）（演示）',
  '第一条 为规范居家养老服务站建设，制定本规范。',
  '第二条 服务站的建筑面积不少于100平方米，设在一楼或有电梯的楼层。',
  '第三条 服务站每周开放不少于5天，提供助餐、日间照料和文体活动。',
  '第四条 本规范自发布之日起施行。',
].join('\n');

const DEMO_DUE_DRAFT = [
  '泗阳县养老服务设施布局规划（征求意见稿）（演示）',
  '第一条 为合理布局养老服务设施，制定本规划。',
  '第二条 每个乡镇（街道）建设一所区域性养老服务中心，镇区设日间照料中心。',
  '第三条 本规划期限为2027年至2030年。',
].join('\n');

export async function seedParticipationDemo(ctx: AppContext, out: DemoSeedOutput): Promise<void> {
  if (await repo.hasDemoRows(ctx.db)) return;
  const officer = await actorOf(ctx, 'mzj.officer');
  const reviewer = await actorOf(ctx, 'mzj.reviewer');
  const clerk = await actorOf(ctx, 'buhu.clerk');
  if (!officer || !reviewer || !clerk) return;
  const calendar = await getCalendar(ctx);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const day = (n: number) => addCalendarDays(today, n);
  /** The context as of 10:00 China time `n` days from today (negative: in the past). */
  const at = (n: number): AppContext => {
    const t = new Date(`${day(n)}T02:00:00.000Z`);
    return { ...ctx, clock: { now: () => (n === 0 ? now : t) } };
  };
  const m = (a: Actor) => ({ actor: a, requestId: null });
  const anon = { actor: null, requestId: null };
  const solved = async (c: AppContext) => {
    const q = await issueHumanCheck(c.db, c.clock.now());
    const [a, b] = q.token.split('.');
    return { token: q.token, answer: String(Number(a) + Number(b)) };
  };
  const ids: { consultations: string[]; surveys: string[]; decisions: string[] } = { consultations: [], surveys: [], decisions: [] };

  // 0. 县民政局's 公众参与事项目录: three items, published as version 1 before the consultations took two of them up.
  const item = async (name: string, reason: string, methods: string[], plannedOn: string) =>
    unwrap(await createItem(at(-90), m(officer), { unitCode: 'dept-mzj', name, reason, methods, plannedOn })).id;
  const items = [
    await item(
      '泗阳县社区（村）居家养老服务站建设规范（演示）',
      '涉及全县老年人的居家养老服务，需听取社区居民和老年人的意见。（演示）',
      ['public_consultation', 'field_visit'],
      day(-76),
    ),
    await item(
      '泗阳县困难老年人养老服务补贴办法（演示）',
      '涉及困难老年人的补贴标准和申请程序，与群众切身利益密切相关。（演示）',
      ['public_consultation', 'symposium'],
      day(-6),
    ),
    await item(
      '泗阳县城乡低保边缘家庭认定办法（演示）',
      '涉及低保边缘家庭的认定条件，需广泛听取意见。（演示）',
      ['public_consultation', 'hearing', 'questionnaire'],
      day(60),
    ),
  ];
  await repo.markDemo(ctx.db, { consultations: [], surveys: [], decisions: [], items });
  unwrap(await publishItemList(at(-88), m(officer), 'dept-mzj', '2026年度县民政局公众参与事项目录（演示）'));

  // 1. Open now: started 5 days ago, the full 30-day period.
  {
    const start = day(-5);
    const c = at(-6);
    const id = unwrap(
      await createConsultation(c, m(officer), {
        unitCode: 'dept-mzj',
        itemId: items[1],
        title: '关于《泗阳县困难老年人养老服务补贴办法（征求意见稿）》公开征求意见的公告（演示）',
        draftText: DEMO_DRAFT,
        explanation:
          '起草说明（演示）：为落实养老服务补贴制度，县民政局在调研各乡镇（街道）的基础上起草了本办法。主要内容包括补贴对象、标准、发放方式和申请审核程序。补贴标准参考了周边县区的做法和本县财力。',
        howToComment: '您可以在本页对每一条或对草案整体提出意见；也可以来信寄至泗阳县民政局养老服务科（演示地址），或在工作日到县民政局当面提出。',
        startOn: start,
        endOn: minimumEndOn(calendar, start),
      }),
    ).id;
    unwrap(await publishConsultation(c, m(officer), id));
    const a = unwrap(await submitOnlineComment(at(-4), anon, id, { clauseSeq: 3, body: '建议补贴标准随物价每年调整一次，200元偏低。' }, await solved(at(-4))));
    const b = unwrap(
      await submitOnlineComment(
        at(-2),
        anon,
        id,
        { clauseSeq: 4, body: '申请材料能否在村里一次交齐？我家老人腿脚不便，联系电话13900001234。' },
        await solved(at(-2)),
      ),
    );
    unwrap(await submitOnlineComment(at(-1), anon, id, { clauseSeq: null, body: '希望早日实施。' }, await solved(at(-1))));
    unwrap(
      await enterStaffComment(at(-3), m(officer), id, {
        clauseSeq: 2,
        channel: 'symposium',
        receivedOn: day(-3),
        peopleCount: 12,
        body: '座谈会上老年人代表提出：80周岁的年龄门槛偏高，建议降到75周岁。',
        source: '众兴街道老年人座谈会（演示）',
      }),
    );
    const comments = await repo.listComments(ctx.db, id);
    for (const cm of comments.filter((x) => x.tracking_code === a.trackingCode || x.tracking_code === b.trackingCode || x.channel === 'symposium'))
      unwrap(await moderateComment(at(-1), m(reviewer), cm.id, { action: 'publish' }));
    ids.consultations.push(id);
  }

  // 2. Closed, with the feedback report and final decision published.
  {
    const start = day(-75);
    const end = minimumEndOn(calendar, start);
    const id = unwrap(
      await createConsultation(at(-76), m(officer), {
        unitCode: 'dept-mzj',
        itemId: items[0],
        title: '关于《泗阳县社区（村）居家养老服务站建设规范（征求意见稿）》公开征求意见的公告（演示）',
        draftText: DEMO_CLOSED_DRAFT,
        explanation: '起草说明（演示）：本规范对居家养老服务站的面积、开放时间和服务内容提出基本要求。',
        howToComment: '在本页提出意见，或来信寄至泗阳县民政局（演示地址）。',
        startOn: start,
        endOn: end,
      }),
    ).id;
    unwrap(await publishConsultation(at(-76), m(officer), id));
    const endOffset = -Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${end}T00:00:00Z`)) / 86_400_000);
    unwrap(
      await submitOnlineComment(at(-70), anon, id, { clauseSeq: 2, body: '老小区没有一楼空房，100平方米难以做到，建议可以分散设置。' }, await solved(at(-70))),
    );
    unwrap(await submitOnlineComment(at(-60), anon, id, { clauseSeq: 3, body: '建议周末也开放。' }, await solved(at(-60))));
    unwrap(
      await enterStaffComment(at(-55), m(officer), id, {
        clauseSeq: 3,
        channel: 'field_visit',
        receivedOn: day(-55),
        peopleCount: 6,
        body: '走访卜湖社区时，居民希望增加助浴服务。',
        source: '实地走访（演示）',
      }),
    );
    for (const cm of await repo.listComments(ctx.db, id)) unwrap(await moderateComment(at(-54), m(reviewer), cm.id, { action: 'publish' }));
    const after = at(endOffset + 3);
    unwrap(
      await saveFeedback(after, m(officer), id, {
        summary: '共收到意见3条（涉及9人），采纳1条，部分采纳1条，未采纳1条。（演示）',
        groups: [
          { clauseKey: '2', adoption: 'partly', reason: '老旧小区可以“一站多点”分散设置，总面积不少于100平方米。' },
          { clauseKey: '3', adoption: 'adopted', reason: '改为每周开放不少于6天，并将助浴列入服务内容。' },
        ],
      }),
    );
    unwrap(
      await publishFeedback(at(endOffset + 8), m(reviewer), id, {
        decisionTitle: '泗阳县社区（村）居家养老服务站建设规范（演示）',
        decisionText: '经县民政局局务会议审议通过，自发布之日起施行。（演示）',
        decisionOn: day(endOffset + 7),
      }),
    );
    ids.consultations.push(id);
  }

  // 2b. Closed, its feedback report (采纳情况) still to come and due within the next working days: the reminders of this
  // module put it on the 民政局 staff's to-do list and bell (公开督查 lists it only once late).
  {
    let end = day(-1);
    for (let n = 60; n >= 1; n--)
      if (feedbackDueOn(calendar, day(-n)) >= day(1)) {
        end = day(-n);
        break;
      }
    let start = addCalendarDays(end, -31);
    while (minimumEndOn(calendar, start) > end) start = addCalendarDays(start, -1);
    const offset = (d: string) => -Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${d}T00:00:00Z`)) / 86_400_000);
    const id = unwrap(
      await createConsultation(at(offset(start) - 1), m(officer), {
        unitCode: 'dept-mzj',
        title: '关于《泗阳县养老服务设施布局规划（征求意见稿）》公开征求意见的公告（演示）',
        draftText: DEMO_DUE_DRAFT,
        explanation: '起草说明（演示）：规划按人口分布确定各乡镇（街道）养老服务设施的数量和位置。',
        howToComment: '在本页提出意见，或来信寄至泗阳县民政局（演示地址）。',
        startOn: start,
        endOn: end,
      }),
    ).id;
    unwrap(await publishConsultation(at(offset(start) - 1), m(officer), id));
    unwrap(
      await enterStaffComment(at(offset(start) + 5), m(officer), id, {
        clauseSeq: 2,
        channel: 'symposium',
        receivedOn: addCalendarDays(start, 5),
        peopleCount: 8,
        body: '建议在镇区以外的大村也设置日间照料中心。',
        source: '乡镇座谈会（演示）',
      }),
    );
    for (const cm of await repo.listComments(ctx.db, id)) unwrap(await moderateComment(at(offset(start) + 6), m(reviewer), cm.id, { action: 'publish' }));
    ids.consultations.push(id);
  }

  // 3. 卜湖社区 satisfaction survey with printed codes: 30 slips, 18 answered, results published.
  {
    const start = day(-40);
    const id = unwrap(
      await createSurvey(at(-41), m(clerk), {
        unitCode: '321323002-buhu',
        kind: 'satisfaction',
        title: `${SATISFACTION_TEMPLATE.title}（演示）`,
        intro: SATISFACTION_TEMPLATE.intro,
        questions: structuredClone(SATISFACTION_TEMPLATE.questions) as never,
        method: 'codes',
        perDevice: null,
        startOn: start,
        endOn: day(-20),
      }),
    ).id;
    unwrap(await publishSurvey(at(-41), m(clerk), id));
    const { codes } = unwrap(await generateCodes(at(-41), m(clerk), id, 30));
    const q1 = ['a', 'a', 'a', 'b', 'a', 'b', 'a', 'c', 'a', 'b', 'a', 'a', 'd', 'b', 'a', 'a', 'c', 'b'];
    for (let i = 0; i < q1.length; i++) {
      const answers: Record<string, unknown> = { q1: q1[i] };
      if (q1[i] !== 'd')
        Object.assign(answers, {
          q2: [5, 4, 4, 3, 5, 4, 5, 2, 4, 3][i % 10],
          q3: [['a'], ['a', 'b'], ['b'], ['a', 'e'], ['d']][i % 5],
          q4: ['a', 'b', 'a'][i % 3],
        });
      if (i === 7) answers.q5 = '希望公开栏的字再大一些。';
      unwrap(await submitAnswers(at(-39 + i), anon, id, { answers, code: codes[i] }));
    }
    unwrap(await publishResults(at(-19), m(clerk), id));
    ids.surveys.push(id);
  }

  // 3a. The county's half-yearly satisfaction schedule for the villages of 卜湖's township, paused (so a fresh start opens
  // no rounds in every village): the county admin resumes or edits it in the admin.
  const countyAdmin = await actorOf(ctx, 'county.admin');
  if (countyAdmin) {
    const { id } = unwrap(
      await createSchedule(at(-60), m(countyAdmin), { rootUnitCode: '321323002', every: 'half_yearly', opensMonthDay: '05-01', openDays: 30, method: 'codes' }),
    );
    unwrap(await pauseSchedule(at(-30), m(countyAdmin), id));
    await repo.markDemo(ctx.db, { consultations: [], surveys: [], decisions: [], schedules: [id] });
  }

  // 4. 卜湖社区 decision: 公益事业 (第24条), meeting of 村民代表会议, implemented.
  {
    const id = unwrap(
      await proposeDecision(at(-30), m(clerk), {
        unitCode: '321323002-buhu',
        matter: 'public_welfare',
        title: '卜湖社区健身广场修建方案（演示）',
        proposedBy: '社区居民委员会',
        proposedOn: day(-30),
        proposal: '在社区东侧空地修建约800平方米的健身广场，资金由集体收益和上级补助解决。（演示）',
      }),
    ).id;
    unwrap(await recordDiscussion(at(-28), m(clerk), id, { discussedOn: day(-28), discussion: '社区“两委”联席会议讨论，同意提交居民代表会议表决。（演示）' }));
    unwrap(
      await recordResolution(at(-25), m(clerk), id, {
        meeting: { kind: 'representatives', on: day(-25), entitled: 42, present: 35, votesFor: 31, votesAgainst: 2, votesAbstain: 2 },
        resolution: '同意修建健身广场，预算28万元。（演示）',
        resolvedOn: day(-25),
      }),
    );
    unwrap(
      await recordImplementation(at(-3), m(clerk), id, { implementedOn: day(-3), implementation: '健身广场已完工并通过验收，实际支出26.5万元。（演示）' }),
    );
    ids.decisions.push(id);
  }

  // 5. 县民政局 hearing on the 低保边缘家庭 item: materials sent today, hearing in 14 days, announced.
  const hearingId = unwrap(
    await createEvent(ctx, m(officer), {
      unitCode: 'dept-mzj',
      kind: 'hearing',
      title: '泗阳县城乡低保边缘家庭认定办法听证会（演示）',
      description: '听证《泗阳县城乡低保边缘家庭认定办法（草案）》的认定条件和收入核算方法。（演示）',
      place: '泗阳县民政局三楼会议室（演示地址）',
      heldOn: day(14),
      heldTime: '09:30',
      capacity: 20,
      selectionMethod: '自愿报名，按乡镇（街道）和群体分类随机抽取15名，另邀请5名人大代表、政协委员。（演示）',
      registrationUntil: day(7),
      materialsSentOn: today,
    }),
  ).id;
  await repo.markDemo(ctx.db, { consultations: [], surveys: [], decisions: [], events: [hearingId] });
  unwrap(await announceEvent(ctx, m(officer), hearingId));
  unwrap(
    await registerOnline(
      ctx,
      anon,
      hearingId,
      { name: '孙立华', contact: '13900000001', affiliation: '居民代表（演示）', note: '建议把大病支出从收入中扣除。（演示）' },
      await solved(ctx),
    ),
  );
  unwrap(await registerByStaff(ctx, m(officer), hearingId, { name: '周海燕', contact: '13900000002', affiliation: '社区工作者（演示）' }));

  // 5b. A 座谈会 moved to a later day (改期) with its stated reason, which its public page shows.
  const movedId = unwrap(
    await createEvent(at(-6), m(officer), {
      unitCode: 'dept-mzj',
      kind: 'symposium',
      title: '居家养老服务站运营情况座谈会（演示）',
      description: '听取社区居民、老年人和服务站工作人员对居家养老服务站运营的意见。（演示）',
      place: '众兴街道社区服务中心（演示地址）',
      heldOn: day(2),
      heldTime: '14:30',
      capacity: 30,
    }),
  ).id;
  await repo.markDemo(ctx.db, { consultations: [], surveys: [], decisions: [], events: [movedId] });
  unwrap(await announceEvent(at(-6), m(officer), movedId));
  unwrap(await rescheduleEvent(at(-1), m(officer), movedId, { heldOn: day(9), reason: '原定会场临时用于防汛物资调度，改到下周举行。（演示）' }));

  // 6. A concluded hearing: registrations, the selection and its published list, attendance, the record with the
  // participants' signed page (a PDF) and the adoption summary, each step at the day it would have happened.
  const pastId = unwrap(
    await createEvent(at(-32), m(officer), {
      unitCode: 'dept-mzj',
      kind: 'hearing',
      title: '泗阳县养老机构收费指导标准听证会（演示）',
      description: '听证《泗阳县公办养老机构床位费、护理费指导标准（草案）》。（演示）',
      place: '泗阳县民政局三楼会议室（演示地址）',
      heldOn: day(-12),
      heldTime: '09:00',
      capacity: 3,
      selectionMethod: '自愿报名，按老年人家属、机构代表、居民代表分类抽取。（演示）',
      registrationUntil: day(-20),
      materialsSentOn: day(-22),
    }),
  ).id;
  await repo.markDemo(ctx.db, { consultations: [], surveys: [], decisions: [], events: [pastId] });
  unwrap(await announceEvent(at(-31), m(officer), pastId));
  const regs: string[] = [];
  for (const [i, p] of [
    { name: '王秀英', contact: '13900000011', affiliation: '老年人家属（演示）' },
    { name: '刘建军', contact: '13900000012', affiliation: '养老机构代表（演示）' },
    { name: '陈玉兰', contact: '13900000013', affiliation: '居民代表（演示）' },
    { name: '赵志强', contact: '13900000014', affiliation: '居民代表（演示）' },
  ].entries())
    regs.push(unwrap(await registerOnline(at(-30 + i), anon, pastId, p, await solved(at(-30 + i)))).id);
  unwrap(await selectParticipants(at(-19), m(officer), pastId, regs.slice(0, 3)));
  unwrap(await publishParticipants(at(-18), m(reviewer), pastId));
  unwrap(await recordAttendance(at(-12), m(officer), pastId, { attendedIds: regs.slice(0, 3), total: 11 }));
  const signed = openPrintDocument({ title: '听证笔录签字页（演示）', author: '泗阳县民政局', subject: '听证笔录', creator: 'Gongkai', date: day(-12) });
  signed.doc.addPage().font(PRINT_FONTS.bold).fontSize(18).text('听证笔录签字页（演示）', { align: 'center' });
  signed.doc.moveDown().font(PRINT_FONTS.regular).fontSize(12).text('本人已阅读听证笔录，确认无误。（演示文件，无真实签名）');
  for (const n of ['王**', '刘**', '陈**']) signed.doc.moveDown().text(`听证参加人：${n}  签名：__________`);
  unwrap(
    await saveRecord(at(-11), m(officer), pastId, {
      text: [
        '一、民政局说明草案：床位费按房间类型分三档，护理费按照护等级分四档。（演示）',
        '二、陈述：老年人家属代表认为护理费一级照护标准偏高；养老机构代表认为床位费需考虑运营成本；居民代表建议对低保老人减免。（演示）',
        '三、询问与回应：主持人询问收费标准调整周期，民政局答复每三年评估一次。（演示）',
      ].join('\n'),
      scan: await signed.finish(),
    }),
  );
  unwrap(
    await publishRecord(
      at(-10),
      m(reviewer),
      pastId,
      '共收到听证意见6条。采纳2条：对低保、特困老年人减免床位费；一级照护护理费下调10%。部分采纳1条：床位费调整周期改为三年评估。未采纳3条，理由已在听证报告中说明。（演示）',
    ),
  );

  await repo.markDemo(ctx.db, ids);
  out.notes.push(
    `公众参与（演示）：事项目录${items.length}项、征求意见${ids.consultations.length}项、问卷${ids.surveys.length}份、村务决策${ids.decisions.length}项`,
  );
}
