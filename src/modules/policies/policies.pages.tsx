/**
 * Public pages of policy documents: 现行有效 (county-wide, filterable by issuer, year, topic, validity) and the policy
 * page with the metadata every government site shows and the whole chain: the consultation it came from, the
 * policy, its interpretations, responses and later changes. Server-rendered, no JavaScript; public copies only.
 */
import type { ReactElement } from 'react';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { sendNotFound, sendPage } from '../../platform/views/layout.tsx';
import { addNavItem } from '../../platform/views/site.ts';
import { sanitizeBody } from '../publishing/index.ts';
import { findUnitsByCodes } from '../org/index.ts';
import { issuerCodes } from './policies.repository.ts';
import { getPublicPolicy, listPolicies, listResponses, type AnsweredRecord, type PolicyListItem, type PublicPolicy } from './policies.queries.ts';
import { loadPolicySettings } from './policies.commands.ts';
import { VALIDITIES, VALIDITY_TEXT, type Validity } from './policies.rules.ts';

const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function ValidityTag({ v }: { v: Validity }): ReactElement {
  return <span className={v === 'valid' ? 'tag' : v === 'amended' ? 'tag tag-demo' : 'tag tag-abolished'}>{VALIDITY_TEXT[v]}</span>;
}

function PolicyRow({ p }: { p: PolicyListItem }): ReactElement {
  return (
    <li>
      <a href={`/policies/${encodeURIComponent(p.id)}`}>{p.title}</a> <ValidityTag v={p.validity} />
      <br />
      <small>{[p.docNo, p.issuer.name, `成文日期 ${cnDate(p.writtenOn)}`, p.topic].filter(Boolean).join(' · ')}</small>
    </li>
  );
}

