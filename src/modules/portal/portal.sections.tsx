/**
 * Portal sections over published disclosures (home, town and village pages) and the pages of
 * issue #5: the domain pages (/domains/{code}) and each unit's 公开指南 (/units/{code}/guide).
 * Only the public (masked) listing of disclosures is ever read here (publishing's listPublic and
 * currentCountsAndNewest: bounded queries on the narrow listing rows, limits in SQL, no bodies).
 */
import type { ReactElement } from 'react';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { sendNotFound, sendPage, type Crumb } from '../../platform/views/layout.tsx';
import type { OrgUnitRow } from '../org/index.ts';
import { loadDomainCatalog, loadUnitCatalog, formatChannels, type DomainRow } from '../catalog/index.ts';
import {
  chineseDate,
  currentCountsAndNewest,
  formatYuan,
  totalOf,
  listItemOf,
  listPublic,
  readTime,
  yearsWithRecords,
  type FinanceOverview,
  type ListItem,
} from '../publishing/index.ts';
import { listServicePoints, ServicePointList } from '../offline/index.ts';
import { ItemListTable, publicItemLists } from '../participation/index.ts';
import { CHILD_NOUN, GRASSROOTS_KINDS, childrenOf, kindLabel, loadDirectory, loadDomains, type Directory } from './portal.data.ts';

const dateOf = (iso: string) => chineseDate(chinaDate(new Date(iso)));
const unitPath = (code: string) => `/units/${encodeURIComponent(code)}`;
export const PAGE_SIZE = 20;
/** Domain pages count up to this many records ("共 1000 余条") and page within them; older ones by year. */
export const DOMAIN_COUNT_CAP = 1000;
/** Current notices shown per category on a village page (the count says how many there are). */
export const VILLAGE_CATEGORY_LIMIT = 20;
/** Latest titles per village in a town's 村(居)务公开专栏. */
const COLUMN_LATEST = 3;

/** One disclosure in a list: title link, then unit (optional) and date. */
export function DisclosureRow({ item, showUnit }: { item: ListItem; showUnit?: boolean }): ReactElement {
  const meta = [
    showUnit ? item.unitName : '',
    item.publishedAt ? dateOf(item.publishedAt) : '',
    item.periodText ? `公示期 ${item.periodText}` : '',
    item.status === 'withdrawn' ? '已撤回' : '',
    item.corrected ? '已更正' : '',
  ];
  return (
    <li>
      <a href={`/disclosures/${encodeURIComponent(item.id)}`}>{item.title}</a>
      <span className="result-meta">{meta.filter(Boolean).join(' · ')}</span>
    </li>
  );
}

// ---------------------------------------------------------------- home

export interface HomeExtras {
  latest: ListItem[];
  domains: DomainRow[];
}

export async function loadHomeExtras(ctx: AppContext): Promise<HomeExtras> {
  const [latest, domains] = await Promise.all([listPublic(ctx, { status: 'published', limit: 10, offset: 0, count: false }), loadDomains(ctx)]);
  return { latest: latest.items, domains };
}

export function LatestDisclosures({ items }: { items: ListItem[] }): ReactElement {
  return (
    <section aria-labelledby="latest">
      <h2 id="latest">最新公开</h2>
      {items.length ? (
        <ul className="plain-list">
          {items.map((i) => (
            <DisclosureRow key={i.id} item={i} showUnit />
          ))}
        </ul>
      ) : (
        <p className="muted">暂无已发布的公开信息。</p>
      )}
    </section>
  );
}

