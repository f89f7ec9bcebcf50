/** Public pages of disclosures (server-rendered, no JavaScript needed). Only masked public content is shown. */
import { Fragment, type ReactElement } from 'react';
import { disclosureLineLink, disclosurePageSections } from './disclosure.page-extensions.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { sendNotFound, sendPage } from '../../platform/views/layout.tsx';
import { findUnit } from '../org/index.ts';
import { chineseDate, sanitizeBody } from './disclosure.content.ts';
import { getDisclosure, listPublic, unitDisclosureLists, verifyDisclosure, type ListItem, type PublicDisclosure } from './disclosure.queries.ts';
import { monthCounts, readTime, yearsWithRecords } from './disclosure-listing.repository.ts';

/** Records per page of the 往期 year and month pages. */
export const ARCHIVE_PAGE_SIZE = 50;
import { AttachmentsSection, BoardEvidence, ExtractedView, TablesSection } from './data/data.pages.tsx';
import { maskExtracted, type ExtractedText } from './data/structured.ts';
import { decisionsAsOf } from './data/data.queries.ts';
import type { PiiDecision } from './pii/pii-scan.ts';
import { findAttachment } from './disclosure.repository.ts';
import { findDisclosureRow } from './disclosure-refs.repository.ts';

const dateOf = (iso: string) => chineseDate(chinaDate(new Date(iso)));

/** Plain-text summary of the public (masked) body for the description and og:description, at most 120 characters. */
export function summaryOf(d: Pick<PublicDisclosure, 'bodyHtml' | 'title' | 'unit'>): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };
  const text = d.bodyHtml
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_m, e: string) => entities[e])
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return `${d.unit.name}：${d.title}`;
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function Labels({ d }: { d: Pick<PublicDisclosure, 'display' | 'corrected'> }): ReactElement {
  return (
    <>
      {d.display.phase === 'archive' ? <span className="tag">往期公开</span> : null}
      {d.display.phase === 'withdrawn' ? <span className="tag tag-abolished">已撤回</span> : null}
      {d.corrected ? <span className="tag tag-demo">已更正</span> : null}
    </>
  );
}