function PolicyPage({ d }: { d: PublicPolicy }): ReactElement {
  const p = d.policy;
  const validity = p.validity === 'valid' ? '有效' : `${p.validityText}（${cnDate(p.validityOn!)}起）`;
  const facts: [string, ReactElement | string][] = [
    ['名称', p.title],
    ['索引号', p.indexNo],
    ['分类', `${p.category}\u3000${p.topic}\u3000${p.genre}`],
    ['发布机构', p.issuer.name],
    ['成文日期', cnDate(p.writtenOn)],
    ['公开日期', cnDate(p.publishedOn)],
    ['文号', p.docNo ?? '无'],
    ['关键词', p.keywords.length ? p.keywords.join('、') : '无'],
    ['时效', <ValidityTag key="v" v={p.validity} />],
    [
      '文件下载',
      d.disclosure.attachments.length ? (
        <a href={`/disclosures/${encodeURIComponent(p.id)}#attachments`}>{d.disclosure.attachments.map((a) => a.name).join('、')}</a>
      ) : (
        '未上传附件'
      ),
    ],
  ];
  const lastChange = d.history.filter((h) => h.by).at(-1);
  return (
    <article className="disclosure policy">
      <h1>{p.title}</h1>
      {p.isDemo ? (
        <p className="unit-kind">
          <span className="tag tag-demo">演示数据</span>
        </p>
      ) : null}
      {p.validity !== 'valid' ? (
        <div className={p.validity === 'amended' ? 'notice' : 'notice notice-abolished'} role="note">
          <p>
            {`本文件${validity}`}
            {lastChange?.by ? (
              <>
                {'，依据 '}
                <a
                  href={`/policies/${encodeURIComponent(lastChange.by.id)}`}
                >{`${lastChange.by.title}${lastChange.by.docNo ? `（${lastChange.by.docNo}）` : ''}`}</a>
              </>
            ) : null}
            {'。'}
          </p>
        </div>
      ) : null}
      <dl className="facts panel" aria-label="文件信息">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="chain" className="panel">
        <h2 id="chain">发布、解读、回应</h2>
        <ol className="policy-chain">
          {d.consultationRef ? <li>{`意见征集：本文件起草时公开征求了意见（编号 ${d.consultationRef}）`}</li> : null}
          <li>{`${cnDate(p.publishedOn)} 发布本文件`}</li>
          {d.interpretations.map((i) => (
            <li key={i.id}>
              {`${cnDate(i.publishedOn)} ${i.formText}：`}
              <a href={`/disclosures/${encodeURIComponent(i.id)}`}>{i.title}</a>
              {`（${i.unit.name}）`}
              {i.mediaUrl ? (
                <>
                  {' '}
                  <a href={i.mediaUrl} rel="noopener noreferrer">
                    {i.form === 'video' ? '观看视频' : i.form === 'audio' ? '收听音频' : '查看图解'}
                  </a>
                </>
              ) : null}
            </li>
          ))}
          {d.responses.map((r) => (
            <li key={r.id}>
              {`${cnDate(r.publishedOn)} ${r.formText}：`}
              <a href={`/disclosures/${encodeURIComponent(r.id)}`}>{r.title}</a>
              {`（${r.unit.name}）`}
              <Answers answers={r.answers} />
            </li>
          ))}
          {d.history
            .filter((h) => h.seq > 1)
            .map((h) => (
              <li key={`h${h.seq}`}>
                {`${cnDate(h.effectiveOn)} 时效变为“${h.toText}”`}
                {h.by ? (
                  <>
                    {'：'}
                    <a href={`/policies/${encodeURIComponent(h.by.id)}`}>{`${h.by.title}${h.by.docNo ? `（${h.by.docNo}）` : ''}`}</a>
                  </>
                ) : null}
                {h.reason ? `（${h.reason}）` : null}
              </li>
            ))}
          {d.changed.map((c) => (
            <li key={`c${c.id}`}>
              {`${cnDate(c.effectiveOn)} 本文件使 `}
              <a href={`/policies/${encodeURIComponent(c.id)}`}>{`${c.title}${c.docNo ? `（${c.docNo}）` : ''}`}</a>
              {` ${c.toText}`}
            </li>
          ))}
        </ol>
        {d.interpretations.length === 0 ? <p>本文件暂无政策解读。</p> : null}
      </section>
      {d.corrections.length ? (
        <section aria-labelledby="corrections" className="panel">
          <h2 id="corrections">文件信息更正记录</h2>
          <ol className="policy-corrections">
            {d.corrections.map((c) => (
              <li key={c.seq}>
                {`${cnDate(c.on)} 更正：`}
                {c.fields.map((f) => `${f.label}由“${f.before}”改为“${f.after}”`).join('；')}
                {`。原因：${c.reason}`}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="disclosure-body" dangerouslySetInnerHTML={{ __html: sanitizeBody(d.disclosure.bodyHtml) }} />
      <p>
        <a href={`/disclosures/${encodeURIComponent(p.id)}`}>查看公开记录（附件、更正记录、内容校验）</a>
        {' · '}
        <a href="/policies">现行有效政策文件</a>
      </p>
    </article>
  );
}

/** What a 回应 answers (an interaction case, a consultation or 公众参与事项), linked where it is public. */
function Answers({ answers }: { answers?: AnsweredRecord[] }) {
  if (!answers?.length) return null;
  return (
    <span className="answers">
      {'，回应的是：'}
      {answers.map((a, i) => (
        <span key={a.kind}>
          {i ? '、' : ''}
          {a.href ? <a href={a.href}>{a.label}</a> : `${a.label}（未公开）`}
        </span>
      ))}
    </span>
  );
}

export function registerPolicyPages(app: FastifyInstance, ctx: AppContext): void {
  addNavItem(app, { href: '/policies', label: '政策文件', order: 7 });
  app.get('/policies', { config: { pageCache: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const year = q.year && /^\d{4}$/.test(q.year) ? Number(q.year) : undefined;
    const validity = q.validity && (q.validity === 'all' || (VALIDITIES as readonly string[]).includes(q.validity)) ? q.validity : 'current';
    const issuer = q.issuer?.slice(0, 64) || undefined;
    const topic = q.topic?.slice(0, 40) || undefined;
    const [list, settings, issuers, responses] = await Promise.all([
      listPolicies(ctx, { issuer, year, topic, validity, limit: 100 }),
      loadPolicySettings(ctx.db),
      issuerCodes(ctx.db).then(async (codes) =>
        (await findUnitsByCodes(ctx.db, codes)).map((u) => ({ code: u.code, name: u.name })).sort((a, b) => (a.code < b.code ? -1 : 1)),
      ),
      listResponses(ctx, issuer ?? null),
    ]);
    return sendPage(request, reply, {
      title: validity === 'current' ? '现行有效政策文件' : '政策文件',
      description: '县政府、县政府办公室和县政府部门公开的政策文件，按发文机关、年份、主题查找，显示每份文件的时效。',
      breadcrumbs: [{ label: '首页', href: '/' }, { label: '政策文件' }],
      body: (
        <section>
          <h1>{validity === 'current' ? '现行有效政策文件' : '政策文件'}</h1>
          <form method="get" action="/policies" className="panel filters">
            <label>
              {'发文机关 '}
              <select name="issuer" defaultValue={issuer ?? ''}>
                <option value="">全部</option>
                {issuers.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {'年份 '}
              <input name="year" inputMode="numeric" pattern="\d{4}" size={5} defaultValue={year ? String(year) : ''} />
            </label>{' '}
            <label>
              {'主题 '}
              <select name="topic" defaultValue={topic ?? ''}>
                <option value="">全部</option>
                {settings.topics.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {'时效 '}
              <select name="validity" defaultValue={validity}>
                <option value="current">现行有效（有效和已修改）</option>
                <option value="all">全部</option>
                {VALIDITIES.map((v) => (
                  <option key={v} value={v}>
                    {VALIDITY_TEXT[v]}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="submit">查找</button>
          </form>
          <p>{`共 ${list.total} 份`}</p>
          {list.items.length ? (
            <ul className="list">
              {list.items.map((p) => (
                <PolicyRow key={p.id} p={p} />
              ))}
            </ul>
          ) : (
            <p>没有符合条件的政策文件。</p>
          )}
          {responses.length ? (
            <section aria-labelledby="responses">
              <h2 id="responses">回应关切</h2>
              <ul className="list">
                {responses.slice(0, 20).map((r) => (
                  <li key={r.id}>
                    <a href={`/disclosures/${encodeURIComponent(r.id)}`}>{r.title}</a>
                    <br />
                    <small>{`${r.formText} · ${r.unit.name} · ${cnDate(r.publishedOn)}`}</small>
                    <Answers answers={r.answers} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </section>
      ),
    });
  });
  app.get('/policies/:id', { config: { pageCache: true } }, async (request, reply) => {
    const id = (request.params as { id: string }).id.slice(0, 64);
    const d = await getPublicPolicy(ctx, id);
    if (!d)
      return sendNotFound(request, reply, {
        title: '政策文件不存在',
        message: '没有找到这份政策文件，可能是网址有误或尚未公开。',
        links: [{ label: '现行有效政策文件', href: '/policies' }],
      });
    return sendPage(request, reply, {
      title: d.policy.title,
      description: `${d.policy.issuer.name}${d.policy.docNo ? ` ${d.policy.docNo}` : ''}，时效：${d.policy.validityText}`,
      ogType: 'article',
      breadcrumbs: [{ label: '首页', href: '/' }, { label: '政策文件', href: '/policies' }, { label: d.policy.title }],
      body: <PolicyPage d={d} />,
    });
  });
}
