/**
 * Public pages of 政民互动 (server-rendered, phone-first, no JavaScript needed, plain Chinese):
 * /interaction (what you can do here), /interaction/ask (a question on a disclosure or one of its lines),
 * /interaction/new (咨询/建议/投诉), /interaction/track (code + secret in a POST body, never in the URL; the answer,
 * the corrected disclosure, the rating form), /interaction/cases (选登), /interaction/knowledge (知识清单),
 * /interaction/figures (留言受理反馈情况), and the section every disclosure page shows (对此有疑问, how many
 * questions it had, the published answers). Every public text passes the personal-data gate (queries mask it).
 */
import type { ReactElement } from 'react';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { sendNotFound, sendPage } from '../../platform/views/layout.tsx';
import { chineseDate, getDisclosure, type DisclosurePageExtension } from '../publishing/index.ts';
import { issueHumanCheck } from '../requests/index.ts';
import { listDomains } from '../catalog/index.ts';
import { CASE_KINDS, RATINGS } from './interaction.types.ts';
import { activeUnits, loadSettings } from './interaction.repository.ts';
import {
  disclosureQuestions,
  getPublishedCase,
  listPublishedCases,
  monthlyFigures,
  trackCase,
  type PublicCaseView,
  type TrackView,
} from './interaction.queries.ts';
import { publicKnowledge, publicKnowledgeEntry } from './interaction.knowledge.ts';
import { publicBoxesOf } from './interaction.boxes.ts';
import type { UnitPageExtension } from '../portal/index.ts';
import { submitPublicCase, type CaseInput } from './commands/intake-case.ts';
import { respondToCase } from './commands/respond-case.ts';

const crumbs = (label: string) => [{ label: '首页', href: '/' }, { label: '政民互动', href: '/interaction' }, { label }];
const day = (d: string | null) => (d ? chineseDate(d) : '');

