import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '../publishing/index.ts';
import {
  FIVE_CLAUSES,
  DEPT,
  VILLAGE,
  expectStatus,
  formPost as form,
  openParticipationFixture,
  solvePageCheck as solve,
  type ParticipationFixture,
} from './participation.fixture.ts';

const ID = `32132319900101123${idCheckDigit('32132319900101123')}`;
const PHONE = '13912345678';

describe('公众参与 public pages (no JavaScript)', () => {
  let f: ParticipationFixture;
  let cid = '';
  beforeAll(async () => {
    f = await openParticipationFixture('2026-03-05');
    const made = await f.call(f.s.officer, 'POST', '/api/v1/participation/consultations', {
      unitCode: DEPT,
      title: '临时救助办法征求意见',
      draftText: FIVE_CLAUSES,
      explanation: '起草说明正文',
      howToComment: '请在本页留言。',
      startOn: '2026-03-05',
      endOn: '2026-04-07',
    });
    expectStatus(made, 201);
    cid = made.json().id;
    expectStatus(await f.call(f.s.officer, 'POST', `/api/v1/participation/consultations/${cid}/publish`), 200);
  }, 60_000);
  afterAll(() => f?.close());

  it('lists the consultation and shows the draft clause by clause with a comment form', async () => {
    const list = await f.t.app.inject({ url: '/participation' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/participation/consultations/${cid}`);
    expect((await f.t.app.inject({ url: '/participation?unit=no-such-unit' })).statusCode).toBe(404);
    const page = await f.t.app.inject({ url: `/participation/consultations/${cid}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="viewport"');
    for (const label of ['第一条', '第三条', '第五条']) expect(page.body).toContain(label);
    expect(page.body).toContain('起草说明正文');
    expect(page.body).toContain('<option value="3">第三条</option>');
    expect((await f.t.app.inject({ url: '/participation/consultations/no-such' })).statusCode).toBe(404);
  });

  it('takes a comment on a clause through the form; a wrong answer keeps nothing; the published comment is masked', async () => {
    const url = `/participation/consultations/${cid}/comments`;
    const body = `建议允许在居住地申请。身份证${ID}，电话${PHONE}。`;
    const html = (await f.t.app.inject({ url: `/participation/consultations/${cid}` })).body;
    const wrong = await f.t.app.inject({ method: 'POST', url, ...form({ clauseSeq: '3', body, ...solve(html), checkAnswer: '9999' }) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('role="alert"');
    expect(await f.t.rt.ctx.db.selectFrom('participation_comments').select('id').execute()).toHaveLength(0);

    const html2 = (await f.t.app.inject({ url: `/participation/consultations/${cid}` })).body;
    const ok = await f.t.app.inject({ method: 'POST', url, ...form({ clauseSeq: '3', body, name: '王某', contact: PHONE, ...solve(html2) }) });
    expect(ok.statusCode).toBe(201);
    expect(ok.body).toContain('意见已提交');
    expect(ok.body).not.toContain(ID);
    const saved = await f.t.rt.ctx.db.selectFrom('participation_comments').selectAll().execute();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.clause_seq).toBe(3);

    const d = (await f.call(f.s.reviewer, 'GET', `/api/v1/participation/consultations/${cid}`)).json();
    expectStatus(await f.call(f.s.reviewer, 'POST', `/api/v1/participation/comments/${d.commentList[0].id}/moderate`, { action: 'publish' }), 200);
    const page = await f.t.app.inject({ url: `/participation/consultations/${cid}` });
    expect(page.body).toContain('建议允许在居住地申请');
    expect(page.body).not.toContain(ID);
    expect(page.body).not.toContain(PHONE);
    expect(page.body).not.toContain('王某');
  });

  it('answers an open survey through the form (one per device) and shows published results with a table', async () => {
    const questions = [
      {
        id: 'q1',
        type: 'single',
        title: '是否赞成设立便民服务点？',
        required: true,
        options: [
          { id: 'y', label: '赞成' },
          { id: 'n', label: '不赞成' },
        ],
      },
    ];
    const made = await f.call(f.s.clerk, 'POST', '/api/v1/participation/surveys', {
      unitCode: VILLAGE,
      kind: 'poll',
      title: '便民服务点民意调查',
      intro: '请选择',
      questions,
      method: 'open',
      perDevice: 1,
      startOn: '2026-03-05',
      endOn: '2026-03-20',
    });
    expectStatus(made, 201);
    const sid = made.json().id;
    expectStatus(await f.call(f.s.clerk, 'POST', `/api/v1/participation/surveys/${sid}/publish`), 200);
    const page = await f.t.app.inject({ url: `/participation/surveys/${sid}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('是否赞成设立便民服务点？');
    const url = `/participation/surveys/${sid}/answers`;
    const missing = await f.t.app.inject({ method: 'POST', url, ...form({ ...solve(page.body) }) });
    expect(missing.statusCode).toBeGreaterThanOrEqual(400);
    expect(missing.statusCode).toBeLessThan(500);
    const first = await f.t.app.inject({
      method: 'POST',
      url,
      ...form({ q_q1: 'y', ...solve((await f.t.app.inject({ url: `/participation/surveys/${sid}` })).body) }),
    });
    expect(first.statusCode).toBe(201);
    expect(first.body).toContain('提交成功');
    const cookie = first.cookies.find((c) => c.name === 'gk_survey_device')!;
    const again = await f.t.app.inject({
      method: 'POST',
      url,
      headers: { ...form({}).headers, cookie: `gk_survey_device=${cookie.value}` },
      payload: new URLSearchParams({ q_q1: 'n', ...solve((await f.t.app.inject({ url: `/participation/surveys/${sid}` })).body) }).toString(),
    });
    expect(again.statusCode).toBe(409);

    expect((await f.t.app.inject({ url: `/participation/surveys/${sid}/results` })).statusCode).toBe(404);
    await f.goTo('2026-03-21');
    expectStatus(await f.call(f.s.clerk, 'POST', `/api/v1/participation/surveys/${sid}/results/publish`), 200);
    const results = await f.t.app.inject({ url: `/participation/surveys/${sid}/results` });
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain('<table');
    expect(results.body).toMatch(/赞成<\/td><td>1<\/td>/);
  });

  it('GET pages write nothing', async () => {
    const before = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await f.t.app.inject({ url: '/participation' });
    await f.t.app.inject({ url: `/participation/consultations/${cid}` });
    const after = await f.t.rt.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
