/**
 * Public pages of 公众参与 (server-rendered, phone-first, no JavaScript needed; every text comes from the public
 * queries, which pass the personal-data gate): the list (/participation, ?unit= for one unit), a consultation
 * (draft by clause, 起草说明, how to comment, status by date, comment form per clause or whole draft, published
 * comments, adoption per clause, final decision), a survey's answering page (code or open answering; skip rules
 * are applied on the server, so the page shows every question with its skip hint) and its results (ECharts SVG
 * charts with the numbers in a table beside them). GET pages are cached (config.pageCache) and write nothing.
 */
import type { ReactElement } from 'react';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { sendNotFound, sendPage } from '../../platform/views/layout.tsx';
import { issueHumanCheck, verifyHumanCheck } from '../requests/index.ts';
import { recordsOfEvents } from '../publishing/index.ts';
import { submitOnlineComment } from './consultation.commands.ts';
import { publicConsultation, publicConsultationList, type PublicConsultation } from './consultation.queries.ts';
import { submitAnswers } from './survey.commands.ts';
import { publicResults, publicSurvey, publicSurveyList, questionChart } from './survey.queries.ts';
import type { Question } from './survey.rules.ts';
import * as repo from './participation.repository.ts';
import { gate, loadGate } from './participation.gate.ts';
import { chinaDate } from '../../platform/context.ts';
import { deviceIdOf } from './survey.routes.ts';
import { publicItemLists, type PublicItemList } from './item.queries.ts';
import { publicEvent, publicEvents } from './event.routes.ts';
import { registerOnline } from './event.commands.ts';

/** The ideographic space between items of a meta line (escaped: lint forbids the raw character in JSX). */
const SP = '\u3000';

const crumbs = (label: string, unit?: { code: string; name: string }) => [
  { label: '首页', href: '/' },
  ...(unit ? [{ label: unit.name, href: `/units/${encodeURIComponent(unit.code)}` }] : []),
  { label: '公众参与', href: unit ? `/participation?unit=${encodeURIComponent(unit.code)}` : '/participation' },
  { label },
];

type Check = { token: string; question: string };

function Demo({ on }: { on: boolean }): ReactElement | null {
  return on ? <span className="tag tag-demo">演示</span> : null;
}

function HumanCheck({ check }: { check: Check }): ReactElement {
  return (
    <div className="form-field">
      <input type="hidden" name="checkToken" value={check.token} />
      <label htmlFor="checkAnswer">验证题：{check.question}</label>
      <input id="checkAnswer" name="checkAnswer" inputMode="numeric" required maxLength={4} autoComplete="off" />
    </div>
  );
}