function Field({
  id,
  label,
  required,
  hint,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  children: ReactElement;
}): ReactElement {
  return (
    <div className="form-field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="req">（必填）</span> : <span className="muted">（可不填）</span>}
      </label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function ErrorNote({ error }: { error: string | null }): ReactElement | null {
  return error ? (
    <div className="notice notice-error" role="alert" id="form-error">
      {error}
    </div>
  ) : null;
}

function Landing({ misconduct }: { misconduct: string }): ReactElement {
  const links: [string, string, string][] = [
    ['/interaction/new', '我要咨询、建议或投诉', '不用注册，写下您想说的，提交后会得到查询码'],
    ['/interaction/track', '查看答复', '凭查询码和查询密码查看办理情况和答复，并评价'],
    ['/interaction/cases', '答复选登', '经本人同意公开的问题和答复'],
    ['/interaction/knowledge', '知识清单', '群众常问的问题和解答'],
    ['/interaction/figures', '留言受理反馈情况', '每月各单位收到多少、按期答复多少、满意度'],
  ];
  return (
    <article className="interaction">
      <h1>政民互动</h1>
      <p className="lead">对公开的内容有疑问，或者有咨询、建议、投诉，都可以在这里提出。我们会在规定的期限内答复。</p>
      <div className="notice" role="note">
        <p>对某条公开信息有疑问：请打开那条信息，点击页面上的“对此有疑问”。财务收支明细和名单的每一行后面也有“有疑问”。</p>
      </div>
      <ul className="card-list">
        {links.map(([href, title, extra]) => (
          <li key={href}>
            <a className="unit-link" href={href}>
              <span className="unit-name">{title}</span>
              <span className="unit-extra">{extra}</span>
            </a>
          </li>
        ))}
      </ul>
      <p className="muted">{misconduct}</p>
    </article>
  );
}

interface FormState {
  values: Record<string, string>;
  error: string | null;
  check: { token: string; question: string };
}

function CommonFields({ v, check, consentLabel }: { v: Record<string, string>; check: FormState['check']; consentLabel: string }): ReactElement {
  return (
    <>
      <fieldset>
        <legend>联系方式（可以不填）</legend>
        <p className="hint">留下电话，工作人员可以打电话向您了解情况。您的姓名和电话不会公开。</p>
        <Field id="name" label="姓名">
          <input id="name" name="name" maxLength={50} autoComplete="name" defaultValue={v.name ?? ''} />
        </Field>
        <Field id="phone" label="电话">
          <input id="phone" name="phone" type="tel" inputMode="tel" maxLength={30} autoComplete="tel" defaultValue={v.phone ?? ''} />
        </Field>
        <label className="choice">
          <input type="checkbox" name="publishConsent" value="1" defaultChecked={v.publishConsent === '1'} />
          {consentLabel}
        </label>
      </fieldset>
      <fieldset>
        <legend>验证</legend>
        <input type="hidden" name="checkToken" value={check.token} />
        <Field id="checkAnswer" label={`请算一算：${check.question}`} required>
          <input id="checkAnswer" name="checkAnswer" inputMode="numeric" required maxLength={4} autoComplete="off" />
        </Field>
      </fieldset>
    </>
  );
}

function AskForm({
  s,
  d,
  line,
}: {
  s: FormState;
  d: { id: string; title: string; unitName: string };
  line: { kind: string; no: number; text: string } | null;
}): ReactElement {
  const v = s.values;
  return (
    <article className="interaction">
      <h1>对此有疑问</h1>
      <p className="lead">{`您的疑问会交给${d.unitName}，在规定期限内答复您。`}</p>
      <dl className="facts panel">
        <div>
          <dt>公开信息</dt>
          <dd>
            <a href={`/disclosures/${d.id}`}>{d.title}</a>
          </dd>
        </div>
        {line ? (
          <div>
            <dt>您问的是这一行</dt>
            <dd id="asked-line">{line.text}</dd>
          </div>
        ) : null}
      </dl>
      <ErrorNote error={s.error} />
      <form method="post" action="/interaction/ask" className="apply-form">
        <input type="hidden" name="disclosureId" value={d.id} />
        {line ? (
          <>
            <input type="hidden" name="lineKind" value={line.kind} />
            <input type="hidden" name="lineNo" value={String(line.no)} />
          </>
        ) : null}
        <Field id="content" label="哪里不清楚，或者哪里可能有遗漏、不真实" required hint="请写清楚，5到2000字">
          <textarea
            id="content"
            name="content"
            required
            minLength={5}
            maxLength={2000}
            rows={6}
            defaultValue={v.content ?? ''}
            aria-describedby="content-hint"
          />
        </Field>
        <CommonFields v={v} check={s.check} consentLabel="我同意把我的疑问和答复公开（姓名、电话等个人信息不会公开）" />
        <button type="submit" className="button">
          提交疑问
        </button>
      </form>
    </article>
  );
}

interface DomainOption {
  code: string;
  name: string;
  group: string;
}

/** A select of options in groups (<optgroup>), keeping the value sent before; the field's hint describes it. */
function GroupedSelect({
  id,
  value,
  empty,
  required,
  options,
}: {
  id: string;
  value: string | undefined;
  empty: string;
  required?: boolean;
  options: { code: string; name: string; group: string }[];
}): ReactElement {
  return (
    <select id={id} name={id} required={required} defaultValue={value ?? ''} aria-describedby={`${id}-hint`}>
      <option value="">{empty}</option>
      {[...new Set(options.map((o) => o.group))].map((g) => (
        <optgroup key={g} label={g}>
          {options
            .filter((o) => o.group === g)
            .map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

function NewForm({
  s,
  units,
  domains,
  misconduct,
}: {
  s: FormState;
  units: { code: string; name: string; group: string }[];
  domains: DomainOption[];
  misconduct: string;
}): ReactElement {
  const v = s.values;
  return (
    <article className="interaction">
      <h1>咨询、建议、投诉</h1>
      <p className="lead">不用注册。提交后您会得到查询码和查询密码，凭它们查看答复。</p>
      <div className="notice" role="note" id="misconduct-note">
        <p>{misconduct}</p>
      </div>
      <ErrorNote error={s.error} />
      <form method="post" action="/interaction/new" className="apply-form">
        <fieldset>
          <legend>您要</legend>
          <div className="choices" role="radiogroup" aria-label="类型">
            {CASE_KINDS.filter((k) => k.code !== 'question').map((k) => (
              <label key={k.code} className="choice">
                <input type="radio" name="kind" value={k.code} required defaultChecked={(v.kind ?? 'consult') === k.code} />
                {`${k.label}：${k.help}`}
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          id="unitCode"
          label="向哪个单位反映"
          required
          hint="村（社区）的事选村（社区），不清楚的可以选所在的镇（街道）；县里的事不清楚该找哪个部门的，可以选县人民政府，并在下面选择涉及的公开领域"
        >
          <GroupedSelect id="unitCode" required value={v.unitCode} empty="请选择" options={units} />
        </Field>
        <Field id="domainCode" label="涉及的公开领域" hint="选了领域又选了县人民政府的，按县里的分工交给负责这个领域的部门办理；选了具体单位的，由所选单位办理">
          <GroupedSelect id="domainCode" value={v.domainCode} empty="不选" options={domains} />
        </Field>
        <Field id="subject" label="标题" hint="一句话说明是什么事">
          <input id="subject" name="subject" maxLength={100} defaultValue={v.subject ?? ''} aria-describedby="subject-hint" />
        </Field>
        <Field id="content" label="内容" required hint="请写清楚时间、地点和事情经过，5到2000字">
          <textarea
            id="content"
            name="content"
            required
            minLength={5}
            maxLength={2000}
            rows={7}
            defaultValue={v.content ?? ''}
            aria-describedby="content-hint"
          />
        </Field>
        <CommonFields v={v} check={s.check} consentLabel="我同意办结后把问题和答复选登公开（姓名、电话等个人信息不会公开）" />
        <button type="submit" className="button">
          提交
        </button>
      </form>
    </article>
  );
}

function Submitted({ caseNo, code, secret, dueOn }: { caseNo: string; code: string; secret: string; dueOn: string | null }): ReactElement {
  return (
    <article className="interaction">
      <h1>已提交，谢谢您</h1>
      <div className="notice" role="status">
        <p>
          {'编号 '}
          <strong>{caseNo}</strong>
          {dueOn ? `。我们会在${chineseDate(dueOn)}前答复。` : '。'}
        </p>
        <p>请记下下面的查询码和查询密码（可以拍照保存）。查询密码只显示这一次，丢了无法找回。</p>
      </div>
      <dl className="facts panel">
        <div>
          <dt>查询码</dt>
          <dd className="code" id="tracking-code">
            {code}
          </dd>
        </div>
        <div>
          <dt>查询密码</dt>
          <dd className="code" id="tracking-secret">
            {secret}
          </dd>
        </div>
      </dl>
      <p>
        <a href="/interaction/track">查看答复</a>
      </p>
    </article>
  );
}

function TrackForm({ error, code }: { error: string | null; code: string }): ReactElement {
  return (
    <form method="post" action="/interaction/track" className="apply-form">
      <ErrorNote error={error} />
      <div className="form-field">
        <label htmlFor="code">查询码</label>
        <input id="code" name="code" required maxLength={20} autoComplete="off" autoCapitalize="characters" defaultValue={code} />
      </div>
      <div className="form-field">
        <label htmlFor="secret">查询密码</label>
        <input id="secret" name="secret" type="password" required maxLength={40} autoComplete="off" />
      </div>
      <button type="submit" className="button">
        查看
      </button>
    </form>
  );
}

function TrackResult({
  t,
  code,
  secret,
  message,
  error,
}: {
  t: TrackView;
  code: string;
  secret: string;
  message: string | null;
  error: string | null;
}): ReactElement {
  return (
    <article className="interaction">
      <h1>{`${t.kindText} ${t.caseNo}`}</h1>
      {message ? (
        <div className="notice" role="status" id="respond-message">
          <p>{message}</p>
        </div>
      ) : null}
      <ErrorNote error={error} />
      <dl className="facts panel">
        <div>
          <dt>现在的情况</dt>
          <dd id="track-status">{t.statusText}</dd>
        </div>
        <div>
          <dt>办理单位</dt>
          <dd>{t.unitName}</dd>
        </div>
        <div>
          <dt>收到日期</dt>
          <dd>{day(t.receivedOn)}</dd>
        </div>
        {t.dueOn ? (
          <div>
            <dt>答复期限</dt>
            <dd>{`${day(t.dueOn)}${t.dueProvisional ? '（节假日安排未公布，暂定）' : ''}`}</dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="t-q" className="panel">
        <h2 id="t-q">您反映的</h2>
        {t.line ? <p className="muted">{`针对：${t.line}`}</p> : null}
        <p>{t.content}</p>
        {t.disclosure ? (
          <p>
            <a href={t.disclosure.url}>查看这条公开信息</a>
          </p>
        ) : null}
      </section>
      {t.answer ? (
        <section aria-labelledby="t-a" className="panel" id="track-answer">
          <h2 id="t-a">{`答复${t.answeredBy ? `（${t.answeredBy}，${day(t.answeredOn)}）` : ''}`}</h2>
          {t.outcomeText ? <p className="tag">{t.outcomeText}</p> : null}
          <p>{t.answer}</p>
          {t.facts ? <p className="muted">{`核实情况：${t.facts}`}</p> : null}
        </section>
      ) : (
        <p className="muted">还没有答复，请耐心等待。</p>
      )}
      {t.correction ? (
        <section aria-labelledby="t-c" className="panel" id="track-correction">
          <h2 id="t-c">更正情况</h2>
          <p>{t.correction.statusText}</p>
          {t.correction.status === 'approved' ? (
            <p>
              <a href={t.correction.disclosureUrl}>{`查看更正后的公开信息（第${t.correction.version}版）`}</a>
            </p>
          ) : null}
        </section>
      ) : null}
      {t.canRate ? (
        <form method="post" action="/interaction/track/respond" className="apply-form" id="rate-form">
          <input type="hidden" name="code" value={code} />
          <input type="hidden" name="secret" value={secret} />
          <fieldset>
            <legend>您对答复满意吗？</legend>
            <div className="choices">
              {RATINGS.map((r) => (
                <label key={r.code} className="choice">
                  <input type="radio" name="response" value={r.code} required />
                  {r.label}
                </label>
              ))}
            </div>
          </fieldset>
          <Field
            id="reason"
            label="理由"
            hint={`选“不满意”时请写理由。${t.ratingIsFinal ? '这是上级单位的答复，您的评价会记录在案。' : t.kind === 'question' ? '不满意的，会转到乡镇（街道）调查核实。' : '不满意的，会重新办理一次；再不满意转上级单位。'}`}
          >
            <textarea id="reason" name="reason" maxLength={1000} rows={3} aria-describedby="reason-hint" />
          </Field>
          <button type="submit" className="button">
            提交评价
          </button>
        </form>
      ) : null}
      {t.rating ? <p>{`您的评价：${t.rating}`}</p> : null}
      {t.canReportUnanswered ? (
        <form method="post" action="/interaction/track/respond" className="apply-form">
          <input type="hidden" name="code" value={code} />
          <input type="hidden" name="secret" value={secret} />
          <input type="hidden" name="response" value="unanswered" />
          <p>已过答复期限仍没有答复，可以反映给乡镇（街道）。</p>
          <button type="submit" className="button">
            反映未答复
          </button>
        </form>
      ) : null}
      <section aria-labelledby="t-steps">
        <h2 id="t-steps">办理经过</h2>
        <ol className="plain-list compact">
          {t.timeline.map((s, i) => (
            <li key={i}>{`${s.on} ${s.text}`}</li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function CaseItem({ c, full }: { c: PublicCaseView; full?: boolean }): ReactElement {
  return (
    <li className="panel">
      <h3>
        {full ? `${c.kindText} ${c.caseNo}` : <a href={`/interaction/cases/${c.id}`}>{`${c.kindText} ${c.caseNo}${c.subject ? `：${c.subject}` : ''}`}</a>}
      </h3>
      <p className="result-meta">{`${c.unitName} · ${day(c.receivedOn)}收到 · ${day(c.answeredOn)}答复`}</p>
      {c.line ? <p className="muted">{`针对：${c.line}`}</p> : null}
      <p>{`问：${c.question}`}</p>
      <p>
        {`答：${c.answer}`}
        {c.corrections.length ? <span className="tag">已更正</span> : null}
      </p>
      {c.corrections.length ? <p className="muted">{`已更正：${c.corrections.at(-1)!.reason}`}</p> : null}
      {c.outcomeText ? <p className="tag">{c.outcomeText}</p> : null}
      {full && c.corrections.length ? (
        <section aria-label="答复的更正记录">
          <h4>更正记录</h4>
          <ol>
            {c.corrections.map((k) => (
              <li key={k.version}>
                <p>{`${day(k.on)} 更正（第${k.version}版）：${k.reason}`}</p>
                <p className="muted">{`更正前的答复：${k.earlierAnswer}`}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {full && c.disclosureUrl ? (
        <p>
          <a href={c.disclosureUrl}>查看所问的公开信息</a>
        </p>
      ) : null}
    </li>
  );
}

/** The section on every disclosure page: ask, how many questions, the published answers. */
export const disclosureExtension: DisclosurePageExtension = {
  name: 'interaction',
  async section(ctx, d) {
    const q = await disclosureQuestions(ctx, d.id);
    return (
      <section aria-labelledby="questions" className="panel" id="disclosure-questions">
        <h2 id="questions">群众询问</h2>
        <p>{q.total ? `这条信息共收到${q.total}件询问，已答复${q.answered}件。` : '这条信息还没有收到询问。'}</p>
        {d.status === 'published' ? (
          <p>
            <a className="button" href={`/interaction/ask?disclosure=${encodeURIComponent(d.id)}`}>
              对此有疑问
            </a>
          </p>
        ) : null}
        {q.published.length ? (
          <ul className="plain-list">
            {q.published.map((c) => (
              <CaseItem key={c.id} c={c} />
            ))}
          </ul>
        ) : null}
      </section>
    );
  },
  lineLink(d, kind, line) {
    if (d.status !== 'published') return null;
    return { href: `/interaction/ask?${new URLSearchParams({ disclosure: d.id, line: `${kind}-${line}` }).toString()}`, label: '有疑问' };
  },
};

/**
 * The unit's 意见箱 on its portal page (三(三)4: a box beside every 公开栏): where each box in use hangs, the 公开栏
 * beside it, how often it is opened and when it was last opened, and what happens to the slips. Texts are masked
 * by the personal-data gate (publicBoxesOf).
 */
export const unitBoxesExtension: UnitPageExtension = {
  name: 'interaction',
  async section(ctx, unit) {
    const boxes = await publicBoxesOf(ctx, unit);
    if (!boxes.length) return null;
    return (
      <section aria-labelledby="opinion-boxes" className="panel" id="opinion-boxes-section">
        <h2 id="opinion-boxes">意见箱</h2>
        <p>对公开的内容有疑问、意见或建议，可以写成意见条投入意见箱。开箱时有两人在场，每张意见条都登记办理，答复后可凭查询码查看。</p>
        <ul className="plain-list">
          {boxes.map((b) => (
            <li key={b.id} className="opinion-box">
              <p>
                <strong>{b.location}</strong>
                {b.isDemo ? <span className="tag">演示</span> : null}
              </p>
              <dl className="facts">
                <div>
                  <dt>所在公开栏</dt>
                  <dd>{b.board ? b.board.name : '未登记所在公开栏'}</dd>
                </div>
                {b.board ? (
                  <div>
                    <dt>公开栏位置</dt>
                    <dd>{b.board.place}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>开箱时间</dt>
                  <dd>{`至少每${b.openingEveryDays}天开箱一次，下次开箱不晚于${day(b.nextOpeningBy)}`}</dd>
                </div>
                <div>
                  <dt>上次开箱</dt>
                  <dd>{b.lastOpenedOn ? day(b.lastOpenedOn) : '设置以来尚未开箱'}</dd>
                </div>
                <div>
                  <dt>设置日期</dt>
                  <dd>{day(b.installedOn)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
        <p>
          也可以 <a href={`/interaction/new?unit=${encodeURIComponent(unit.code)}`}>在网上提出咨询、建议或投诉</a>。
        </p>
      </section>
    );
  },
};

/** Units a person may address: every active unit, grouped the way a villager looks for them. */
async function addressableUnits(ctx: AppContext): Promise<{ code: string; name: string; group: string }[]> {
  const rows = await activeUnits(ctx.db);
  const names = new Map(rows.map((r) => [r.code, r.name]));
  return rows.map((u) => ({
    code: u.code,
    name: u.kind === 'county' ? `${u.name}人民政府` : u.name,
    group:
      u.kind === 'village' || u.kind === 'community'
        ? `${names.get(u.parent_code ?? '') ?? ''}的村（社区）`
        : u.kind === 'department' || u.kind === 'county'
          ? '县政府及部门'
          : '镇（街道）',
  }));
}

/** The catalog's 公开领域 a person may name (routing by domain: settings.domainRoutes), grouped by catalog. */
async function domainOptions(ctx: AppContext): Promise<DomainOption[]> {
  return (await listDomains(ctx.db)).map((d) => ({ code: d.code, name: d.name, group: d.catalog === 'village' ? '村务公开' : '政务公开' }));
}

const parseLine = (raw: string | undefined): { kind: 'finance' | 'recipients'; no: number } | null => {
  const m = /^(finance|recipients)-(\d{1,6})$/.exec(raw ?? '');
  return m ? { kind: m[1] as 'finance', no: Number(m[2]) } : null;
};

export function registerInteractionPages(app: FastifyInstance, ctx: AppContext): void {
  const now = () => ctx.clock.now();
  const check = () => issueHumanCheck(ctx.db, now());

  app.get('/interaction', { config: { pageCache: true } }, async (request, reply) =>
    sendPage(request, reply, {
      title: '政民互动',
      description: '对公开内容的疑问、咨询、建议、投诉，答复选登和知识清单',
      breadcrumbs: [{ label: '首页', href: '/' }, { label: '政民互动' }],
      body: <Landing misconduct={(await loadSettings(ctx.db)).misconductNotice} />,
    }),
  );

  const askPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    disclosureId: string,
    lineRaw: string | undefined,
    values: Record<string, string>,
    error: string | null,
    status = 200,
  ) => {
    const r = await getDisclosure(ctx, null, disclosureId.slice(0, 64));
    if (!r.ok || !r.value.public || r.value.public.status !== 'published')
      return sendNotFound(request, reply, {
        title: '信息不存在',
        message: '没有找到这条公开信息，可能已撤回或网址有误。',
        links: [{ label: '政民互动', href: '/interaction' }],
      });
    const d = r.value.public;
    const l = parseLine(lineRaw);
    let line: { kind: string; no: number; text: string } | null = null;
    if (l) {
      const t = d.tables.find((x) => x.kind === l.kind);
      const text =
        t?.kind === 'finance'
          ? t.statement.lines[l.no]
            ? `${t.statement.lines[l.no].date} ${t.statement.lines[l.no].summary}`
            : null
          : t?.kind === 'recipients' && t.rows[l.no]
            ? t.rows[l.no].join(' ')
            : null;
      if (text) line = { kind: l.kind, no: l.no, text: `第${l.no + 1}行：${text}` };
    }
    return sendPage(request, reply, {
      status,
      title: '对此有疑问',
      description: `对“${d.title}”提出疑问`,
      breadcrumbs: crumbs('对此有疑问'),
      body: <AskForm s={{ values, error, check: await check() }} d={{ id: d.id, title: d.title, unitName: d.unit.name }} line={line} />,
    });
  };

  app.get('/interaction/ask', async (request, reply) => {
    const q = request.query as { disclosure?: string; line?: string };
    return askPage(request, reply, String(q.disclosure ?? ''), q.line ? String(q.line) : undefined, {}, null);
  });

  const fromForm = (b: Record<string, string>, kind: string): CaseInput => ({
    kind,
    unitCode: b.unitCode || null,
    domainCode: kind === 'question' ? null : b.domainCode?.slice(0, 64) || null,
    disclosureId: b.disclosureId || null,
    lineKind: b.lineKind === 'finance' || b.lineKind === 'recipients' ? b.lineKind : null,
    lineNo: b.lineNo && /^\d+$/.test(b.lineNo) ? Number(b.lineNo) : null,
    subject: b.subject || null,
    content: b.content ?? '',
    name: b.name || null,
    phone: b.phone || null,
    publishConsent: b.publishConsent === '1',
  });
  const formBody = (request: FastifyRequest): Record<string, string> => {
    const raw = (request.body ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v ?? '').slice(0, 20_000)]));
  };

  app.post(
    '/interaction/ask',
    { config: { sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const b = formBody(request);
      const { checkToken, checkAnswer, ...values } = b;
      const res = await submitPublicCase(ctx, fromForm(b, 'question'), { token: checkToken ?? '', answer: checkAnswer ?? '' }, request.id);
      const line = values.lineKind && values.lineNo ? `${values.lineKind}-${values.lineNo}` : undefined;
      if (!res.ok) return askPage(request, reply, values.disclosureId ?? '', line, values, res.message, res.status);
      return sendPage(request, reply, {
        status: 201,
        title: '已提交',
        description: '疑问已提交',
        breadcrumbs: crumbs('已提交'),
        body: <Submitted caseNo={res.value.row.case_no} code={res.value.trackingCode} secret={res.value.trackingSecret} dueOn={res.value.row.due_on} />,
      });
    },
  );

  const newPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, error: string | null, status = 200) =>
    sendPage(request, reply, {
      status,
      title: '咨询、建议、投诉',
      description: '在线提出咨询、建议或投诉',
      breadcrumbs: crumbs('咨询、建议、投诉'),
      body: (
        <NewForm
          s={{ values, error, check: await check() }}
          units={await addressableUnits(ctx)}
          domains={await domainOptions(ctx)}
          misconduct={(await loadSettings(ctx.db)).misconductNotice}
        />
      ),
    });

  app.get('/interaction/new', async (request, reply) => {
    const unit = (request.query as { unit?: string }).unit;
    return newPage(request, reply, unit ? { unitCode: String(unit).slice(0, 64) } : {}, null);
  });
  app.post(
    '/interaction/new',
    { config: { sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const b = formBody(request);
      const { checkToken, checkAnswer, ...values } = b;
      const kind = ['consult', 'suggestion', 'complaint'].includes(b.kind) ? b.kind : '';
      const res = await submitPublicCase(ctx, fromForm(b, kind), { token: checkToken ?? '', answer: checkAnswer ?? '' }, request.id);
      if (!res.ok) return newPage(request, reply, values, res.message, res.status);
      return sendPage(request, reply, {
        status: 201,
        title: '已提交',
        description: '已提交',
        breadcrumbs: crumbs('已提交'),
        body: <Submitted caseNo={res.value.row.case_no} code={res.value.trackingCode} secret={res.value.trackingSecret} dueOn={res.value.row.due_on} />,
      });
    },
  );

  const trackForm = (request: FastifyRequest, reply: FastifyReply, error: string | null, code = '', status = 200) =>
    sendPage(request, reply, {
      status,
      title: '查看答复',
      description: '凭查询码和查询密码查看办理情况和答复',
      breadcrumbs: crumbs('查看答复'),
      body: (
        <article className="interaction">
          <h1>查看答复</h1>
          <p className="lead">请输入提交时得到的查询码和查询密码。</p>
          <TrackForm error={error} code={code} />
        </article>
      ),
    });
  const trackResult = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    secret: string,
    message: string | null,
    error: string | null,
    status = 200,
  ) => {
    const t = await trackCase(ctx, code, secret);
    if (!t.ok) return trackForm(request, reply, t.message, code, t.status);
    return sendPage(request, reply, {
      status,
      title: '办理情况',
      description: '办理情况和答复',
      breadcrumbs: crumbs('办理情况'),
      body: <TrackResult t={t.value} code={code} secret={secret} message={message} error={error} />,
    });
  };
  app.get('/interaction/track', (request, reply) => trackForm(request, reply, null));
  app.post(
    '/interaction/track',
    { config: { sessionless: true, rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const b = formBody(request);
      const code = (b.code ?? '').slice(0, 20);
      const secret = (b.secret ?? '').slice(0, 40);
      if (!code.trim() || !secret.trim()) return trackForm(request, reply, '请填写查询码和查询密码', code, 400);
      return trackResult(request, reply, code, secret, null, null);
    },
  );
  app.post(
    '/interaction/track/respond',
    { config: { sessionless: true, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const b = formBody(request);
      const code = (b.code ?? '').slice(0, 20);
      const secret = (b.secret ?? '').slice(0, 40);
      const response = ['satisfied', 'basic', 'unsatisfied', 'unanswered'].includes(b.response) ? (b.response as 'satisfied') : null;
      if (!response) return trackResult(request, reply, code, secret, null, '请选择您的评价', 400);
      const r = await respondToCase(ctx, request.id, { code, secret, response, reason: b.reason || null });
      if (!r.ok)
        return r.code === 'TRACKING_NOT_FOUND'
          ? trackForm(request, reply, r.message, code, 404)
          : trackResult(request, reply, code, secret, null, r.message, r.status);
      const msg =
        r.value.status === 'escalated'
          ? '已转到乡镇（街道）调查核实，请留意答复。'
          : r.value.status === 'handling'
            ? '已重新办理，请留意答复。'
            : '谢谢您的评价。';
      return trackResult(request, reply, code, secret, msg, null);
    },
  );

  app.get('/interaction/cases', { config: { pageCache: true } }, async (request, reply) => {
    const q = request.query as { unit?: string; page?: string };
    const page = Math.max(1, Math.min(1000, Number(q.page) || 1));
    const r = await listPublishedCases(ctx, { unit: q.unit ? String(q.unit).slice(0, 64) : undefined, limit: 20, offset: (page - 1) * 20 });
    return sendPage(request, reply, {
      title: '答复选登',
      description: '经本人同意公开的问题和答复',
      breadcrumbs: crumbs('答复选登'),
      body: (
        <article className="interaction">
          <h1>答复选登</h1>
          <p className="lead">以下是提出人同意公开的问题和答复，个人信息已遮盖。</p>
          {r.items.length ? (
            <ul className="plain-list">
              {r.items.map((c) => (
                <CaseItem key={c.id} c={c} />
              ))}
            </ul>
          ) : (
            <p className="muted">暂无选登的答复。</p>
          )}
          {r.total > page * 20 ? <a href={`/interaction/cases?page=${page + 1}`}>下一页</a> : null}
        </article>
      ),
    });
  });
  app.get('/interaction/cases/:id', { config: { pageCache: true } }, async (request, reply) => {
    const r = await getPublishedCase(ctx, String((request.params as { id: string }).id).slice(0, 64));
    if (!r.ok)
      return sendNotFound(request, reply, {
        title: '没有找到',
        message: '没有找到这件选登的事项。',
        links: [{ label: '答复选登', href: '/interaction/cases' }],
      });
    const w = r.value.withdrawn;
    if (w) {
      return sendPage(request, reply, {
        title: `${r.value.kindText} ${r.value.caseNo}（已撤回）`,
        description: `这件选登的事项已于${w.on}撤回`,
        breadcrumbs: crumbs(r.value.caseNo),
        body: (
          <article className="interaction panel" id="case-withdrawn">
            <h1>{`${r.value.kindText} ${r.value.caseNo}`}</h1>
            <p>{`这件事项的答复原已选登公开，${r.value.unitName}已于${w.on}撤回。`}</p>
            <p>
              <strong>撤回理由：</strong>
              {w.reason}
            </p>
            <p>
              <a href="/interaction/cases">查看其他选登的答复</a>
            </p>
          </article>
        ),
      });
    }
    return sendPage(request, reply, {
      title: `${r.value.kindText} ${r.value.caseNo}`,
      description: r.value.question.slice(0, 100),
      breadcrumbs: crumbs(r.value.caseNo),
      body: (
        <ul className="plain-list interaction">
          <CaseItem c={r.value} full />
        </ul>
      ),
    });
  });

  app.get('/interaction/knowledge', { config: { pageCache: true } }, async (request, reply) => {
    const q = request.query as { unit?: string };
    const r = await publicKnowledge(ctx, { unit: q.unit ? String(q.unit).slice(0, 64) : undefined, limit: 200, offset: 0 });
    return sendPage(request, reply, {
      title: '知识清单',
      description: '群众常问的问题和解答',
      breadcrumbs: crumbs('知识清单'),
      body: (
        <article className="interaction">
          <h1>知识清单</h1>
          <p className="lead">根据群众的询问、建议和投诉整理的常见问题和解答。</p>
          {r.items.length ? (
            <ul className="plain-list">
              {r.items.map((k) => (
                <li key={k.id} className="panel">
                  <h3>
                    <a href={k.url}>{k.question}</a>
                  </h3>
                  <p className="result-meta">{`${k.unit.name} · ${day(k.reviewedOn)}复核`}</p>
                  <p>{k.answer}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">暂无条目。</p>
          )}
        </article>
      ),
    });
  });
  app.get('/interaction/knowledge/:id', { config: { pageCache: true } }, async (request, reply) => {
    const r = await publicKnowledgeEntry(ctx, String((request.params as { id: string }).id).slice(0, 64));
    if (!r.ok)
      return sendNotFound(request, reply, {
        title: '没有找到',
        message: '没有找到这条知识清单。',
        links: [{ label: '知识清单', href: '/interaction/knowledge' }],
      });
    const k = r.value;
    return sendPage(request, reply, {
      title: k.question,
      description: k.answer.slice(0, 100),
      breadcrumbs: crumbs('知识清单'),
      body: (
        <article className="interaction">
          <h1>{k.question}</h1>
          <p className="result-meta">{`${k.unit.name} · ${day(k.reviewedOn)}复核`}</p>
          <p>{k.answer}</p>
          {k.legalBasis ? <p className="muted">{`依据：${k.legalBasis}`}</p> : null}
          <p>
            <a href="/interaction/knowledge">返回知识清单</a>
          </p>
        </article>
      ),
    });
  });

  app.get('/interaction/figures', { config: { pageCache: true } }, async (request, reply) => {
    const q = request.query as { month?: string };
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(String(q.month ?? '')) ? String(q.month) : chinaDate(now()).slice(0, 7);
    const f = await monthlyFigures(ctx, month);
    const pct = (x: number | null) => (x == null ? '—' : `${Math.round(x * 100)}%`);
    return sendPage(request, reply, {
      title: '留言受理反馈情况',
      description: `${month} 各单位收到、按期答复、逾期和满意度`,
      breadcrumbs: crumbs('留言受理反馈情况'),
      body: (
        <article className="interaction">
          <h1>{`留言受理反馈情况（${month.replace('-', '年')}月）`}</h1>
          <form method="get" action="/interaction/figures" className="apply-form">
            <label htmlFor="month">月份</label> <input id="month" name="month" type="month" defaultValue={month} /> <button type="submit">查看</button>
          </form>
          <div className="table-scroll">
            <table id="figures">
              <caption>{`共收到${f.total.received}件，按期答复${f.total.answeredOnTime}件，逾期${f.total.overdue}件，满意率${pct(f.total.satisfactionRate)}`}</caption>
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col">收到</th>
                  <th scope="col">按期答复</th>
                  <th scope="col">逾期</th>
                  <th scope="col">满意率</th>
                </tr>
              </thead>
              <tbody>
                {f.units.map((u) => (
                  <tr key={u.code}>
                    <th scope="row">{u.name}</th>
                    <td>{u.figures.received}</td>
                    <td>{u.figures.answeredOnTime}</td>
                    <td>{u.figures.overdue}</td>
                    <td>{pct(u.figures.satisfactionRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">满意率 = （满意 + 基本满意）÷ 已评价件数。按收到日期所在月份统计。</p>
        </article>
      ),
    });
  });
}
