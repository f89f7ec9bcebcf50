import type { ReactElement } from 'react';
import type { FastifyInstance } from 'fastify';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { chineseDate } from '../publishing/index.ts';
import { sendPage } from '../../platform/views/layout.tsx';
import { addNavItem } from '../../platform/views/site.ts';
import type { SearchResponse } from '../../platform/search/index.ts';
import type { PolicyValidityTag } from '../policies/index.ts';
import { runSearch, type SearchQuery } from './search.routes.ts';

const MAX_Q = 100;

function str(v: unknown, max = 64): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
}

/** Reads the page's query string leniently: a bad filter is dropped (and said), never a 500. */
function readQuery(raw: Record<string, unknown>): { q: SearchQuery; notes: string[] } {
  const notes: string[] = [];
  const q: SearchQuery = { q: str(raw.q, MAX_Q) ?? '' };
  q.unit = str(raw.unit);
  const date = (v: unknown, label: string) => {
    const s = str(v, 10);
    if (s && !/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      notes.push(`${label}“${s}”格式不正确，已忽略（应为 2026-01-31 这样的日期）`);
      return undefined;
    }
    return s;
  };
  q.from = date(raw.from, '起始日期');
  q.to = date(raw.to, '截止日期');
  if (raw.archived === '1') q.archived = true;
  else if (raw.archived === '0') q.archived = false;
  q.sort = raw.sort === 'date' ? 'date' : 'relevance';
  const page = Number(raw.page);
  q.page = Number.isInteger(page) && page >= 1 && page <= 100 ? page : 1;
  return { q, notes };
}

function hrefWith(q: SearchQuery, patch: Partial<SearchQuery>): string {
  const merged = { ...q, ...patch };
  const params = new URLSearchParams();
  if (merged.q) params.set('q', merged.q);
  if (merged.unit) params.set('unit', merged.unit);
  if (merged.from) params.set('from', merged.from);
  if (merged.to) params.set('to', merged.to);
  if (merged.archived !== undefined) params.set('archived', merged.archived ? '1' : '0');
  if (merged.sort === 'date') params.set('sort', 'date');
  if (merged.page && merged.page > 1) params.set('page', String(merged.page));
  return `/search?${params.toString()}`;
}

function chinaDay(iso: string): string {
  return chineseDate(chinaDate(new Date(iso)));
}

export function SearchBox({ q }: { q?: string }): ReactElement {
  return (
    <form className="search-form" method="get" action="/search" role="search" aria-label="搜索公开信息">
      <label htmlFor="site-search">搜索公开信息</label>
      <div className="search-row">
        <input
          id="site-search"
          name="q"
          type="search"
          defaultValue={q ?? ''}
          maxLength={MAX_Q}
          placeholder="例如：低保、补贴、dibao"
          autoComplete="off"
          list="site-search-suggestions"
          data-suggest="/api/v1/search/suggest"
        />
        <datalist id="site-search-suggestions" />
        <button type="submit">搜索</button>
      </div>
    </form>
  );
}

function Filters({ q }: { q: SearchQuery }): ReactElement {
  return (
    <form className="search-filters" method="get" action="/search" aria-label="筛选">
      <input type="hidden" name="q" value={q.q} />
      {q.unit ? <input type="hidden" name="unit" value={q.unit} /> : null}
      <fieldset>
        <legend>范围</legend>
        <label>
          <input type="radio" name="archived" value="" defaultChecked={q.archived === undefined} /> 全部
        </label>
        <label>
          <input type="radio" name="archived" value="0" defaultChecked={q.archived === false} /> 正在公示
        </label>
        <label>
          <input type="radio" name="archived" value="1" defaultChecked={q.archived === true} /> 往期公开
        </label>
      </fieldset>
      <fieldset>
        <legend>发布时间</legend>
        <label>
          从 <input type="date" name="from" defaultValue={q.from ?? ''} />
        </label>
        <label>
          到 <input type="date" name="to" defaultValue={q.to ?? ''} />
        </label>
      </fieldset>
      <fieldset>
        <legend>排序</legend>
        <label>
          <input type="radio" name="sort" value="relevance" defaultChecked={q.sort !== 'date'} /> 最相关
        </label>
        <label>
          <input type="radio" name="sort" value="date" defaultChecked={q.sort === 'date'} /> 最新发布
        </label>
      </fieldset>
      <button type="submit">筛选</button>
    </form>
  );
}

