/**
 * Siyang demo cases (is_demo = 1): a handful of applications in different states, entered through the
 * same commands staff use, with dates counted back from today on the working-day calendar. Idempotent:
 * nothing is added when demo cases exist.
 */
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { actorByUsername } from '../org/index.ts';
import { anyDemoRequest, firstConsultationId, markRequestsDemo } from './requests.repository.ts';
import type { DemoSeedOutput } from '../../platform/module.ts';
import { unwrap } from '../../platform/result.ts';
import { getCalendar } from '../calendar/index.ts';
import {
  archiveRequest,
  intakeApplication,
  proposeDecision,
  recordConsultationReply,
  recordDelivery,
  requestClarification,
  reviewDecision,
  startConsultation,
  submitOnlineApplication,
  type ApplicationInput,
} from './request.commands.ts';

/** Demo applicants: invented, clearly fictitious people and organisations (演示). */
const person = (name: string, n: number) => ({
  name,
  idType: '居民身份证',
  idNumber: `32132319800101${String(1000 + n)}`,
  phone: `1380000${String(1000 + n)}`,
  email: `demo${n}@example.org`,
  address: '泗阳县（演示地址）',
  postcode: '223700',
});

export async function seedRequestDemo(ctx: AppContext, out: DemoSeedOutput): Promise<void> {
  if (await anyDemoRequest(ctx.db)) return;
  const officer = await actorByUsername(ctx.db, 'mzj.officer');
  const reviewer = await actorByUsername(ctx.db, 'mzj.reviewer');
  const townOfficer = await actorByUsername(ctx.db, 'chengxiang.officer');
  const townReviewer = await actorByUsername(ctx.db, 'chengxiang.reviewer');
  if (!officer || !reviewer || !townOfficer || !townReviewer) return;
  const calendar = await getCalendar(ctx);
  const today = chinaDate(ctx.clock.now());
  /** The working day `n` working days before today. */
  const back = (n: number) => {
    let d = today;
    for (let i = 0; i < n;) {
      d = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      if (calendar.isWorkday(d)) i++;
    }
    return d;
  };
  const m = (a: Actor) => ({ actor: a, requestId: null });
  const base = (unitCode: string, n: number, desc: string, kind = 'natural'): ApplicationInput => ({
    unitCode,
    applicantKind: kind,
    applicant: person(kind === 'natural' ? `演示申请人${n}` : `演示商贸有限公司${n}`, n),
    infoDescription: desc,
    infoForm: 'electronic',
    deliveryMethod: 'email',
  });
  const ids: string[] = [];

  // 1. Online, awaiting confirmation of receipt.
  ids.push(unwrap(await submitOnlineApplication(ctx, { actor: null }, base('dept-mzj', 1, '泗阳县2026年度城乡低保标准调整文件'))).row.id);
  // 2. In person, registered 3 working days ago.
  ids.push(
    unwrap(await intakeApplication(ctx, m(officer), { ...base('dept-mzj', 2, '2025年度临时救助资金使用情况'), channel: 'in-person', receivedOn: back(3) })).row
      .id,
  );
  // 3. By registered mail; clarification requested, awaiting correction.
  const c3 = unwrap(await intakeApplication(ctx, m(officer), { ...base('dept-mzj', 3, '关于养老服务的文件'), channel: 'registered-mail', receivedOn: back(8) }))
    .row.id;
  unwrap(
    await requestClarification(ctx, m(officer), c3, {
      on: back(5),
      reasons: ['description'],
      details: '请写明所需文件的名称、年度或文号',
      correctionDueOn: chinaDate(new Date(Date.parse(`${today}T00:00:00Z`) + 10 * 86_400_000)),
    }),
  );
  ids.push(c3);
  // 4. Third-party consultation open (time not counted).
  const c4 = unwrap(
    await intakeApplication(ctx, m(officer), {
      ...base('dept-mzj', 4, '某养老机构2025年度运营补贴申报材料', 'business'),
      channel: 'in-person',
      receivedOn: back(9),
    }),
  ).row.id;
  unwrap(
    await startConsultation(ctx, m(officer), c4, {
      kind: 'third-party',
      partyName: '演示养老服务中心',
      partyContact: '0527-00000000（演示）',
      subject: '申报材料中涉及本单位经营信息',
      sentOn: back(6),
    }),
  );
  ids.push(c4);
  // 5. Answered (予以公开), delivered and archived.
  const c5 = unwrap(
    await intakeApplication(ctx, m(officer), { ...base('dept-mzj', 5, '2025年度社会救助资金分配文件'), channel: 'in-person', receivedOn: back(30) }),
  ).row.id;
  unwrap(
    await startConsultation(ctx, m(officer), c5, {
      kind: 'co-producer',
      partyName: '泗阳县财政局（演示）',
      partyContact: '0527-00000001（演示）',
      sentOn: back(28),
    }),
  );
  const consultationId = await firstConsultationId(ctx.db, c5);
  unwrap(await recordConsultationReply(ctx, m(officer), c5, consultationId, { receivedOn: back(24), stance: 'consent' }));
  unwrap(await proposeDecision(ctx, m(officer), c5, { on: back(20), type: 'disclose.provide', provision: '以电子邮件方式提供文件电子版' }));
  unwrap(await reviewDecision(ctx, m(reviewer), c5, { decision: 'approve', on: back(19) }));
  unwrap(await recordDelivery(ctx, m(officer), c5, { method: 'email', on: back(19), proof: '电子邮件发送记录（演示）' }));
  unwrap(await archiveRequest(ctx, m(officer), c5, { on: back(15) }));
  ids.push(c5);
  // 6. Town: not this agency's information — answered with the responsible agency's name and contact.
  const c6 = unwrap(await intakeApplication(ctx, m(townOfficer), { ...base('321323002', 6, '某小区土地出让合同'), channel: 'fax', receivedOn: back(12) })).row
    .id;
  unwrap(
    await proposeDecision(ctx, m(townOfficer), c6, {
      on: back(10),
      type: 'unable.not-ours',
      reasons: '国有土地使用权出让合同由自然资源主管部门制作和保存',
      responsibleAgency: { name: '泗阳县自然资源和规划局', contact: '请通过该局政府信息公开指南所列方式联系' },
    }),
  );
  unwrap(await reviewDecision(ctx, m(townReviewer), c6, { decision: 'approve', on: back(9) }));
  ids.push(c6);
  // 7. Registered 25 working days ago and still open: overdue, flagged to the unit.
  ids.push(
    unwrap(
      await intakeApplication(ctx, m(officer), {
        ...base('dept-mzj', 7, '2024年度残疾人两项补贴发放名单（汇总）'),
        channel: 'ordinary-mail',
        receivedOn: back(25),
      }),
    ).row.id,
  );

  await markRequestsDemo(ctx.db, ids);
  out.notes.push(`依申请公开：已生成 ${ids.length} 件演示申请（民政局、城厢街道），状态各不相同`);
}
