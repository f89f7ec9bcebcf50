import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { idCheckDigit } from '../publishing/index.ts';
import { getCalendar } from '../calendar/index.ts';
import { participationFindings } from './participation.compliance.ts';
import { participationReminders } from './participation.reminders.ts';
import { feedbackDueOn } from './participation.rules.ts';
import { FIVE_CLAUSES, DEPT, expectStatus, openParticipationFixture, solvedCheck, type ParticipationFixture } from './participation.fixture.ts';

const ID = `32132319900101123${idCheckDigit('32132319900101123')}`;
const PHONE = '13912345678';

describe('consultations on drafts', () => {
  let f: ParticipationFixture;
  let id = '';
  const base = {
    unitCode: DEPT,
    title: '关于《泗阳县城乡居民临时救助办法（征求意见稿）》公开征求意见的公告',
    draftText: FIVE_CLAUSES,
    explanation: '为进一步规范临时救助工作，起草了本办法。',
    howToComment: '请在本页网上留言，或寄信至县民政局。',
  };

  beforeAll(async () => {
    f = await openParticipationFixture('2026-03-02');
  }, 60_000);
  afterAll(() => f?.close());

  it('refuses a period shorter than 30 days without a reason, counting past the 清明 holiday', async () => {
    // 2026-03-05 + 30 days = 2026-04-04, a Saturday inside 清明节 (4/4–4/6): the period runs to Tuesday 2026-04-07.
    const short = await f.call(f.s.officer, 'POST', '/api/v1/participation/consultations', { ...base, startOn: '2026-03-05', endOn: '2026-04-06' });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.code).toBe('PERIOD_TOO_SHORT');
    expect(short.json().error.message).toContain('2026-04-07');
    expect(await f.t.rt.ctx.db.selectFrom('participation_consultations').select('id').execute()).toHaveLength(0);
  });

  it('accepts a shorter period with a stated urgency reason, which is published', async () => {
    const res = await f.call(f.s.officer, 'POST', '/api/v1/participation/consultations', {
      ...base,
      title: '紧急征求意见',
      startOn: '2026-03-02',
      endOn: '2026-03-12',
      urgencyReason: '汛期临近，须尽快出台',
    });
    expectStatus(res, 201);
    expectStatus(await f.call(f.s.officer, 'POST', `/api/v1/participation/consultations/${res.json().id}/publish`), 200);
    const pub = (await f.call(null, 'GET', `/api/v1/participation/public/consultations/${res.json().id}`)).json();
    expect(pub.urgencyReason).toBe('汛期临近，须尽快出台');
    expect(pub.status).toBe('open');
  });

  it('creates a draft split into clauses and publishes it as a 预告 before its start', async () => {
    const res = await f.call(f.s.officer, 'POST', '/api/v1/participation/consultations', { ...base, startOn: '2026-03-05', endOn: '2026-04-07' });
    expectStatus(res, 201);
    id = res.json().id;
    const d = res.json();
    expect(d.status).toBe('draft');
    expect(d.clauses.map((c: { label: string }) => c.label)).toEqual(['序言', '第一条', '第二条', '第三条', '第四条', '第五条']);
    expect(d.clauses[2].paragraphs).toEqual(['本办法适用于本县行政区域内的临时救助工作。', '县民政局负责全县临时救助的管理工作。']);
    expect(d.clauses[3].heading).toBe('第二章 救助程序');
    // Unpublished: not public.
    expect((await f.call(null, 'GET', `/api/v1/participation/public/consultations/${id}`)).statusCode).toBe(404);
    expectStatus(await f.call(f.s.officer, 'POST', `/api/v1/participation/consultations/${id}/publish`), 200);
    const pub = (await f.call(null, 'GET', `/api/v1/participation/public/consultations/${id}`)).json();
    expect([pub.status, pub.statusText]).toEqual(['announced', '预告']);
    // A published draft is never silently changed.
    const patch = await f.call(f.s.officer, 'PATCH', `/api/v1/participation/consultations/${id}`, { title: '改名' });
    expect(patch.json().error.code).toBe('ALREADY_PUBLISHED');
  });

  it('takes no online comment before the start; the status follows the date without anyone pressing a button', async () => {
    const early = await f.call(null, 'POST', `/api/v1/participation/public/consultations/${id}/comments`, {
      body: '早到的意见',
      humanCheck: await solvedCheck(f.t.app),
    });
    expect(early.json().error.code).toBe('CONSULTATION_NOT_OPEN');
    const seq = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('seq').as('m'))
      .executeTakeFirstOrThrow();
    await f.goTo('2026-03-05');
    expect((await f.call(null, 'GET', `/api/v1/participation/public/consultations/${id}`)).json().status).toBe('open');
    expect((await f.call(f.s.officer, 'GET', `/api/v1/participation/consultations/${id}`)).json().statusText).toBe('征求中');
    // Reads never write.
    const after = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('seq').as('m'))
      .executeTakeFirstOrThrow();
    expect(after.m).toBe(seq.m);
  });

  let tracking = '';
  it('takes comments online (human check) and from staff, anchored to clauses; bad input is refused', async () => {
    const wrong = await f.call(null, 'POST', `/api/v1/participation/public/consultations/${id}/comments`, {
      clauseSeq: 3,
      body: '意见',
      humanCheck: { ...(await solvedCheck(f.t.app)), answer: '999' },
    });
    expect(wrong.json().error.code).toBe('HUMAN_CHECK_FAILED');
    const badClause = await f.call(null, 'POST', `/api/v1/participation/public/consultations/${id}/comments`, {
      clauseSeq: 42,
      body: '意见',
      humanCheck: await solvedCheck(f.t.app),
    });
    expect(badClause.json().error.code).toBe('CLAUSE_NOT_FOUND');
    const one = await f.call(null, 'POST', `/api/v1/participation/public/consultations/${id}/comments`, {
      clauseSeq: 3,
      body: `建议允许在居住地申请。我的身份证号${ID}，电话${PHONE}。`,
      name: '王某',
      contact: PHONE,
      humanCheck: await solvedCheck(f.t.app),
    });
    expectStatus(one, 201);
    tracking = one.json().trackingCode;
    expect(tracking).toMatch(/^[A-Z0-9]{10}$/);
    expectStatus(
      await f.call(null, 'POST', `/api/v1/participation/public/consultations/${id}/comments`, {
        body: '与本办法无关的广告内容',
        humanCheck: await solvedCheck(f.t.app),
      }),
      201,
    );
    const outside = await f.call(f.s.officer, 'POST', `/api/v1/participation/consultations/${id}/comments`, {
      clauseSeq: 4,
      channel: 'symposium',
      receivedOn: '2026-03-04',
      peopleCount: 12,
      body: '审核时限可缩短',
    });
    expect(outside.json().error.code).toBe('OUTSIDE_PERIOD');
    expectStatus(
      await f.call(f.s.officer, 'POST', `/api/v1/participation/consultations/${id}/comments`, {
        clauseSeq: 4,
        channel: 'symposium',
        receivedOn: '2026-03-05',
        peopleCount: 12,
        body: '审核时限可缩短为7个工作日',
        source: '张家圩社区座谈会',
      }),
      201,
    );
    // Nothing is public before moderation.
    expect((await f.call(null, 'GET', `/api/v1/participation/public/consultations/${id}`)).json().totals.comments).toBe(0);
  });

  it('moderates with a recorded reason; published comments pass the personal-data gate', async () => {
    const d = (await f.call(f.s.reviewer, 'GET', `/api/v1/participation/consultations/${id}`)).json();
    const [withId, ad, staff] = d.commentList as { id: string; personalData: { kind: string }[]; body: string }[];
    expect(withId.personalData.map((p) => p.kind).sort()).toEqual(['id', 'mobile']);
    const noReason = await f.call(f.s.reviewer, 'POST', `/api/v1/participation/comments/${ad.id}/moderate`, { action: 'reject' });
    expect(noReason.json().error.code).toBe('REASON_REQUIRED');
    // A village clerk elsewhere cannot see the comment at all.
    expect((await f.call(f.s.clerk, 'POST', `/api/v1/participation/comments/${ad.id}/moderate`, { action: 'reject', reason: 'x' })).statusCode).toBe(404);
    expectStatus(await f.call(f.s.reviewer, 'POST', `/api/v1/participation/comments/${ad.id}/moderate`, { action: 'reject', reason: '与草案内容无关' }), 200);
    const pub = await f.call(f.s.reviewer, 'POST', `/api/v1/participation/comments/${withId.id}/moderate`, { action: 'publish' });
    expect(pub.json().masked).toBe(2);
    expectStatus(await f.call(f.s.reviewer, 'POST', `/api/v1/participation/comments/${staff.id}/moderate`, { action: 'publish', reason: '座谈会意见' }), 200);
    expect((await f.call(f.s.reviewer, 'POST', `/api/v1/participation/comments/${staff.id}/moderate`, { action: 'publish' })).json().error.code).toBe(
      'ALREADY_MODERATED',
    );
    const page = await f.call(null, 'GET', `/api/v1/participation/public/consultations/${id}`);
    expect(page.body).not.toContain(ID);
    expect(page.body).not.toContain(PHONE);
    expect(page.body).not.toContain('王某');
    expect(page.body).not.toContain('广告');
    const json = page.json();
    expect(json.totals).toEqual({ comments: 2, people: 13 });
    const c3 = json.groups.find((g: { label: string }) => g.label === '第三条');
    expect(c3.comments[0].body).toContain('建议允许在居住地申请');
    const tracked = (await f.call(null, 'GET', `/api/v1/participation/public/comments/track?code=${tracking}`)).json();
    expect(tracked.statusText).toBe('已发布');
  });

  it('keeps other units out: another department and a village clerk get 404', async () => {
    expect((await f.call(f.s.otherOfficer, 'GET', `/api/v1/participation/consultations/${id}`)).statusCode).toBe(404);
    expect((await f.call(f.s.clerk, 'GET', `/api/v1/participation/consultations/${id}`)).statusCode).toBe(404);
    expect((await f.call(f.s.otherOfficer, 'GET', '/api/v1/participation/consultations')).json().items).toHaveLength(0);
    expect((await f.call(f.s.countyAdmin, 'GET', '/api/v1/participation/consultations')).json().items.length).toBe(2);
  });

  it('closes by date; the feedback report is refused before the close and while clauses with comments lack an entry', async () => {
    const early = await f.call(f.s.reviewer, 'PUT', `/api/v1/participation/consultations/${id}/feedback`, { summary: '', groups: [] });
    expect(early.json().error.code).toBe('CONSULTATION_NOT_CLOSED');
    await f.goTo('2026-04-08');
    const late = await f.call(null, 'POST', `/api/v1/participation/public/consultations/${id}/comments`, {
      body: '晚到的意见',
      humanCheck: await solvedCheck(f.t.app),
    });
    expect(late.json().error.code).toBe('CONSULTATION_CLOSED');
    expect((await f.call(null, 'GET', `/api/v1/participation/public/consultations/${id}`)).json().statusText).toBe('已截止');
    expectStatus(
      await f.call(f.s.reviewer, 'PUT', `/api/v1/participation/consultations/${id}/feedback`, {
        summary: '共收到意见3条',
        groups: [{ clauseKey: '3', adoption: 'partly', reason: '居住地申请已写入第三条第二款' }],
      }),
      200,
    );
    const missing = await f.call(f.s.reviewer, 'POST', `/api/v1/participation/consultations/${id}/feedback/publish`, {
      decisionTitle: '泗阳县城乡居民临时救助办法',
      decisionText: '经县政府常务会议审议通过。',
      decisionOn: '2026-04-08',
    });
    expect(missing.json().error.code).toBe('FEEDBACK_INCOMPLETE');
    expect(missing.json().error.message).toContain('第四条');
    const noReason = await f.call(f.s.reviewer, 'PUT', `/api/v1/participation/consultations/${id}/feedback`, {
      summary: '',
      groups: [{ clauseKey: '4', adoption: 'not_adopted', reason: ' ' }],
    });
    expect(noReason.json().error.code).toBe('REASON_REQUIRED');
  });

  it('reminds the department before the feedback report is due, through the platform to-do list', async () => {
    // Due 20 working days (county choice) after 2026-04-07, counted past the 劳动节 block on the official calendar.
    const due = feedbackDueOn(await getCalendar(f.t.rt.ctx), '2026-04-07');
    expect(due > '2026-05-05').toBe(true);
    const mine = async (asOf: string) => (await participationReminders(f.t.rt.ctx, asOf)).filter((r) => r.link.endsWith(id));
    // The day after the close: the report is weeks away, beyond the notifications' due-soon window (3 working days).
    expect(await mine('2026-04-08')).toEqual([]);
    expect(await mine(due)).toEqual([
      expect.objectContaining({ unitCode: DEPT, kind: 'participation.feedback', status: 'due-soon', dueDate: due, overdueWorkingDays: 0 }),
    ]);
    const late = await mine('2026-06-30');
    expect(late.map((r) => r.status)).toEqual(['overdue']);
    expect(late[0]!.overdueWorkingDays).toBeGreaterThan(20);
    expect(late[0]!.key).not.toBe((await mine(due))[0]!.key);
    // Registered in the manifest: the department's to-do list shows it on the due day; another department's does not.
    await f.goTo(due);
    const todo = (await f.call(f.s.officer, 'GET', '/api/v1/reminders?scope=mine')).json();
    expect(JSON.stringify(todo)).toContain(`/admin/participation/consultations/${id}`);
    expect(JSON.stringify((await f.call(f.s.otherOfficer, 'GET', '/api/v1/reminders?scope=mine')).json())).not.toContain(id);
    await f.goTo('2026-04-08');
  });

  it('publishes the feedback report with the final decision; the public view shows adoption per clause', async () => {
    // 公开督查 (provides.compliance): the report is due 20 working days (county choice) after the end; not yet on 04-08,
    // overdue by the end of June while unpublished, and no longer listed once published (checked below).
    const overdue = async (asOf: string) =>
      (await participationFindings(f.t.rt.ctx, { rootPath: '', asOf })).filter((x) => x.kind === 'feedback-overdue' && x.url?.endsWith(id));
    expect(await overdue('2026-04-08')).toEqual([]);
    expect(await overdue('2026-06-30')).toEqual([expect.objectContaining({ unitCode: DEPT, kindText: '征求意见反馈逾期未公布' })]);
    expectStatus(
      await f.call(f.s.reviewer, 'PUT', `/api/v1/participation/consultations/${id}/feedback`, {
        summary: '共收到意见3条，发布2条。',
        groups: [
          { clauseKey: '3', adoption: 'partly', reason: '居住地申请已写入第三条第二款' },
          { clauseKey: '4', adoption: 'adopted', reason: '时限改为7个工作日' },
        ],
      }),
      200,
    );
    const badPolicy = await f.call(f.s.reviewer, 'POST', `/api/v1/participation/consultations/${id}/feedback/publish`, {
      decisionTitle: '办法',
      decisionText: '通过',
      decisionOn: '2026-04-08',
      policyDisclosureId: 'no-such',
    });
    expect(badPolicy.json().error.code).toBe('POLICY_NOT_FOUND');
    expectStatus(
      await f.call(f.s.reviewer, 'POST', `/api/v1/participation/consultations/${id}/feedback/publish`, {
        decisionTitle: '泗阳县城乡居民临时救助办法',
        decisionText: '经县政府常务会议审议通过。',
        decisionOn: '2026-04-08',
      }),
      200,
    );
    expect(await overdue('2026-06-30')).toEqual([]);
    // Published: nobody is reminded any more.
    expect((await participationReminders(f.t.rt.ctx, '2026-06-30')).filter((r) => r.link.endsWith(id))).toEqual([]);
    const pub = (await f.call(null, 'GET', `/api/v1/participation/public/consultations/${id}`)).json();
    expect(pub.statusText).toBe('已反馈');
    expect(pub.decision.title).toBe('泗阳县城乡居民临时救助办法');
    const byLabel = Object.fromEntries(pub.groups.map((g: { label: string; adoption: { text: string } | null }) => [g.label, g.adoption?.text ?? null]));
    expect(byLabel).toMatchObject({ 第三条: '部分采纳', 第四条: '采纳', 第一条: null });
    const again = await f.call(f.s.reviewer, 'POST', `/api/v1/participation/consultations/${id}/comments`, {
      channel: 'letter',
      receivedOn: '2026-04-01',
      peopleCount: 1,
      body: '补录',
    });
    expect(again.json().error.code).toBe('FEEDBACK_PUBLISHED');
  });

  it('parses a draft from an uploaded .docx and refuses a file that is not one', async () => {
    const doc = new Document({ sections: [{ children: FIVE_CLAUSES.split('\n').map((t) => new Paragraph(t)) }] });
    const b64 = (await Packer.toBuffer(doc)).toString('base64');
    const prev = await f.call(f.s.officer, 'POST', '/api/v1/participation/clauses/preview', { draftDocxBase64: b64 });
    expectStatus(prev, 200);
    expect(prev.json().clauses.filter((c: { seq: number }) => c.seq > 0)).toHaveLength(5);
    const notDocx = await f.call(f.s.officer, 'POST', '/api/v1/participation/consultations', {
      ...base,
      draftText: undefined,
      draftDocxBase64: Buffer.from('%PDF-1.4 hello').toString('base64'),
      startOn: '2026-04-10',
      endOn: '2026-05-20',
    });
    expect([notDocx.statusCode, notDocx.json().error.code]).toEqual([415, 'DOCX_TYPE']);
    const made = await f.call(f.s.officer, 'POST', '/api/v1/participation/consultations', {
      ...base,
      draftText: undefined,
      draftDocxBase64: b64,
      startOn: '2026-04-10',
      endOn: '2026-05-20',
    });
    expectStatus(made, 201);
    expect(made.json().draftSource).toBe('docx');
  });
});