function ConsultationPage({
  c,
  check,
  csrf,
  notice,
  error,
}: {
  c: PublicConsultation;
  check: Check | null;
  csrf: string | null;
  notice: string | null;
  error: string | null;
}): ReactElement {
  const clauses = c.groups.filter((g) => g.key !== 'whole');
  const whole = c.groups.find((g) => g.key === 'whole');
  return (
    <article className="participation consultation">
      <h1>
        {c.title} <Demo on={c.isDemo} />
      </h1>
      <p className="meta">
        {c.unitName}
        {SP}征求意见时间：{c.startOn} 至 {c.endOn}
        {SP}
        <strong className={`status status-${c.status}`}>{c.statusText}</strong>
      </p>
      {c.urgencyReason ? <p className="notice">征求意见期限少于30日的理由：{c.urgencyReason}</p> : null}
      {notice ? (
        <div className="notice notice-success" role="status">
          {notice}
        </div>
      ) : null}
      {c.decision ? (
        <section className="panel" aria-labelledby="p-decision">
          <h2 id="p-decision">最终决定</h2>
          <p>
            <strong>{c.decision.title}</strong>（{c.decision.on}）
          </p>
          <p className="pre">{c.decision.text}</p>
          {c.decision.policyUrl ? <a href={c.decision.policyUrl}>查看已公开的政策文件</a> : null}
          {c.feedbackSummary ? (
            <>
              <h3>意见采纳情况说明（{c.feedbackPublishedOn}公布）</h3>
              <p className="pre">{c.feedbackSummary}</p>
            </>
          ) : null}
        </section>
      ) : null}
      <section className="panel" aria-labelledby="p-explain">
        <h2 id="p-explain">起草说明</h2>
        <p className="pre">{c.explanation}</p>
      </section>
      <section className="panel" aria-labelledby="p-how">
        <h2 id="p-how">如何提出意见</h2>
        <p className="pre">{c.howToComment}</p>
        <p>
          共收到并公布意见{c.totals.comments}条（涉及{c.totals.people}人）。网上提出的意见经审核后公布，姓名和联系方式不公开。
        </p>
      </section>
      <section aria-labelledby="p-draft">
        <h2 id="p-draft">草案全文及意见</h2>
        {clauses.map((g) => (
          <section key={g.key} className="clause" id={`clause-${g.key}`} aria-label={g.label}>
            {g.heading ? <h3 className="clause-heading">{g.heading}</h3> : null}
            {g.paragraphs.map((p, i) => (
              <p key={i}>
                {i === 0 ? <strong>{g.label} </strong> : null}
                {p}
              </p>
            ))}
            <ClauseComments g={g} />
          </section>
        ))}
        {whole && (whole.comments.length || whole.adoption) ? (
          <section className="clause" id="clause-whole" aria-label="对草案整体的意见">
            <h3>对草案整体的意见</h3>
            <ClauseComments g={whole} />
          </section>
        ) : null}
      </section>
      {c.status === 'open' && check ? (
        <section className="panel" aria-labelledby="p-form" id="comment-form">
          <h2 id="p-form">提出意见</h2>
          <form method="post" action={`/participation/consultations/${encodeURIComponent(c.id)}/comments`} className="apply-form">
            {csrf ? <input type="hidden" name="_csrf" value={csrf} /> : null}
            {error ? (
              <div className="notice notice-error" role="alert">
                {error}
              </div>
            ) : null}
            <div className="form-field">
              <label htmlFor="clauseSeq">针对哪一条</label>
              <select id="clauseSeq" name="clauseSeq" defaultValue="">
                <option value="">对草案整体</option>
                {clauses.map((g) => (
                  <option key={g.key} value={g.key}>
                    {g.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-field">
              <label htmlFor="body">您的意见（不超过2000字）</label>
              <textarea id="body" name="body" required maxLength={2000} rows={5} />
            </div>
            <div className="form-field">
              <label htmlFor="name">姓名（选填，不公开）</label>
              <input id="name" name="name" maxLength={50} autoComplete="name" />
            </div>
            <div className="form-field">
              <label htmlFor="contact">联系方式（选填，不公开）</label>
              <input id="contact" name="contact" maxLength={100} />
            </div>
            <HumanCheck check={check} />
            <p className="hint">请勿在意见中填写身份证号、电话等个人信息；公布前会遮盖。</p>
            <button type="submit" className="button">
              提交意见
            </button>
          </form>
        </section>
      ) : c.status === 'announced' ? (
        <p className="notice">征求意见将于{c.startOn}开始，届时可在本页提出意见。</p>
      ) : null}
    </article>
  );
}

type PublicEventView = Extract<Awaited<ReturnType<typeof publicEvent>>, { ok: true }>['value'];

function EventPage({
  e,
  check,
  csrf,
  notice,
  error,
}: {
  e: PublicEventView;
  check: Check | null;
  csrf: string | null | undefined;
  notice: string | null;
  error: string | null;
}): ReactElement {
  return (
    <article className="participation">
      <h1>
        {e.kindText}：{e.title} <Demo on={e.isDemo} />
      </h1>
      <p className="meta">
        {e.unitName}
        {SP}
        {e.heldOn} {e.heldTime}
        {SP}
        {e.place}
        {SP}
        {e.phaseText}
      </p>
      {notice ? (
        <div className="notice notice-success" role="status">
          {notice}
        </div>
      ) : null}
      {e.rescheduledFrom ? (
        <p className="notice" role="note">
          {`已改期：原定${e.rescheduledFrom}举行，现改为${e.heldOn} ${e.heldTime}。改期理由：${e.rescheduleReason ?? ''}`}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="e-about">
        <h2 id="e-about">{e.kind === 'hearing' ? '听证事项、草案及说明' : '活动内容'}</h2>
        <p className="pre">{e.description}</p>
        {e.selectionMethod ? <p>参加人遴选方式：{e.selectionMethod}</p> : null}
        {e.capacity ? <p>名额：{e.capacity}人</p> : null}
        {e.materialsSentOn ? <p>听证材料送达日期：{e.materialsSentOn}</p> : null}
      </section>
      {e.phase === 'registration' && check ? (
        <section className="panel" aria-labelledby="e-form" id="registration-form">
          <h2 id="e-form">{`报名参加（截止${e.registrationLastDay}）`}</h2>
          <form method="post" action={`/participation/events/${encodeURIComponent(e.id)}/registrations`} className="apply-form">
            {csrf ? <input type="hidden" name="_csrf" value={csrf} /> : null}
            {error ? (
              <div className="notice notice-error" role="alert">
                {error}
              </div>
            ) : null}
            <div className="form-field">
              <label htmlFor="name">姓名（名单上只显示姓氏）</label>
              <input id="name" name="name" required maxLength={50} autoComplete="name" />
            </div>
            <div className="form-field">
              <label htmlFor="contact">联系电话（不公开，仅供组织单位需要时与您联系）</label>
              <input id="contact" name="contact" required maxLength={100} inputMode="tel" autoComplete="tel" />
            </div>
            <div className="form-field">
              <label htmlFor="affiliation">单位或身份（选填，如“居民代表”，会公布在名单上）</label>
              <input id="affiliation" name="affiliation" maxLength={100} />
            </div>
            <div className="form-field">
              <label htmlFor="note">拟发表的主要意见（选填，不公开）</label>
              <textarea id="note" name="note" maxLength={1000} rows={4} />
            </div>
            <HumanCheck check={check} />
            <button type="submit" className="button">
              提交报名
            </button>
          </form>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="e-list">
        <h2 id="e-list">参加人名单</h2>
        {e.participants ? (
          <ul>
            {e.participants.map((p, i) => (
              <li key={i}>
                {p.name}
                {p.affiliation ? `（${p.affiliation}）` : ''}
                {p.attended === false ? '（未出席）' : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>参加人名单确定后在此公布{e.latestParticipantListOn ? `（不晚于${e.latestParticipantListOn}）` : ''}。</p>
        )}
      </section>
      {e.recordPublished ? (
        <>
          <section className="panel" aria-labelledby="e-record">
            <h2 id="e-record">{e.kind === 'hearing' ? '听证笔录' : '活动记录'}</h2>
            {e.attendance !== null ? <p>出席{e.attendance}人。</p> : null}
            <p className="pre">{e.recordText}</p>
            {e.signedConfirmation ? <p>参加人已审核笔录并签字确认，签字页由组织单位存档。</p> : null}
          </section>
          <section className="panel" aria-labelledby="e-feedback">
            <h2 id="e-feedback">意见汇总和采纳情况</h2>
            <p className="pre">{e.feedback}</p>
            <p className="meta">公布日期：{e.recordPublishedOn}</p>
          </section>
        </>
      ) : null}
    </article>
  );
}

function ClauseComments({ g }: { g: PublicConsultation['groups'][number] }): ReactElement | null {
  if (!g.comments.length && !g.adoption) return null;
  return (
    <div className="clause-comments">
      {g.comments.length ? (
        <details open>
          <summary>
            意见{g.comments.length}条（{g.people}人）
          </summary>
          <ul>
            {g.comments.map((cm) => (
              <li key={cm.id}>
                <span className="meta">
                  {cm.channelText}
                  {SP}
                  {cm.receivedOn}
                  {cm.peopleCount > 1 ? `${SP}${cm.peopleCount}人` : ''}
                </span>
                <p>{cm.body}</p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {g.adoption ? (
        <p className={`adoption adoption-${g.adoption.code}`}>
          <strong>采纳情况：{g.adoption.text}</strong>
          {SP}
          {g.adoption.reason}
        </p>
      ) : null}
    </div>
  );
}

function QuestionField({ q, n }: { q: Question; n: number }): ReactElement {
  const name = `q_${q.id}`;
  const title = (
    <legend>
      {n}. {q.title}
      {q.required ? <span className="required">（必答）</span> : null}
    </legend>
  );
  const skip = (q.skip ?? []).map(
    (s) => `选“${q.options?.find((o) => o.id === s.option)?.label ?? s.option}”的，${s.goTo === 'end' ? '问卷到此结束' : '请直接跳到后面对应的题目'}`,
  );
  return (
    <fieldset className="question">
      {title}
      {q.type === 'single' || q.type === 'multiple' ? (
        (q.options ?? []).map((o) => (
          <label key={o.id} className="choice">
            <input type={q.type === 'single' ? 'radio' : 'checkbox'} name={name} value={o.id} /> {o.label}
          </label>
        ))
      ) : q.type === 'rating' ? (
        [1, 2, 3, 4, 5].map((s) => (
          <label key={s} className="choice choice-inline">
            <input type="radio" name={name} value={String(s)} /> {s}分
          </label>
        ))
      ) : (
        <textarea name={name} maxLength={q.maxLength ?? 500} rows={3} aria-label={q.title} />
      )}
      {skip.length ? <p className="hint">{skip.join('；')}（跳过的题不用填，填了也不计入）</p> : null}
    </fieldset>
  );
}

export function registerParticipationPages(app: FastifyInstance, ctx: AppContext): void {
  const unitOf = async (code: string) => (await repo.unitRow(ctx.db, code)) ?? null;
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendNotFound(request, reply, {
      title: '内容不存在',
      message: '没有找到这项公众参与内容，可能是网址有误或尚未发布。',
      links: [{ label: '公众参与', href: '/participation' }],
    });

  app.get('/participation', { config: { pageCache: true } }, async (request, reply) => {
    const code = String((request.query as { unit?: string }).unit ?? '').slice(0, 64);
    const unit = code ? await unitOf(code) : null;
    if (code && !unit) return notFound(request, reply);
    const consultations = await publicConsultationList(ctx, unit ? { unit: unit.code } : {});
    const surveys = (await publicSurveyList(ctx)).filter((s) => !unit || s.unitCode === unit.code);
    const decisions = (await repo.listDecisions(ctx.db, { roots: null, unitCode: unit?.code })).filter((d) => d.resolved_on);
    await loadGate(ctx.db);
    const today = chinaDate(ctx.clock.now());
    const events = (await publicEvents(ctx, unit?.code)).filter((e) => e.heldOn >= today).reverse();
    return sendPage(request, reply, {
      title: unit ? `${unit.name}公众参与` : '公众参与',
      description: '征求意见、问卷调查和村务决策',
      breadcrumbs: unit
        ? [{ label: '首页', href: '/' }, { label: unit.name, href: `/units/${encodeURIComponent(unit.code)}` }, { label: '公众参与' }]
        : [{ label: '首页', href: '/' }, { label: '公众参与' }],
      body: (
        <article className="participation">
          <h1>{unit ? `${unit.name}公众参与` : '公众参与'}</h1>
          <p>
            <a href={unit ? `/participation/items?unit=${encodeURIComponent(unit.code)}` : '/participation/items'}>公众参与事项目录</a>
            ：各单位拟听取公众意见的重大决策事项、参与方式和计划时间。
          </p>
          <section aria-labelledby="l-c">
            <h2 id="l-c">征求意见</h2>
            {consultations.length ? (
              <ul className="card-list">
                {consultations.map((c) => (
                  <li key={c.id}>
                    <a className="unit-link" href={`/participation/consultations/${encodeURIComponent(c.id)}`}>
                      <span className="unit-name">
                        {c.title} <Demo on={c.isDemo} />
                      </span>
                      <span className="unit-extra">
                        {c.unitName}
                        {SP}
                        {c.startOn}至{c.endOn}
                        {SP}
                        {c.statusText}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>暂无征求意见。</p>
            )}
          </section>
          {events.length ? (
            <section aria-labelledby="l-e">
              <h2 id="l-e">听证会、座谈会等活动公告</h2>
              <ul className="card-list">
                {events.map((e) => (
                  <li key={e.id} className="panel">
                    <h3>
                      <a href={`/participation/events/${encodeURIComponent(e.id)}`}>
                        {e.kindText}：{e.title}
                      </a>{' '}
                      <Demo on={e.isDemo} />
                    </h3>
                    <p className="meta">
                      {e.unitName}
                      {SP}
                      {e.heldOn} {e.heldTime}
                      {SP}
                      {e.place}
                    </p>
                    <p className="pre">{e.description}</p>
                    {e.selectionMethod ? <p>参加人遴选方式：{e.selectionMethod}</p> : null}
                    {e.capacity ? <p>名额：{e.capacity}人</p> : null}
                    {e.registrationUntil ? <p>报名截止：{e.registrationUntil}</p> : null}
                    <p>{e.phaseText}</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="l-s">
            <h2 id="l-s">问卷调查</h2>
            {surveys.length ? (
              <ul className="card-list">
                {surveys.map((s) => (
                  <li key={s.id}>
                    <a className="unit-link" href={`/participation/surveys/${encodeURIComponent(s.id)}${s.resultsPublished ? '/results' : ''}`}>
                      <span className="unit-name">
                        {s.title} <Demo on={s.isDemo} />
                      </span>
                      <span className="unit-extra">
                        {s.unitName}
                        {SP}
                        {s.startOn}至{s.endOn}
                        {SP}
                        {s.resultsPublished ? '结果已公布' : s.statusText}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>暂无问卷调查。</p>
            )}
          </section>
          {decisions.length ? (
            <section aria-labelledby="l-d">
              <h2 id="l-d">村务决策</h2>
              <ul className="card-list">
                {decisions.map((d) => (
                  <li key={d.id}>
                    <a className="unit-link" href={`/participation/decisions/${encodeURIComponent(d.id)}`}>
                      <span className="unit-name">
                        {gate(d.title, today)} <Demo on={d.is_demo === 1} />
                      </span>
                      <span className="unit-extra">
                        {d.unit_name}
                        {SP}决议{d.resolved_on}
                        {d.implemented_on ? `${SP}实施${d.implemented_on}` : ''}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </article>
      ),
    });
  });

  app.get('/participation/items', { config: { pageCache: true } }, async (request, reply) => {
    const code = String((request.query as { unit?: string }).unit ?? '').slice(0, 64);
    const unit = code ? await unitOf(code) : null;
    if (code && !unit) return notFound(request, reply);
    const lists = await publicItemLists(ctx, unit?.code);
    const title = unit ? `${unit.name}公众参与事项目录` : '公众参与事项目录';
    return sendPage(request, reply, {
      title,
      description: '拟听取公众意见的重大行政决策事项、参与方式和计划时间',
      breadcrumbs: crumbs('事项目录', unit ?? undefined),
      body: (
        <article className="participation">
          <h1>{title}</h1>
          {lists.length ? lists.map((l) => <ItemListSection key={l.unitCode} l={l} />) : <p>暂未公布公众参与事项目录。</p>}
        </article>
      ),
    });
  });

  const consultationPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    opts: { notice?: string | null; error?: string | null; status?: number } = {},
  ) => {
    const res = await publicConsultation(ctx, id);
    if (!res.ok) return notFound(request, reply);
    const c = res.value;
    const check = c.status === 'open' ? await issueHumanCheck(ctx.db, ctx.clock.now()) : null;
    return sendPage(request, reply, {
      status: opts.status ?? 200,
      title: c.title,
      description: `${c.unitName}公开征求意见`,
      ogType: 'article',
      breadcrumbs: crumbs('征求意见'),
      body: <ConsultationPage c={c} check={check} csrf={request.csrfToken} notice={opts.notice ?? null} error={opts.error ?? null} />,
    });
  };
  // Not cached: the open form carries a fresh human check.
  app.get('/participation/consultations/:id', async (request, reply) =>
    consultationPage(request, reply, String((request.params as { id: string }).id).slice(0, 64)),
  );
  app.post(
    '/participation/consultations/:id/comments',
    { config: { sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const id = String((request.params as { id: string }).id).slice(0, 64);
      const b = (request.body ?? {}) as Record<string, string | undefined>;
      const seq = b.clauseSeq && /^\d{1,6}$/.test(b.clauseSeq) ? Number(b.clauseSeq) : null;
      const res = await submitOnlineComment(
        ctx,
        { actor: null, requestId: request.id },
        id,
        { clauseSeq: seq, body: String(b.body ?? '').slice(0, 4000), name: b.name ? String(b.name) : null, contact: b.contact ? String(b.contact) : null },
        { token: String(b.checkToken ?? ''), answer: String(b.checkAnswer ?? '') },
      );
      if (!res.ok) return consultationPage(request, reply, id, { error: res.message, status: res.status });
      return consultationPage(request, reply, id, {
        status: 201,
        notice: `意见已提交，审核后公布。查询码：${res.value.trackingCode}（请记下，可凭它查询审核结果）`,
      });
    },
  );

  const eventPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    opts: { notice?: string | null; error?: string | null; status?: number } = {},
  ) => {
    const res = await publicEvent(ctx, id);
    if (!res.ok) return notFound(request, reply);
    const e = res.value;
    const check = e.phase === 'registration' ? await issueHumanCheck(ctx.db, ctx.clock.now()) : null;
    return sendPage(request, reply, {
      status: opts.status ?? 200,
      title: `${e.kindText}：${e.title}`,
      description: `${e.unitName}${e.kindText}公告`,
      ogType: 'article',
      breadcrumbs: crumbs(e.kindText),
      body: <EventPage e={e} check={check} csrf={request.csrfToken} notice={opts.notice ?? null} error={opts.error ?? null} />,
    });
  };
  // Not cached: an open registration form carries a fresh human check.
  app.get('/participation/events/:id', async (request, reply) => eventPage(request, reply, String((request.params as { id: string }).id).slice(0, 64)));
  app.post(
    '/participation/events/:id/registrations',
    { config: { sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const id = String((request.params as { id: string }).id).slice(0, 64);
      const b = (request.body ?? {}) as Record<string, string | undefined>;
      const res = await registerOnline(
        ctx,
        { actor: null, requestId: request.id },
        id,
        {
          name: String(b.name ?? '').slice(0, 200),
          contact: String(b.contact ?? '').slice(0, 200),
          affiliation: b.affiliation ? String(b.affiliation).slice(0, 200) : null,
          note: b.note ? String(b.note).slice(0, 2000) : null,
        },
        { token: String(b.checkToken ?? ''), answer: String(b.checkAnswer ?? '') },
      );
      if (!res.ok) return eventPage(request, reply, id, { error: res.message, status: res.status });
      return eventPage(request, reply, id, {
        status: 201,
        notice: `报名已提交。报名编号：${res.value.trackingCode}（向组织单位询问报名情况时请提供）。参加人选定后名单在本页公布（只显示姓氏），请届时回到本页查看；本平台不发送短信或电话通知。`,
      });
    },
  );

  const surveyPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    opts: { error?: string | null; status?: number; done?: boolean; code?: string } = {},
  ) => {
    const res = await publicSurvey(ctx, id);
    if (!res.ok) return notFound(request, reply);
    const s = res.value;
    const check = s.method === 'open' && s.status === 'open' ? await issueHumanCheck(ctx.db, ctx.clock.now()) : null;
    return sendPage(request, reply, {
      status: opts.status ?? 200,
      title: s.title,
      description: `${s.unitName}问卷调查`,
      breadcrumbs: crumbs('问卷调查'),
      body: (
        <article className="participation survey survey-large">
          <h1>
            {s.title} <Demo on={s.isDemo} />
          </h1>
          <p className="meta">
            {s.unitName}
            {SP}作答时间：{s.startOn} 至 {s.endOn}
            {SP}
            {s.statusText}
            {SP}作答方式：{s.methodText}
          </p>
          {opts.done ? (
            <div className="notice notice-success" role="status">
              提交成功，感谢您的参与！
            </div>
          ) : s.status !== 'open' ? (
            <p className="notice">
              {s.status === 'closed' ? `问卷已于${s.endOn}结束。` : `问卷将于${s.startOn}开始作答。`}
              {s.resultsPublished ? <a href={`/participation/surveys/${encodeURIComponent(s.id)}/results`}>查看结果</a> : null}
            </p>
          ) : (
            <form method="post" action={`/participation/surveys/${encodeURIComponent(s.id)}/answers`} className="apply-form">
              {request.csrfToken ? <input type="hidden" name="_csrf" value={request.csrfToken} /> : null}
              <p className="lead">{s.intro}</p>
              {opts.error ? (
                <div className="notice notice-error" role="alert">
                  {opts.error}
                </div>
              ) : null}
              {s.method === 'codes' ? (
                <div className="form-field">
                  <label htmlFor="code">答题码（在发到您家的纸条上）</label>
                  <input id="code" name="code" required maxLength={20} autoComplete="off" defaultValue={opts.code ?? ''} />
                </div>
              ) : null}
              {s.questions.map((q, i) => (
                <QuestionField key={q.id} q={q} n={i + 1} />
              ))}
              {check ? <HumanCheck check={check} /> : null}
              <button type="submit" className="button button-large">
                提交问卷
              </button>
            </form>
          )}
        </article>
      ),
    });
  };
  app.get('/participation/surveys/:id', async (request, reply) => {
    const q = request.query as { code?: string };
    return surveyPage(request, reply, String((request.params as { id: string }).id).slice(0, 64), { code: q.code ? String(q.code).slice(0, 20) : '' });
  });
  app.post(
    '/participation/surveys/:id/answers',
    { config: { sessionless: true, rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const id = String((request.params as { id: string }).id).slice(0, 64);
      const s = await repo.findSurvey(ctx.db, id);
      if (!s || !s.published_at) return notFound(request, reply);
      const b = (request.body ?? {}) as Record<string, string | string[] | undefined>;
      const answers: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(b)) if (k.startsWith('q_') && v !== undefined && v !== '') answers[k.slice(2)] = v;
      const code = typeof b.code === 'string' ? b.code.slice(0, 20) : '';
      let deviceId: string | null = null;
      if (s.method === 'open') {
        const human = await verifyHumanCheck(ctx.db, ctx.clock.now(), String(b.checkToken ?? ''), String(b.checkAnswer ?? ''));
        if (human !== 'ok')
          return surveyPage(request, reply, id, {
            status: 400,
            error: human === 'expired' ? '验证题已过期，请重新作答' : '验证题答案不正确，请重新计算后填写',
          });
        deviceId = deviceIdOf(request, reply);
      }
      const res = await submitAnswers(ctx, { actor: null, requestId: request.id }, id, { answers, code, deviceId });
      if (!res.ok) return surveyPage(request, reply, id, { status: res.status, error: res.message, code: res.status === 409 ? '' : code });
      return surveyPage(request, reply, id, { status: 201, done: true });
    },
  );

  app.get('/participation/surveys/:id/results', { config: { pageCache: true } }, async (request, reply) => {
    const res = await publicResults(ctx, String((request.params as { id: string }).id).slice(0, 64));
    if (!res.ok) return notFound(request, reply);
    const { survey: s, results } = res.value;
    return sendPage(request, reply, {
      title: `${s.title}结果`,
      description: `${s.unitName}问卷调查结果`,
      breadcrumbs: crumbs('调查结果'),
      body: (
        <article className="participation survey-results">
          <h1>
            {s.title}：调查结果 <Demo on={s.isDemo} />
          </h1>
          <p className="meta">
            {s.unitName}
            {SP}
            {s.startOn} 至 {s.endOn}
            {SP}有效问卷{results.responses}份{SP}作答方式：{s.methodText}（答卷不记名）
          </p>
          {results.satisfaction ? (
            <p className="lead">
              满意度（满意和基本满意）：
              {results.satisfaction.valid ? `${Math.round((results.satisfaction.satisfied / results.satisfaction.valid) * 1000) / 10}%` : '—'}（
              {results.satisfaction.satisfied} / {results.satisfaction.valid}）
            </p>
          ) : null}
          {results.questions.map((q, i) => {
            const svg = questionChart(q, `chart-${q.id}`);
            const rows = q.options?.map((o) => [o.label, o.count] as const) ?? q.ratings?.map((r) => [`${r.score}分`, r.count] as const) ?? null;
            return (
              <section key={q.id} className="result" aria-labelledby={`r-${q.id}`}>
                <h2 id={`r-${q.id}`}>
                  {i + 1}. {q.title}
                </h2>
                {rows ? (
                  <div className="chart-with-table">
                    {svg ? <div className="chart" dangerouslySetInnerHTML={{ __html: svg }} /> : null}
                    <table className="data-table">
                      <thead>
                        <tr>
                          <th scope="col">选项</th>
                          <th scope="col">人数</th>
                          <th scope="col">比例</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map(([l, n]) => (
                          <tr key={l}>
                            <td>{l}</td>
                            <td>{n}</td>
                            <td>{q.answered ? `${Math.round((n / q.answered) * 1000) / 10}%` : '—'}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {q.mean !== undefined && q.mean !== null ? <p>平均分：{q.mean}</p> : null}
                  </div>
                ) : (
                  <p>简答题，共{q.answered}人作答（回答内容不公开）。</p>
                )}
              </section>
            );
          })}
        </article>
      ),
    });
  });

  app.get('/participation/decisions/:id', { config: { pageCache: true } }, async (request, reply) => {
    const row = await repo.findDecision(ctx.db, String((request.params as { id: string }).id).slice(0, 64));
    if (!row || !row.resolved_on) return notFound(request, reply);
    await loadGate(ctx.db);
    const today = chinaDate(ctx.clock.now());
    const g = (t: string | null) => (t === null ? null : gate(t, today));
    const d = {
      ...row,
      title: gate(row.title, today),
      proposed_by: gate(row.proposed_by, today),
      proposal: gate(row.proposal, today),
      discussion: g(row.discussion),
      resolution: g(row.resolution),
      implementation: g(row.implementation),
    };
    const disclosures = (
      await recordsOfEvents(
        ctx.db,
        [d.resolution_event_id, d.implementation_event_id].filter((x): x is string => !!x),
      )
    ).filter((x) => x.status === 'published');
    const links = (eventId: string | null) => disclosures.filter((x) => x.event_id === eventId);
    const unit = { code: d.unit_code, name: d.unit_name };
    return sendPage(request, reply, {
      title: d.title,
      description: `${d.unit_name}村务决策`,
      breadcrumbs: crumbs('村务决策', unit),
      body: (
        <article className="participation decision">
          <h1>
            {d.title} <Demo on={d.is_demo === 1} />
          </h1>
          <DecisionBody d={d} resolutionLinks={links(d.resolution_event_id)} implementationLinks={links(d.implementation_event_id)} />
        </article>
      ),
    });
  });
}

type Link = { id: string; title: string };
function ItemListSection({ l }: { l: PublicItemList }): ReactElement {
  const id = `items-${l.unitCode}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{l.unitName}</h2>
      <ItemListTable l={l} />
    </section>
  );
}

/**
 * One unit's published 公众参与事项目录 (version, note, the items and how far each got), every text already through the
 * gate (`publicItemLists`). Also shown in the unit's 公开指南 (portal).
 */
export function ItemListTable({ l }: { l: PublicItemList }): ReactElement {
  return (
    <>
      <p className="meta">
        第{l.version}版{SP}
        {l.publishedOn}公布
      </p>
      {l.note ? <p className="pre">{l.note}</p> : null}
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">听取意见的理由</th>
              <th scope="col">参与方式</th>
              <th scope="col">计划时间</th>
              <th scope="col">进展</th>
            </tr>
          </thead>
          <tbody>
            {l.items.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.name} <Demo on={i.isDemo} />
                </td>
                <td>{i.reason}</td>
                <td>{i.methodsText}</td>
                <td>{i.plannedOn}</td>
                <td>
                  {i.withdrawnReason !== null ? (
                    `已撤回：${i.withdrawnReason}`
                  ) : i.consultation ? (
                    <a href={`/participation/consultations/${encodeURIComponent(i.consultation.id)}`}>{i.consultation.startOn}起征求意见</a>
                  ) : (
                    '尚未开始'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DecisionBody({
  d,
  resolutionLinks,
  implementationLinks,
}: {
  d: repo.WithUnit<repo.DecisionRow>;
  resolutionLinks: Link[];
  implementationLinks: Link[];
}): ReactElement {
  const list = (l: Link[], none: string) =>
    l.length ? (
      <ul>
        {l.map((x) => (
          <li key={x.id}>
            <a href={`/disclosures/${encodeURIComponent(x.id)}`}>{x.title}</a>
          </li>
        ))}
      </ul>
    ) : (
      <p className="hint">{none}</p>
    );
  return (
    <>
      <p className="meta">
        {d.unit_name}
        {SP}提议：{d.proposed_by}（{d.proposed_on}）
      </p>
      <ol className="steps">
        <li>
          <h2>提议</h2>
          <p className="pre">{d.proposal}</p>
        </li>
        {d.discussed_on ? (
          <li>
            <h2>村“两委”讨论（{d.discussed_on}）</h2>
            <p className="pre">{d.discussion}</p>
          </li>
        ) : null}
        {d.meeting_kind ? (
          <li>
            <h2>
              {d.meeting_kind === 'villagers' ? '村民会议' : '村民代表会议'}（{d.meeting_on}）
            </h2>
            <p>
              应到{d.entitled}人，实到{d.present}人；赞成{d.votes_for}票，反对{d.votes_against}票，弃权{d.votes_abstain}票。
            </p>
          </li>
        ) : null}
        <li>
          <h2>决议（{d.resolved_on}）</h2>
          <p className="pre">{d.resolution}</p>
          <h3>决议公开</h3>
          {list(resolutionLinks, '决议公开的内容尚未发布。')}
        </li>
        {d.implemented_on ? (
          <li>
            <h2>实施结果（{d.implemented_on}）</h2>
            <p className="pre">{d.implementation}</p>
            <h3>实施结果公开</h3>
            {list(implementationLinks, '实施结果公开的内容尚未发布。')}
          </li>
        ) : null}
      </ol>
    </>
  );
}