type PortalSearchResponse = Omit<SearchResponse, 'items'> & { items: (SearchResponse['items'][number] & { validity: PolicyValidityTag | null })[] };

function Results({ q, res }: { q: SearchQuery; res: PortalSearchResponse }): ReactElement {
  const pages = Math.min(100, Math.ceil(res.total / res.pageSize));
  return (
    <section aria-labelledby="results-h">
      <h2 id="results-h">
        {res.total > 0 ? (res.totalIsLowerBound ? `找到超过 ${res.total} 条结果` : `找到 ${res.total} 条结果`) : `没有找到与“${q.q}”相关的公开信息`}
      </h2>
      {res.totalIsLowerBound ? <p className="muted">结果较多，可以换个更具体的说法，或按单位、发布日期缩小范围。</p> : null}
      {res.relaxed && res.total > 0 ? <p className="muted">没有同时包含全部关键词的信息，以下结果只包含部分关键词。</p> : null}
      {res.suggestions.length > 0 ? (
        <p className="suggestions">
          {res.total === 0 ? '您是不是要找：' : '也可以试试：'}
          {res.suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 ? '、' : null}
              <a href={hrefWith(q, { q: s, page: 1 })}>{s}</a>
            </span>
          ))}
        </p>
      ) : null}
      {res.total === 0 ? (
        <ul className="tips">
          <li>换一个说法试试，例如“低保”也可以搜“最低生活保障”。</li>
          <li>可以用拼音或拼音首字母搜索，例如 dibao、dbmd。</li>
          <li>
            也可以<a href="/units">按单位浏览</a>，找到您所在的村（社区）查看正在公示的内容。
          </li>
        </ul>
      ) : (
        <ol className="search-results" start={(res.page - 1) * res.pageSize + 1}>
          {res.items.map((item) => (
            <li key={item.docId}>
              <a className="result-title" href={item.url}>
                {item.title}
              </a>
              <div className="result-meta">
                {item.unitName} · {chinaDay(item.publishedAt)}
                {item.validity ? (
                  <span
                    className={item.validity.code === 'valid' ? 'tag' : item.validity.code === 'amended' ? 'tag tag-demo' : 'tag tag-abolished'}
                    title={item.validity.on ? `${item.validity.text}（${item.validity.on}）` : undefined}
                  >{`时效：${item.validity.text}`}</span>
                ) : item.archived ? (
                  <span className="tag">往期公开</span>
                ) : (
                  <span className="tag tag-current">公示中</span>
                )}
              </div>
              {/* The snippet is built by the search layer: every character escaped except the <mark> it adds. */}
              <p className="result-snippet" dangerouslySetInnerHTML={{ __html: item.snippet }} />
            </li>
          ))}
        </ol>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label="翻页">
          {res.page > 1 ? <a href={hrefWith(q, { page: res.page - 1 })}>上一页</a> : null}
          <span>
            第 {res.page} / {pages} 页
          </span>
          {res.page < pages ? <a href={hrefWith(q, { page: res.page + 1 })}>下一页</a> : null}
        </nav>
      ) : null}
    </section>
  );
}

export function registerSearchPages(app: FastifyInstance, ctx: AppContext): void {
  addNavItem(app, { href: '/search', label: '搜索', order: 5 });
  app.get('/search', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (request, reply) => {
    const { q, notes } = readQuery(request.query as Record<string, unknown>);
    const crumbs = [{ label: '首页', href: '/' }, { label: '搜索' }];
    if (!q.q) {
      return sendPage(request, reply, {
        title: '搜索',
        description: '搜索政务公开和村（居）务公开信息。',
        breadcrumbs: crumbs,
        body: (
          <>
            <h1>搜索公开信息</h1>
            <SearchBox />
          </>
        ),
      });
    }
    const result = await runSearch(ctx, q);
    const status = result.ok ? 200 : result.status;
    return sendPage(request, reply, {
      status,
      title: `搜索“${q.q}”`,
      description: `搜索“${q.q}”的公开信息`,
      breadcrumbs: crumbs,
      body: (
        <>
          <h1>搜索公开信息</h1>
          <SearchBox q={q.q} />
          {notes.map((n) => (
            <p key={n} className="notice" role="status">
              {n}
            </p>
          ))}
          {result.ok ? (
            <>
              <Filters q={q} />
              <Results q={q} res={result.value} />
            </>
          ) : (
            <p className="notice" role="alert">
              {result.message}
            </p>
          )}
        </>
      ),
    });
  });
}