function DisclosureBody({ d, extra }: { d: PublicDisclosure; extra: ReactElement[] }): ReactElement {
  const facts: [string, string][] = [
    ['发布单位', d.unit.name],
    ['索引号', d.indexNo],
  ];
  if (d.docNo) facts.push(['文号', d.docNo]);
  facts.push(['生成日期', chineseDate(d.formedOn)], ['发布日期', dateOf(d.publishedAt)]);
  if (d.display.periodText) facts.push(['公示期', d.display.provisional ? `${d.display.periodText}（暂定：${d.display.provisional}）` : d.display.periodText]);
  return (
    <article className="disclosure">
      <h1>{d.title}</h1>
      <p className="unit-kind">
        <Labels d={d} />
      </p>
      {d.withdrawal ? (
        <div className="notice notice-abolished" role="note">
          <p>{`已撤回（${dateOf(d.withdrawal.at)}）。撤回理由：${d.withdrawal.reason}`}</p>
        </div>
      ) : null}
      {d.display.phase === 'archive' ? (
        <div className="notice" role="note">
          <p>本信息已过公示期，作为往期公开信息保留供查阅。</p>
        </div>
      ) : null}
      {d.corrected ? (
        <div className="notice" role="note">
          <p>{`已更正：${d.versions.at(-1)?.reason ?? ''}`}</p>
        </div>
      ) : null}
      <dl className="facts panel">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {/* Sanitized on input; sanitized again here so a tampered row cannot inject markup. */}
      <div className="disclosure-body" dangerouslySetInnerHTML={{ __html: sanitizeBody(d.bodyHtml) }} />
      <TablesSection tables={d.tables} lineLink={disclosureLineLink(d)} />
      <AttachmentsSection attachments={d.attachments} />
      <BoardEvidence date={d.boardPostedOn} />
      {d.versions.length > 1 ? (
        <section aria-labelledby="history" className="panel">
          <h2 id="history">更正记录</h2>
          <ol>
            {d.versions.map((v) => (
              <li key={v.version}>
                <p>{v.version === 1 ? `${dateOf(v.at)} 首次发布` : `${dateOf(v.at)} 更正（第${v.version}版）：${v.reason ?? ''}`}</p>
                {v.changes.map((c) => (
                  <div key={c.field} className="diff">
                    <p>{`${c.label}：`}</p>
                    {c.lines ? (
                      <ul>
                        {c.lines
                          .filter((l) => l.op !== 'same')
                          .map((l, i) => (
                            <li key={i}>{l.op === 'added' ? <ins>{`新增：${l.text}`}</ins> : <del>{`删除：${l.text}`}</del>}</li>
                          ))}
                      </ul>
                    ) : (
                      <p>
                        <del>{`原为：${c.before}`}</del> <ins>{`改为：${c.after}`}</ins>
                      </p>
                    )}
                  </div>
                ))}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {extra.map((el, i) => (
        <Fragment key={i}>{el}</Fragment>
      ))}
      <section aria-labelledby="integrity" className="source-note">
        <h2 id="integrity">内容校验</h2>
        <p>
          {`内容摘要（SHA-256）：`}
          <code>{d.contentHash}</code>
        </p>
        <p>
          <a href={d.verifyUrl}>核验本页内容是否与发布记录一致</a>
        </p>
      </section>
      <p>
        <a href={`/units/${encodeURIComponent(d.unit.code)}`}>{`返回${d.unit.name}`}</a>
      </p>
    </article>
  );
}

function Row({ item }: { item: ListItem }): ReactElement {
  return (
    <li>
      <a href={`/disclosures/${item.id}`}>{item.title}</a>
      <span className="result-meta">
        {[
          item.publishedAt ? dateOf(item.publishedAt) : '',
          item.periodText ? `公示期 ${item.periodText}` : '',
          item.status === 'withdrawn' ? '已撤回' : '',
          item.corrected ? '已更正' : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </li>
  );
}

/** The unit page section (rendered by the portal): 当前公示 and 往期公开 by year and month. */
export function UnitDisclosures({
  unitCode,
  current,
  archive,
  years,
  hideCurrent,
}: {
  unitCode: string;
  current: ListItem[];
  archive: ListItem[];
  years: number[];
  hideCurrent?: boolean;
}): ReactElement {
  const byMonth = new Map<string, ListItem[]>();
  for (const a of archive) {
    const key = a.publishedAt ? chinaDate(new Date(a.publishedAt)).slice(0, 7) : '';
    byMonth.set(key, [...(byMonth.get(key) ?? []), a]);
  }
  return (
    <>
      {hideCurrent ? null : (
        <section aria-labelledby="current-disclosures">
          <h2 id="current-disclosures">当前公示</h2>
          {current.length ? (
            <ul className="plain-list">
              {current.map((i) => (
                <Row key={i.id} item={i} />
              ))}
            </ul>
          ) : (
            <p className="muted">暂无正在公示的信息。</p>
          )}
        </section>
      )}
      <section aria-labelledby="past-disclosures">
        <h2 id="past-disclosures">往期公开</h2>
        {archive.length ? (
          [...byMonth.entries()].map(([month, items]) => (
            <div key={month}>
              <h3>
                {month ? (
                  <a
                    href={`/units/${encodeURIComponent(unitCode)}/disclosures?year=${Number(month.slice(0, 4))}&month=${Number(month.slice(5, 7))}`}
                  >{`${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`}</a>
                ) : (
                  ''
                )}
              </h3>
              <ul className="plain-list">
                {items.map((i) => (
                  <Row key={i.id} item={i} />
                ))}
              </ul>
            </div>
          ))
        ) : (
          <p className="muted">暂无往期公开信息。</p>
        )}
        {years.length ? (
          <nav aria-label="往期公开按年份查看" className="toc">
            <ul>
              {years.map((y) => (
                <li key={y}>
                  <a href={`/units/${encodeURIComponent(unitCode)}/disclosures?year=${y}`}>{`${y}年`}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </section>
    </>
  );
}

export { unitDisclosureLists };

function notFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return sendNotFound(request, reply, {
    title: '信息不存在',
    message: '没有找到这条公开信息，可能是网址有误或尚未发布。',
    links: [{ label: '按单位浏览', href: '/units' }],
  });
}

export function registerDisclosurePages(app: FastifyInstance, ctx: AppContext): void {
  // Cached like the portal pages: corrections, withdrawals, board photos and file reviews bump the stamp.
  app.get('/disclosures/:id', { config: { pageCache: true } }, async (request, reply) => {
    const id = (request.params as { id: string }).id.slice(0, 64);
    // The public page always shows the public (masked) view, also to logged-in staff.
    const r = await getDisclosure(ctx, null, id);
    if (!r.ok || !r.value.public) return notFound(request, reply);
    const d = r.value.public;
    return sendPage(request, reply, {
      title: d.title,
      description: summaryOf(d),
      ogType: 'article',
      breadcrumbs: [{ label: '首页', href: '/' }, { label: d.unit.name, href: `/units/${encodeURIComponent(d.unit.code)}` }, { label: d.title }],
      body: <DisclosureBody d={d} extra={await disclosurePageSections(ctx, d)} />,
    });
  });

  // Online view of an xlsx/docx attachment: its extracted text with personal data masked (never the original).
  app.get('/disclosures/:id/attachments/:aid', async (request, reply) => {
    const { id, aid } = request.params as { id: string; aid: string };
    const r = await getDisclosure(ctx, null, id.slice(0, 64));
    if (!r.ok || !r.value.public) return notFound(request, reply);
    const d = r.value.public;
    const pub = d.attachments.find((a) => a.id === aid);
    const att = pub ? await findAttachment(ctx.db, d.id, pub.id) : undefined;
    if (!pub || !att?.extracted_text) return notFound(request, reply);
    const row = (await findDisclosureRow(ctx.db, d.id))!;
    const versionAt = d.versions.find((v) => v.version === d.version)?.at ?? d.publishedAt;
    const today = chinaDate(ctx.clock.now());
    const masked = maskExtracted(
      JSON.parse(att.extracted_text) as ExtractedText,
      decisionsAsOf(JSON.parse(row.pii_decisions_json) as PiiDecision[], versionAt),
      today,
    );
    return sendPage(request, reply, {
      title: `${pub.name} - ${d.title}`,
      description: `${d.unit.name} ${d.title} 附件 ${pub.name}`,
      breadcrumbs: [{ label: '首页', href: '/' }, { label: d.title, href: `/disclosures/${d.id}` }, { label: pub.name }],
      body: (
        <article className="disclosure">
          <h1>{pub.name}</h1>
          <p className="muted">{`附件（${pub.typeText}）在线查看：个人信息已遮盖。`}</p>
          <ExtractedView x={masked} />
          <p>
            <a href={`/disclosures/${d.id}`}>返回信息页面</a>
          </p>
        </article>
      ),
    });
  });

  app.get('/disclosures/:id/verify', async (request, reply) => {
    const id = (request.params as { id: string }).id.slice(0, 64);
    const r = await verifyDisclosure(ctx, id);
    if (!r.ok) return notFound(request, reply);
    const v = r.value;
    const verdict = v.matches
      ? `一致：本页当前显示的内容（第${v.version}版）与发布时写入审计日志的记录一致。`
      : `不一致：本页当前显示的内容与发布记录不符，内容可能在发布后被改动。请联系发布单位或县政府办公室核实。`;
    return sendPage(request, reply, {
      title: `核验：${v.title}`,
      description: `核验公开信息 ${v.indexNo} 的内容摘要`,
      breadcrumbs: [{ label: '首页', href: '/' }, { label: v.title, href: `/disclosures/${v.id}` }, { label: '内容核验' }],
      body: (
        <section>
          <h1>内容核验</h1>
          <div className={v.matches ? 'notice' : 'notice notice-abolished'} role="status">
            <p>{verdict}</p>
          </div>
          <dl className="facts panel">
            <div>
              <dt>索引号</dt>
              <dd>{v.indexNo}</dd>
            </div>
            <div>
              <dt>按本页内容重新计算的摘要</dt>
              <dd>
                <code>{v.computedHash}</code>
              </dd>
            </div>
            <div>
              <dt>审计日志中记录的摘要</dt>
              <dd>{v.auditEvent ? <code>{v.auditEvent.contentHash}</code> : '未找到对应的发布记录'}</dd>
            </div>
            {v.auditEvent ? (
              <div>
                <dt>记录时间</dt>
                <dd>{`${dateOf(v.auditEvent.occurredAt)}（审计日志第${v.auditEvent.seq}条）`}</dd>
              </div>
            ) : null}
          </dl>
          <p>
            {v.chainOk
              ? `审计日志完整性校验通过：共 ${v.chainCount} 条记录，前后链接无断裂、无改动。`
              : '审计日志完整性校验未通过：日志可能被改动，上述记录不可作为依据。'}
          </p>
          <p>
            <a href={`/disclosures/${v.id}`}>返回信息页面</a>
          </p>
        </section>
      ),
    });
  });

  // 往期: year → month. Without a year the current year is shown; a month narrows the list to that month.
  // Bounded: month counts from the unit-year's index range, the list 50 a page (?page=N).
  app.get('/units/:code/disclosures', { config: { pageCache: true } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 64);
    const query = request.query as { year?: string; month?: string; page?: string };
    const rawYear = Number(query.year);
    const rawMonth = Number(query.month);
    const rawPage = Number(query.page);
    const unit = await findUnit(ctx.db, code);
    if (!unit) return notFound(request, reply);
    const t = readTime(ctx.clock.now());
    const year = Number.isInteger(rawYear) && rawYear >= 2000 && rawYear <= 2200 ? rawYear : Number(t.today.slice(0, 4));
    const month = Number.isInteger(rawMonth) && rawMonth >= 1 && rawMonth <= 12 ? rawMonth : undefined;
    const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 10_000 ? rawPage : 1;
    const [counts, years] = await Promise.all([monthCounts(ctx.db, unit.path, year, t), yearsWithRecords(ctx.db, { unitPath: unit.path }, t)]);
    const months = [...counts.keys()].sort((a, b) => b - a);
    const total = month ? (counts.get(month) ?? 0) : [...counts.values()].reduce((n, c) => n + c, 0);
    const pages = Math.max(1, Math.ceil(total / ARCHIVE_PAGE_SIZE));
    const shown = Math.min(page, pages);
    const { items } = await listPublic(ctx, { unit: code, year, month, limit: ARCHIVE_PAGE_SIZE, offset: (shown - 1) * ARCHIVE_PAGE_SIZE }, t);
    const monthOf = (i: ListItem) => (i.publishedAt ? Number(chinaDate(new Date(i.publishedAt)).slice(5, 7)) : 0);
    const onPage = [...new Set(items.map(monthOf))];
    const unitHref = `/units/${encodeURIComponent(code)}`;
    const yearHref = (y: number) => `${unitHref}/disclosures?year=${y}`;
    const pageHref = (p: number) => `${month ? `${yearHref(year)}&month=${month}` : yearHref(year)}${p > 1 ? `&page=${p}` : ''}`;
    const label = month ? `${year}年${month}月` : `${year}年`;
    return sendPage(request, reply, {
      title: shown > 1 ? `${unit.name}${label}公开信息（第${shown}页）` : `${unit.name}${label}公开信息`,
      description: `${unit.name}${label}发布的公开信息`,
      breadcrumbs: [
        { label: '首页', href: '/' },
        { label: unit.name, href: unitHref },
        ...(month ? [{ label: `${year}年`, href: yearHref(year) }, { label: `${month}月` }] : [{ label: `${year}年` }]),
      ],
      body: (
        <section>
          <h1>{`${unit.name}${label}公开信息`}</h1>
          {years.length ? (
            <nav aria-label="按年份查看" className="toc">
              <ul>
                {years.map((y) => (
                  <li key={y}>
                    <a href={yearHref(y)} aria-current={y === year && !month ? 'page' : undefined}>{`${y}年`}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {months.length ? (
            <nav aria-label={`${year}年按月份查看`} className="toc">
              <ul>
                {months.map((m) => (
                  <li key={m}>
                    <a href={`${yearHref(year)}&month=${m}`} aria-current={m === month ? 'page' : undefined}>{`${m}月（${counts.get(m)}条）`}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {items.length ? (
            onPage.map((m) => (
              <section key={m} aria-labelledby={`m-${m}`}>
                <h2 id={`m-${m}`}>{`${year}年${m}月`}</h2>
                <ul className="plain-list">
                  {items
                    .filter((i) => monthOf(i) === m)
                    .map((i) => (
                      <Row key={i.id} item={i} />
                    ))}
                </ul>
              </section>
            ))
          ) : (
            <p className="muted">{month ? '该月暂无公开信息。' : '该年度暂无公开信息。'}</p>
          )}
          {pages > 1 ? (
            <nav aria-label="分页" className="pager">
              <ul>
                {shown > 1 ? (
                  <li>
                    <a href={pageHref(shown - 1)} rel="prev">
                      上一页
                    </a>
                  </li>
                ) : null}
                <li>
                  <span aria-current="page">{`第 ${shown} 页，共 ${pages} 页`}</span>
                </li>
                {shown < pages ? (
                  <li>
                    <a href={pageHref(shown + 1)} rel="next">
                      下一页
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
          <p>
            <a href={unitHref}>{`返回${unit.name}`}</a>
          </p>
        </section>
      ),
    });
  });
}