export function DomainEntry({ domains }: { domains: DomainRow[] }): ReactElement | null {
  const gov = domains.filter((d) => d.catalog === 'government');
  const vil = domains.filter((d) => d.catalog === 'village');
  if (!gov.length && !vil.length) return null;
  return (
    <section aria-labelledby="by-domain">
      <h2 id="by-domain">按领域浏览</h2>
      {gov.length ? (
        <>
          <h3 id="gov-domains">{`基层政务公开重点领域（${gov.length}个）`}</h3>
          <ul className="chip-list" aria-labelledby="gov-domains">
            {gov.map((d) => (
              <li key={d.code}>
                <a className="unit-link" href={`/domains/${encodeURIComponent(d.code)}`}>
                  {d.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {vil.length ? (
        <>
          <h3 id="village-domains">村（居）务公开</h3>
          <ul className="chip-list" aria-labelledby="village-domains">
            {vil.map((d) => (
              <li key={d.code}>
                <a className="unit-link" href={`/domains/${encodeURIComponent(d.code)}`}>
                  {d.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** 政务公开专区: only pages that exist. */
export function SpecialLinks({ county }: { county: OrgUnitRow }): ReactElement {
  const links: [string, string, string][] = [
    [`${unitPath(county.code)}/guide`, '政府信息公开指南', '如何查找和申请获取公开信息'],
    ['/requests', '依申请公开', '在线申请、查询办理进度、办理流程'],
    [`${unitPath(county.code)}/catalog`, '政府信息公开目录', `${county.name}应当主动公开的事项`],
    ['/search', '搜索公开信息', '按关键词查找全县公开信息'],
    ['/units', '单位目录', '县政府部门、乡镇（街道）和村（社区）'],
  ];
  return (
    <section aria-labelledby="special">
      <h2 id="special">政务公开专区</h2>
      <ul className="card-list">
        {links.map(([href, label, extra]) => (
          <li key={href}>
            <a className="unit-link" href={href}>
              <span className="unit-name">{label}</span>
              <span className="unit-extra">{extra}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------- town page

export interface VillageColumn {
  unit: OrgUnitRow;
  count: number;
  latest: ListItem[];
}

/** Every village/community of a town with what it currently displays (count and latest three titles), in one query. */
export async function loadVillageColumns(ctx: AppContext, dir: Directory, townCode: string): Promise<VillageColumn[]> {
  const kids = childrenOf(dir, townCode, GRASSROOTS_KINDS);
  if (!kids.length) return [];
  const t = readTime(ctx.clock.now());
  const { counts, lists: latest } = await currentCountsAndNewest(
    ctx.db,
    kids.map((k) => ({ unitPath: k.path })),
    COLUMN_LATEST,
    t,
  );
  return kids.map((unit, i) => ({ unit, count: totalOf(counts.get(unit.path)), latest: latest[i].map((r) => listItemOf(r, t.today)) }));
}

export function VillageColumns({ town, columns }: { town: OrgUnitRow; columns: VillageColumn[] }): ReactElement | null {
  if (!columns.length) return null;
  const summary = GRASSROOTS_KINDS.map((k) => [k, columns.filter((c) => c.unit.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n}个${CHILD_NOUN[k]}`)
    .join('、');
  return (
    <section aria-labelledby="village-column">
      <h2 id="village-column">{`村（居）务公开专栏（${summary}）`}</h2>
      <p className="muted">{`${town.name}下辖各村（社区）当前正在公示的信息。`}</p>
      <ul className="card-list village-columns">
        {columns.map((c) => (
          <li key={c.unit.code} className="village-column">
            <h3 className="village-name">
              <a href={unitPath(c.unit.code)}>{c.unit.name}</a>
            </h3>
            <p className="unit-extra">{c.count ? `公示中 ${c.count} 条` : '暂无正在公示的信息'}</p>
            {c.latest.length ? (
              <ul className="plain-list compact">
                {c.latest.map((i) => (
                  <li key={i.id}>
                    <a href={`/disclosures/${encodeURIComponent(i.id)}`}>{i.title}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------- village page

export interface CategoryGroup {
  code: string;
  name: string;
  /** The newest current notices (at most VILLAGE_CATEGORY_LIMIT). */
  items: ListItem[];
  /** How many are current in the category. */
  count: number;
}

const OTHER_CATEGORY = 'v-qtgk';

/**
 * What a village currently displays, grouped by the five 村(居)务公开 categories (the category of each
 * record's catalog item): per category the newest VILLAGE_CATEGORY_LIMIT and the count, in one query.
 */
export async function loadVillageCurrent(ctx: AppContext, unit: OrgUnitRow): Promise<CategoryGroup[]> {
  const t = readTime(ctx.clock.now());
  const domains = await loadDomains(ctx, 'village');
  const fallback = domains.find((d) => d.code === OTHER_CATEGORY) ?? domains[domains.length - 1];
  const known = new Set(domains.map((d) => d.code));
  // Records without a village category (no catalog item, or a government item) count as 其他公开.
  const current = await currentCountsAndNewest(
    ctx.db,
    [...domains.map((d) => ({ unitPath: unit.path, domain: d.code })), { unitPath: unit.path, domain: null }],
    VILLAGE_CATEGORY_LIMIT,
    t,
  );
  const counts = current.counts.get(unit.path) ?? new Map<string, number>();
  const lists = current.lists;
  const groups: CategoryGroup[] = domains.map((d, i) => {
    const isFallback = d.code === fallback?.code;
    const rows = isFallback
      ? [...lists[i], ...lists[domains.length]]
          .sort((a, b) => b.published_at.localeCompare(a.published_at) || b.disclosure_id.localeCompare(a.disclosure_id))
          .slice(0, VILLAGE_CATEGORY_LIMIT)
      : lists[i];
    let count = counts.get(d.code) ?? 0;
    if (isFallback) for (const [code, n] of counts) if (!known.has(code)) count += n;
    return { code: d.code, name: d.name, items: rows.map((r) => listItemOf(r, t.today)), count };
  });
  return groups;
}

export function VillageCurrent({ unitCode, groups }: { unitCode: string; groups: CategoryGroup[] }): ReactElement {
  const total = groups.reduce((n, g) => n + g.count, 0);
  return (
    <section aria-labelledby="current-disclosures">
      <h2 id="current-disclosures">当前公示</h2>
      <p className="muted">{total ? `正在公示 ${total} 条信息，按公开类别排列。` : '暂无正在公示的信息。'}</p>
      {groups.map((g) => (
        <section key={g.code} aria-labelledby={`cat-${g.code}`} className="category">
          <h3 id={`cat-${g.code}`}>{`${g.name}（${g.count}条）`}</h3>
          {g.items.length ? (
            <ul className="plain-list">
              {g.items.map((i) => (
                <DisclosureRow key={i.id} item={i} />
              ))}
            </ul>
          ) : (
            <p className="muted">暂无</p>
          )}
          {g.count > g.items.length ? (
            <p className="more-link">
              <a href={`/units/${encodeURIComponent(unitCode)}/disclosures`}>{`以上为最新${g.items.length}条，查看本村（社区）全部公开信息`}</a>
            </p>
          ) : null}
          <p className="more-link">
            <a href={`/domains/${encodeURIComponent(g.code)}`}>{`全县${g.name}信息`}</a>
          </p>
        </section>
      ))}
    </section>
  );
}

export function FinanceOverviewSection({ overview }: { overview: FinanceOverview | null }): ReactElement {
  return (
    <section aria-labelledby="finance-overview" className="panel finance">
      <h2 id="finance-overview">财务概况</h2>
      {overview ? (
        <>
          <p className="muted">根据已公开的财务收支明细汇总。</p>
          <figure className="chart">
            <div dangerouslySetInnerHTML={{ __html: overview.svg }} />
            <figcaption>{overview.title}</figcaption>
          </figure>
          <table>
            <caption>各月收入与支出（元）</caption>
            <thead>
              <tr>
                <th scope="col">月份</th>
                <th scope="col">收入</th>
                <th scope="col">支出</th>
              </tr>
            </thead>
            <tbody>
              {overview.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{`${Number(m.month.slice(0, 4))}年${Number(m.month.slice(5, 7))}月`}</th>
                  <td>{formatYuan(m.income)}</td>
                  <td>{formatYuan(m.expense)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {'数据来源：'}
            {overview.sources.map((s, i) => (
              <span key={s.id}>
                {i > 0 ? '、' : null}
                <a href={`/disclosures/${encodeURIComponent(s.id)}`}>{s.title}</a>
              </span>
            ))}
          </p>
        </>
      ) : (
        <p className="muted">暂未公开财务收支明细。</p>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- domain page

function pageOf(raw: unknown): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

function Pager({ base, page, pages }: { base: string; page: number; pages: number }): ReactElement | null {
  if (pages <= 1) return null;
  const href = (p: number) => (p === 1 ? base : `${base}${base.includes('?') ? '&' : '?'}page=${p}`);
  return (
    <nav aria-label="分页" className="pager">
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        <li>
          <span aria-current="page">{`第 ${page} 页，共 ${pages} 页`}</span>
        </li>
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

async function domainPage(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const code = (request.params as { code: string }).code.slice(0, 64);
  const data = await loadDomainCatalog(ctx.db, code, chinaDate(ctx.clock.now()));
  if (!data) {
    return sendNotFound(request, reply, {
      title: '领域不存在',
      message: `没有找到编码为“${code}”的公开领域，可能是网址有误。`,
      links: [
        { label: '返回首页', href: '/' },
        { label: '搜索公开信息', href: '/search' },
      ],
    });
  }
  const { domain, items } = data;
  const query = request.query as { page?: unknown; year?: unknown };
  const rawYear = Number(query.year);
  const year = Number.isInteger(rawYear) && rawYear >= 2000 && rawYear <= 2200 ? rawYear : undefined;
  const pages0 = Math.ceil(DOMAIN_COUNT_CAP / PAGE_SIZE);
  const page = Math.min(pageOf(query.page), pages0);
  const t = readTime(ctx.clock.now());
  const [list, years] = await Promise.all([
    listPublic(ctx, { domain: domain.code, year, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, countCap: DOMAIN_COUNT_CAP }, t),
    yearsWithRecords(ctx.db, { domain: domain.code }, t),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const isVillage = domain.catalog === 'village';
  const base = `/domains/${encodeURIComponent(domain.code)}${year ? `?year=${year}` : ''}`;
  const yearLinks = list.totalIsLowerBound || year ? years : [];
  const heading = isVillage ? `村（居）务公开：${domain.name}` : `${domain.name}领域公开信息`;
  return sendPage(request, reply, {
    title: page > 1 ? `${heading}（第${page}页）` : heading,
    description: isVillage ? `全县各村（社区）发布的${domain.name}信息及公开事项。` : `全县各单位发布的${domain.name}领域政务公开信息及标准目录事项。`,
    breadcrumbs: [{ label: '首页', href: '/' }, { label: domain.name }],
    body: (
      <>
        <h1>{heading}</h1>
        <section aria-labelledby="domain-list">
          <h2 id="domain-list">已发布的信息</h2>
          <p className="muted">
            {list.total
              ? list.totalIsLowerBound
                ? `共 ${list.total} 余条，按发布时间从新到旧排列；更早的信息请按年份查看。`
                : `${year ? `${year}年` : ''}共 ${list.total} 条，按发布时间从新到旧排列。`
              : year
                ? `${year}年本领域暂无已发布的信息。`
                : '本领域暂无已发布的信息。'}
          </p>
          {yearLinks.length ? (
            <nav aria-label="按年份查看" className="toc">
              <ul>
                {yearLinks.map((y) => (
                  <li key={y}>
                    <a href={`/domains/${encodeURIComponent(domain.code)}?year=${y}`} aria-current={y === year ? 'page' : undefined}>{`${y}年`}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {list.items.length ? (
            <ul className="plain-list">
              {list.items.map((i) => (
                <DisclosureRow key={i.id} item={i} showUnit />
              ))}
            </ul>
          ) : null}
          <Pager base={base} page={Math.min(page, pages)} pages={pages} />
        </section>
        <section aria-labelledby="domain-items">
          <h2 id="domain-items">{`本领域公开事项（${items.length}项）`}</h2>
          {items.length ? (
            <ul className="plain-list catalog-list">
              {items.map((i) => (
                <li key={i.key}>
                  <strong>{i.level1 === i.level2 ? i.level1 : `${i.level1}：${i.level2}`}</strong>
                  <span className="result-meta">{`公开内容：${i.elements.join('；')}`}</span>
                  <span className="result-meta">{`公开渠道：${formatChannels(i.channels)}`}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">标准目录中本领域暂无事项。</p>
          )}
        </section>
      </>
    ),
  });
}

// ---------------------------------------------------------------- 公开指南

interface Contact {
  address: string | null;
  hours: string | null;
  phone: string | null;
  email: string | null;
  postalCode: string | null;
}

function contactOf(u: OrgUnitRow): Contact {
  return { address: u.address, hours: u.office_hours, phone: u.phone, email: u.email, postalCode: u.postal_code };
}

function GuideContact({ unit, county }: { unit: OrgUnitRow; county: OrgUnitRow | null }): ReactElement {
  const own = contactOf(unit);
  const fb = county && county.code !== unit.code ? contactOf(county) : null;
  const rows: [string, string | null, boolean][] = [
    [
      '办公地址',
      own.address
        ? `${own.address}${own.postalCode ? `（邮编 ${own.postalCode}）` : ''}`
        : fb?.address
          ? `${fb.address}${fb.postalCode ? `（邮编 ${fb.postalCode}）` : ''}`
          : null,
      !own.address,
    ],
    ['办公时间', own.hours ?? fb?.hours ?? null, !own.hours],
    ['联系电话', own.phone ?? fb?.phone ?? null, !own.phone],
    ['电子邮箱', own.email ?? fb?.email ?? null, !own.email],
  ];
  const usedCounty = !!fb && rows.some(([, v, fromCounty]) => v && fromCounty);
  return (
    <>
      <dl className="facts panel">
        {rows.map(([k, v, fromCounty]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              {v ? (
                k === '联系电话' ? (
                  <a href={`tel:${v.replace(/[^\d+-]/g, '')}`}>{v}</a>
                ) : k === '电子邮箱' ? (
                  <a href={`mailto:${v}`}>{v}</a>
                ) : (
                  v
                )
              ) : (
                '暂未登记'
              )}
              {v && fromCounty && fb ? '（县政府办公室）' : null}
            </dd>
          </div>
        ))}
      </dl>
      {usedCounty ? <p className="muted">{`本单位未登记的联系方式，列出的是${county!.name}人民政府办公室（政府信息公开工作主管部门）的联系方式。`}</p> : null}
    </>
  );
}

async function guidePage(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const code = (request.params as { code: string }).code.slice(0, 64);
  const dir = await loadDirectory(ctx);
  const unit = dir.byCode.get(code) ?? (dir.county?.code === code ? dir.county : undefined);
  if (!unit) {
    return sendNotFound(request, reply, {
      title: '单位不存在',
      message: `没有找到编码为“${code}”的单位，可能是网址有误或该单位已调整。`,
      links: [
        { label: '查看单位目录', href: '/units' },
        { label: '返回首页', href: '/' },
      ],
    });
  }
  const view = await loadUnitCatalog(ctx.db, unit, chinaDate(ctx.clock.now()));
  const points = await listServicePoints(ctx, { unitCodes: [unit.code] });
  const categories = [...new Set([...view.items, ...view.localItems].map((i) => i.domainName))];
  const isVillage = (GRASSROOTS_KINDS as readonly string[]).includes(unit.kind);
  // 三(五)1: a government unit's 公众参与事项目录 (its newest published version, through the personal-data gate).
  const participation = isVillage ? null : ((await publicItemLists(ctx, unit.code))[0] ?? null);
  const parent = unit.parent_code ? dir.byCode.get(unit.parent_code) : undefined;
  const home = unit.depth === 0 ? '/' : unitPath(unit.code);
  const title = isVillage ? `${unit.name}村（居）务公开指南` : `${unit.name}政府信息公开指南`;
  const crumbs: Crumb[] = [{ label: dir.county?.name ?? '首页', href: '/' }];
  if (parent && parent.depth > 0) crumbs.push({ label: parent.name, href: unitPath(parent.code) });
  if (unit.depth > 0) crumbs.push({ label: unit.name, href: home });
  crumbs.push({ label: '公开指南' });
  return sendPage(request, reply, {
    title,
    description: `${unit.name}（${kindLabel(unit.kind)}）公开信息的分类编排、获取方式、办公地址、时间和联系方式。`,
    breadcrumbs: crumbs,
    body: (
      <article className="guide">
        <h1>{title}</h1>
        <p className="lead">
          {isVillage
            ? `本指南说明${unit.name}村（居）务公开信息的分类、查看方式和联系方式。`
            : `依据《中华人民共和国政府信息公开条例》第十二条编制，说明${unit.name}政府信息的分类编排、获取方式和受理机构。`}
        </p>

        <section aria-labelledby="g-organise">
          <h2 id="g-organise">一、信息的分类与编排</h2>
          <p>
            {isVillage
              ? '村（居）务公开信息按村情概况、村务公开、财务公开、服务公开、其他公开五类编排。'
              : '主动公开的政府信息按基层政务公开标准目录的公开领域编排，每条信息有唯一的索引号，并注明发布日期。'}
          </p>
          {categories.length ? <p>{`本单位适用的${isVillage ? '公开类别' : '公开领域'}：${categories.join('、')}。`}</p> : null}
          <p>
            <a href={`${unitPath(unit.code)}/catalog`}>{`查看${unit.name}公开目录`}</a>
            {'（列出每个事项的公开内容、时限和渠道）'}
          </p>
        </section>

        <section aria-labelledby="g-obtain">
          <h2 id="g-obtain">二、获取信息的方式</h2>
          <h3>（一）主动公开</h3>
          <p>
            {`主动公开的信息在本平台发布，可在`}
            <a href={home}>{unit.depth === 0 ? '首页' : `${unit.name}页面`}</a>
            {'查看，或使用'}
            <a href="/search">搜索</a>
            {'按关键词查找。'}
            {isVillage
              ? '同时在本村（社区）公开栏张贴，公示期内可到公开栏查看。'
              : '部分信息同时通过政府公报、公开栏、新闻发布会等渠道公开，具体渠道见公开目录。'}
          </p>
          {isVillage ? (
            <>
              <h3>（二）疑问与意见</h3>
              <p>
                {`对公开内容有疑问或意见的，可以向本村（社区）村（居）务监督委员会提出，也可以向`}
                {parent && parent.depth > 0 ? <a href={unitPath(parent.code)}>{parent.name}</a> : '所属乡镇（街道）'}
                {'反映。'}
              </p>
            </>
          ) : (
            <>
              <h3>（二）依申请公开</h3>
              <p>公民、法人或者其他组织可以向本机关申请获取主动公开以外的政府信息。如何申请：</p>
              <ol>
                <li>
                  {'网上申请：'}
                  <a href={`/requests/apply?unit=${encodeURIComponent(unit.code)}`}>{`在线向${unit.name}提交申请`}</a>
                  {'，提交后凭查询码和查询密码'}
                  <a href="/requests/track">查询办理进度</a>
                  {'；本机关确认收到之日为收到申请之日。'}
                </li>
                <li>书面申请：当面递交或邮寄信函至下列受理机构；书写确有困难的，可以口头提出，由工作人员代为填写。</li>
              </ol>
              <p>申请内容应当包括：</p>
              <ol>
                <li>申请人的姓名或者名称、身份证明、联系方式；</li>
                <li>申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；</li>
                <li>申请公开的政府信息的形式要求，包括获取信息的方式、途径。</li>
              </ol>
              <p>
                能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经负责人同意并告知申请人，延长的期限最长不超过20个工作日。
              </p>
              <p>
                <a href="/requests/flowchart">查看办理流程图</a>
              </p>
            </>
          )}
        </section>

        <section aria-labelledby="g-office">
          <h2 id="g-office">{isVillage ? '三、联系方式' : '三、受理机构'}</h2>
          <GuideContact unit={unit} county={dir.county} />
          <h3>政务公开专区和便民服务点</h3>
          <ServicePointList points={points} />
          {points.length ? (
            <p>
              <a href={`${unitPath(unit.code)}/service-points`}>查看照片和详细信息</a>
              {' · '}
              <a href={`/api/v1/units/${encodeURIComponent(unit.code)}/service-booklet.pdf`}>下载打印办事一本通</a>
            </p>
          ) : null}
        </section>

        {isVillage ? null : (
          <section aria-labelledby="g-participation">
            <h2 id="g-participation">四、公众参与事项目录</h2>
            <p>本单位拟听取公众意见的重大行政决策事项、参与方式和计划时间如下；征求意见开始后，可在对应页面提出意见。</p>
            {participation ? <ItemListTable l={participation} /> : <p>本单位尚未公布公众参与事项目录。</p>}
            <p>
              <a href={`/participation/items?unit=${encodeURIComponent(unit.code)}`}>查看公众参与事项目录</a>
              {' · '}
              <a href={`/participation?unit=${encodeURIComponent(unit.code)}`}>公众参与</a>
            </p>
          </section>
        )}

        {isVillage ? null : (
          <section aria-labelledby="g-remedy">
            <h2 id="g-remedy">五、监督和救济</h2>
            <p>
              公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。
            </p>
          </section>
        )}
        <p>
          <a href={home}>{unit.depth === 0 ? '返回首页' : `返回${unit.name}`}</a>
        </p>
      </article>
    ),
  });
}

export function registerPortalSections(app: FastifyInstance, ctx: AppContext): void {
  // Cached: publications and catalog versions bump the stamp.
  app.get('/domains/:code', { config: { pageCache: true } }, (request, reply) => domainPage(ctx, request, reply));
  app.get('/units/:code/guide', (request, reply) => guidePage(ctx, request, reply));
}
