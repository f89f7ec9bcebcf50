import { Fragment, type ReactElement } from 'react';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { sendNotFound, sendPage, type Crumb } from '../../platform/views/layout.tsx';
import { addNavItem } from '../../platform/views/site.ts';
import type { OrgUnitRow } from '../org/index.ts';
import { UnitDisclosures, chinaStart, listingQuery, readTime, unitDisclosureLists, unitFinanceOverview, type FinanceOverview } from '../publishing/index.ts';
import { chinaDate } from '../../platform/context.ts';
import {
  DomainEntry,
  FinanceOverviewSection,
  LatestDisclosures,
  SpecialLinks,
  VillageColumns,
  VillageCurrent,
  loadHomeExtras,
  loadVillageColumns,
  loadVillageCurrent,
  registerPortalSections,
  type CategoryGroup,
  type HomeExtras,
  type VillageColumn,
} from './portal.sections.tsx';
import { SearchBox } from './search.pages.tsx';
import { unitPageSections } from './unit-page-extensions.ts';
import {
  CHILD_NOUN,
  GRASSROOTS_KINDS,
  PARK_KINDS,
  TOWNSHIP_KINDS,
  childSummary,
  childrenOf,
  kindLabel,
  loadDirectory,
  loadDomains,
  searchUnits,
  type Directory,
} from './portal.data.ts';

const MAX_QUERY = 50;

function unitHref(u: OrgUnitRow): string {
  return u.depth === 0 ? '/' : `/units/${encodeURIComponent(u.code)}`;
}

function DemoTag({ unit }: { unit: OrgUnitRow }): ReactElement | null {
  return unit.is_demo === 1 ? (
    <span className="tag tag-demo" title="名称未经核实，仅用于演示">
      演示数据
    </span>
  ) : null;
}

function AbolishedTag({ unit }: { unit: OrgUnitRow }): ReactElement | null {
  return unit.active === 1 ? null : <span className="tag tag-abolished">已撤销</span>;
}

function UnitLink({ unit, extra }: { unit: OrgUnitRow; extra?: string }): ReactElement {
  return (
    <a className="unit-link" href={unitHref(unit)}>
      <span className="unit-name">{unit.name}</span>
      {extra ? <span className="unit-extra">{extra}</span> : null}
      <DemoTag unit={unit} />
      <AbolishedTag unit={unit} />
    </a>
  );
}

function SearchForm({ q, id }: { q?: string; id: string }): ReactElement {
  return (
    <form className="search-form" method="get" action="/units" role="search" aria-label="查找单位">
      <label htmlFor={id}>查找您所在的村（社区）或单位</label>
      <div className="search-row">
        <input id={id} name="q" type="search" defaultValue={q ?? ''} maxLength={MAX_QUERY} placeholder="例如：卜湖" autoComplete="off" />
        <button type="submit">查找</button>
      </div>
    </form>
  );
}

function EmptyCounty(): ReactElement {
  return (
    <section>
      <h1>政务公开</h1>
      <p>本平台尚未登记县级单位，请管理员在管理后台导入或新增单位后再访问。</p>
    </section>
  );
}

function HomeBody({ dir, extras }: { dir: Directory; extras: HomeExtras }): ReactElement {
  const county = dir.county!;
  const departments = childrenOf(dir, county.code, ['department']);
  const towns = childrenOf(dir, county.code, TOWNSHIP_KINDS);
  const parks = childrenOf(dir, county.code, PARK_KINDS);
  return (
    <>
      <section className="intro">
        <h1>{county.name}</h1>
        <p className="lead">{`${county.name}政务公开与村（居）务公开平台：按单位查看县政府部门、乡镇（街道）和村（社区）的公开信息。`}</p>
        <SearchBox />
        <SearchForm id="home-q" />
      </section>

      <LatestDisclosures items={extras.latest} />
      <DomainEntry domains={extras.domains} />

      <section aria-labelledby="by-unit">
        <h2 id="by-unit">按单位浏览</h2>

        <div className="columns">
          <section aria-labelledby="towns" className="col-wide">
            <h3 id="towns">{`乡镇（街道）（${towns.length}个）`}</h3>
            <ul className="card-list">
              {towns.map((t) => (
                <li key={t.code}>
                  <UnitLink unit={t} extra={childSummary(dir, t.code)} />
                </li>
              ))}
            </ul>
            {parks.length > 0 ? (
              <>
                <h3 id="parks">{`园区（场）（${parks.length}个）`}</h3>
                <ul className="card-list">
                  {parks.map((t) => (
                    <li key={t.code}>
                      <UnitLink unit={t} extra={childSummary(dir, t.code)} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          <section aria-labelledby="depts" className="col-narrow">
            <h3 id="depts">{`县政府部门（${departments.length}个）`}</h3>
            <ul className="plain-list">
              {departments.map((d) => (
                <li key={d.code}>
                  <UnitLink unit={d} />
                </li>
              ))}
            </ul>
          </section>
        </div>
        <p>
          <a href="/units">查看全部单位目录</a>
        </p>
      </section>
      <SpecialLinks county={county} />
    </>
  );
}

function ResultsBody({ dir, q, hits }: { dir: Directory; q: string; hits: OrgUnitRow[] }): ReactElement {
  return (
    <>
      <h1>查找单位</h1>
      <SearchForm id="units-q" q={q} />
      <p role="status">
        {hits.length > 0 ? `找到 ${hits.length} 个名称含“${q}”的单位。` : `没有找到名称含“${q}”的单位，请换个关键词再试，例如只输入村（社区）名称中的两个字。`}
      </p>
      {hits.length > 0 ? (
        <ul className="plain-list results">
          {hits.map((u) => {
            const parent = u.parent_code ? dir.byCode.get(u.parent_code) : undefined;
            return (
              <li key={u.code}>
                <UnitLink unit={u} />
                <span className="result-meta">{parent && parent.depth > 0 ? `${kindLabel(u.kind)} · 属于 ${parent.name}` : kindLabel(u.kind)}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
      <p>
        <a href="/units">查看全部单位目录</a>
      </p>
    </>
  );
}

function DirectoryBody({ dir }: { dir: Directory }): ReactElement {
  const county = dir.county!;
  const departments = childrenOf(dir, county.code, ['department']);
  const towns = childrenOf(dir, county.code, [...TOWNSHIP_KINDS, ...PARK_KINDS]);
  const abolished = dir.all.filter((u) => u.active !== 1);
  return (
    <>
      <h1>单位目录</h1>
      <SearchForm id="units-q" />
      <nav aria-label="目录索引" className="toc">
        <ul>
          <li>
            <a href="#depts">县政府部门</a>
          </li>
          {towns.map((t) => (
            <li key={t.code}>
              <a href={`#u-${t.code}`}>{t.name}</a>
            </li>
          ))}
          {abolished.length > 0 ? (
            <li>
              <a href="#history">已撤销单位</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <section aria-labelledby="depts">
        <h2 id="depts">县政府部门</h2>
        <ul className="plain-list">
          {departments.map((d) => (
            <li key={d.code}>
              <UnitLink unit={d} />
            </li>
          ))}
        </ul>
      </section>
      {towns.map((t) => {
        const kids = childrenOf(dir, t.code, GRASSROOTS_KINDS);
        return (
          <section key={t.code} aria-labelledby={`u-${t.code}`}>
            <h2 id={`u-${t.code}`}>
              <a href={unitHref(t)}>{t.name}</a>
            </h2>
            {kids.length > 0 ? (
              <ul className="chip-list">
                {kids.map((k) => (
                  <li key={k.code}>
                    <UnitLink unit={k} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">暂未登记下辖村（社区）。</p>
            )}
          </section>
        );
      })}
      {abolished.length > 0 ? (
        <section aria-labelledby="history">
          <h2 id="history">已撤销单位（仅供查阅历史）</h2>
          <ul className="plain-list">
            {abolished.map((u) => (
              <li key={u.code}>
                <UnitLink unit={u} extra={u.abolished_on ? `${u.abolished_on} 撤销` : undefined} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function ContactBlock({ unit }: { unit: OrgUnitRow }): ReactElement | null {
  const rows: [string, string][] = [];
  if (unit.address) rows.push(['地址', unit.postal_code ? `${unit.address}（邮编 ${unit.postal_code}）` : unit.address]);
  if (unit.phone) rows.push(['电话', unit.phone]);
  if (unit.email) rows.push(['电子邮箱', unit.email]);
  if (unit.office_hours) rows.push(['办公时间', unit.office_hours]);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="contact" className="panel">
      <h2 id="contact">联系方式</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{k === '电话' ? <a href={`tel:${v.replace(/[^\d+-]/g, '')}`}>{v}</a> : v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

interface UnitExtras {
  /** Town-level units: their villages' current disclosures (村(居)务公开专栏). */
  columns: VillageColumn[];
  /** Villages/communities: current disclosures by category and the finance overview. */
  village: { groups: CategoryGroup[]; finance: FinanceOverview | null } | null;
}

function UnitBody({
  dir,
  unit,
  disclosures,
  extras,
  sections,
}: {
  dir: Directory;
  unit: OrgUnitRow;
  disclosures: Awaited<ReturnType<typeof unitDisclosureLists>>;
  extras: UnitExtras;
  /** Sections other modules add (unit-page-extensions.ts), e.g. the 意见箱. */
  sections: ReactElement[];
}): ReactElement {
  const parent = unit.parent_code ? dir.byCode.get(unit.parent_code) : undefined;
  // The kind is shown as a tag under the name; the facts list starts with what the tag cannot say.
  const facts: [string, string][] = [];
  if (unit.division_code) facts.push(['区划代码', unit.division_code]);
  if (parent && parent.depth > 0) facts.push(['上级单位', parent.name]);
  if (unit.note) facts.push(['说明', unit.note]);
  const groups = unit.active === 1 ? GRASSROOTS_KINDS.map((k) => ({ kind: k, units: childrenOf(dir, unit.code, [k]) })).filter((g) => g.units.length > 0) : [];
  const isTownLevel = ([...TOWNSHIP_KINDS, ...PARK_KINDS] as string[]).includes(unit.kind);
  return (
    <>
      <div className="unit-head">
        <h1>{unit.name}</h1>
        <p className="unit-kind">
          <span className="tag">{kindLabel(unit.kind)}</span>
          <DemoTag unit={unit} />
          <AbolishedTag unit={unit} />
        </p>
      </div>
      {unit.active !== 1 ? (
        <div className="notice notice-abolished" role="note">
          <p>{unit.abolished_on ? `该单位已于${unit.abolished_on}撤销，页面仅供查阅历史。` : '该单位已撤销，页面仅供查阅历史。'}</p>
        </div>
      ) : null}
      {unit.is_demo === 1 ? (
        <div className="notice" role="note">
          <p>本单位为演示数据，名称未经核实，请勿作为办事依据。</p>
        </div>
      ) : null}
      {facts.length > 0 ? (
        <section aria-labelledby="facts" className="panel">
          <h2 id="facts">基本信息</h2>
          <dl className="facts">
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {extras.village ? <VillageCurrent unitCode={unit.code} groups={extras.village.groups} /> : null}
      {/* Published disclosures (rendered by the publishing module); villages show 当前公示 by category above. */}
      <UnitDisclosures unitCode={unit.code} {...disclosures} hideCurrent={!!extras.village} />
      {extras.village ? <FinanceOverviewSection overview={extras.village.finance} /> : null}
      <VillageColumns town={unit} columns={extras.columns} />
      {sections.map((el, i) => (
        <Fragment key={i}>{el}</Fragment>
      ))}
      <ContactBlock unit={unit} />
      {extras.village && !(unit.address || unit.phone || unit.email || unit.office_hours) && parent && parent.depth > 0 ? (
        <section aria-labelledby="contact" className="panel">
          <h2 id="contact">联系方式</h2>
          <p>
            {'本村（社区）暂未登记联系方式，可联系'}
            <a href={unitHref(parent)}>{parent.name}</a>
            {'。'}
          </p>
        </section>
      ) : null}
      {/* 条例第十二条: every unit's 公开目录 (rendered by the catalog module) and 公开指南. */}
      <ul className="plain-list unit-catalog-link">
        <li>
          <a href={`/units/${encodeURIComponent(unit.code)}/catalog`}>查看本单位公开目录</a>
        </li>
        <li>
          <a href={`/units/${encodeURIComponent(unit.code)}/guide`}>{extras.village ? '查看本村（社区）公开指南' : '查看本单位政府信息公开指南'}</a>
        </li>
        <li>
          <a href={`/units/${encodeURIComponent(unit.code)}/service-points`}>政务公开专区和便民服务点</a>
        </li>
        <li>
          {/* The archives module's public archive: what was published and has been filed after its display ended. */}
          <a href={`/units/${encodeURIComponent(unit.code)}/archive`}>查看往期公开档案</a>
        </li>
      </ul>
      {extras.columns.length
        ? null
        : groups.map((g) => (
            <section key={g.kind} aria-labelledby={`kids-${g.kind}`}>
              <h2 id={`kids-${g.kind}`}>{`${CHILD_NOUN[g.kind]}（${g.units.length}个）`}</h2>
              <ul className="chip-list">
                {g.units.map((k) => (
                  <li key={k.code}>
                    <UnitLink unit={k} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
      {unit.active === 1 && isTownLevel && groups.length === 0 ? <p className="muted">本平台暂未登记该单位下辖的村（社区）。</p> : null}
      {parent ? (
        <p>
          <a href={unitHref(parent)}>{`返回${parent.name}`}</a>
        </p>
      ) : null}
      {unit.source ? <p className="source-note">{`资料来源：${unit.source}`}</p> : null}
    </>
  );
}

function crumbsFor(dir: Directory, unit: OrgUnitRow): Crumb[] {
  const codes = unit.path.split('/').filter(Boolean);
  return codes
    .map((c) => dir.byCode.get(c) ?? (dir.county?.code === c ? dir.county : undefined))
    .filter((u): u is OrgUnitRow => !!u)
    .map((u) => (u.code === unit.code ? { label: u.name } : { label: u.name, href: unitHref(u) }));
}

function notFound(request: FastifyRequest, reply: FastifyReply, what: string): Promise<FastifyReply> {
  return sendNotFound(request, reply, {
    title: '单位不存在',
    message: `没有找到编码为“${what}”的单位，可能是网址有误或该单位已调整。`,
    links: [
      { label: '查看单位目录', href: '/units' },
      { label: '返回首页', href: '/' },
    ],
  });
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

async function unitExtras(ctx: AppContext, dir: Directory, unit: OrgUnitRow): Promise<UnitExtras> {
  const isTownLevel = ([...TOWNSHIP_KINDS, ...PARK_KINDS] as string[]).includes(unit.kind);
  const isVillage = (GRASSROOTS_KINDS as readonly string[]).includes(unit.kind);
  return {
    columns: isTownLevel && unit.active === 1 ? await loadVillageColumns(ctx, dir, unit.code) : [],
    village: isVillage ? { groups: await loadVillageCurrent(ctx, unit), finance: await unitFinanceOverview(ctx, unit) } : null,
  };
}

export function registerPortalPages(app: FastifyInstance, ctx: AppContext): void {
  addNavItem(app, { href: '/units', label: '单位目录', order: 10 });
  registerPortalSections(app, ctx);

  app.get('/', { config: { pageCache: true } }, async (request, reply) => {
    const dir = await loadDirectory(ctx);
    const name = dir.county?.name ?? '';
    const extras = await loadHomeExtras(ctx);
    return sendPage(request, reply, {
      title: '首页',
      description: `${name}政务公开与村（居）务公开：按单位查看县政府部门、乡镇（街道）和村（社区）。`,
      body: dir.county ? <HomeBody dir={dir} extras={extras} /> : <EmptyCounty />,
    });
  });

  app.get('/units', { config: { pageCache: true } }, async (request, reply) => {
    const dir = await loadDirectory(ctx);
    const rawQ = (request.query as { q?: unknown }).q;
    const q = (typeof rawQ === 'string' ? rawQ : '').trim().slice(0, MAX_QUERY);
    const home: Crumb = { label: dir.county?.name ?? '首页', href: '/' };
    if (!dir.county) return sendPage(request, reply, { title: '单位目录', description: '单位目录', body: <EmptyCounty /> });
    if (q) {
      return sendPage(request, reply, {
        title: `查找“${q}”`,
        description: `在${dir.county.name}的单位中查找“${q}”。`,
        breadcrumbs: [home, { label: '单位目录', href: '/units' }, { label: '查找结果' }],
        body: <ResultsBody dir={dir} q={q} hits={searchUnits(dir, q)} />,
      });
    }
    return sendPage(request, reply, {
      title: '单位目录',
      description: `${dir.county.name}县政府部门、乡镇（街道）及所辖村（社区）目录。`,
      breadcrumbs: [home, { label: '单位目录' }],
      body: <DirectoryBody dir={dir} />,
    });
  });

  app.get('/units/:code', { config: { pageCache: true } }, async (request, reply) => {
    const code = (request.params as { code: string }).code;
    const dir = await loadDirectory(ctx);
    const unit = dir.byCode.get(code);
    if (!unit) return notFound(request, reply, code.slice(0, 64));
    // The county's own page is the home page; one address per page.
    if (unit.depth === 0) return reply.redirect('/', 301);
    const parent = unit.parent_code ? dir.byCode.get(unit.parent_code) : undefined;
    const where = parent && parent.depth > 0 ? `${parent.name}${unit.name}` : unit.name;
    return sendPage(request, reply, {
      title: unit.name,
      description: unit.active === 1 ? `${where}（${kindLabel(unit.kind)}）的基本信息、联系方式和下辖单位。` : `${where}（已撤销）的历史信息。`,
      breadcrumbs: crumbsFor(dir, unit),
      body: (
        <UnitBody
          dir={dir}
          unit={unit}
          disclosures={await unitDisclosureLists(ctx, unit, { current: !(GRASSROOTS_KINDS as readonly string[]).includes(unit.kind) })}
          extras={await unitExtras(ctx, dir, unit)}
          sections={await unitPageSections(ctx, unit)}
        />
      ),
    });
  });

  app.get('/robots.txt', async (_request, reply) => {
    return reply
      .type('text/plain; charset=utf-8')
      .send(`User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /preferences/\n\nSitemap: ${ctx.config.baseUrl}/sitemap.xml\n`);
  });

  // Sitemaps (sitemaps.org): an index of the pages' sitemap and one sitemap per month of publication,
  // each one bounded query (at most 50,000 URLs a file, as the protocol allows).
  const sitemapHeaders = (reply: FastifyReply) => reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600');
  const urlset = (urls: string[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${xmlEscape(u)}</loc></url>`).join('\n')}\n</urlset>\n`;

  app.get('/sitemap.xml', async (_request, reply) => {
    const base = ctx.config.baseUrl;
    const t = readTime(ctx.clock.now());
    const published = listingQuery(ctx.db, { status: 'published' }, t).select('l.published_at');
    const [first, last] = await Promise.all([
      published.orderBy('l.published_at', 'asc').limit(1).executeTakeFirst(),
      published.orderBy('l.published_at', 'desc').limit(1).executeTakeFirst(),
    ]);
    const files = [`${base}/sitemaps/pages.xml`];
    if (first && last) {
      const end = chinaDate(new Date(last.published_at)).slice(0, 7);
      for (let m = chinaDate(new Date(first.published_at)).slice(0, 7); m <= end; m = nextMonth(m)) files.push(`${base}/sitemaps/disclosures-${m}.xml`);
    }
    const body = files.map((f) => `  <sitemap><loc>${xmlEscape(f)}</loc></sitemap>`).join('\n');
    return sitemapHeaders(reply).send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`,
    );
  });

  app.get('/sitemaps/pages.xml', async (_request, reply) => {
    const dir = await loadDirectory(ctx);
    const base = ctx.config.baseUrl;
    const domains = await loadDomains(ctx);
    return sitemapHeaders(reply).send(
      urlset([
        `${base}/`,
        `${base}/units`,
        ...dir.all.filter((u) => u.active === 1 && u.depth > 0).map((u) => `${base}${unitHref(u)}`),
        ...domains.map((d) => `${base}/domains/${encodeURIComponent(d.code)}`),
      ]),
    );
  });

  app.get('/sitemaps/:file', async (request, reply) => {
    const m = /^disclosures-(\d{4})-(\d{2})\.xml$/.exec((request.params as { file: string }).file);
    const month = m ? Number(m[2]) : 0;
    if (!m || month < 1 || month > 12)
      return reply.status(404).type('application/xml; charset=utf-8').send('<?xml version="1.0" encoding="UTF-8"?>\n<error>没有这个站点地图</error>\n');
    const from = `${m[1]}-${m[2]}-01`;
    const rows = await listingQuery(
      ctx.db,
      { status: 'published', fromIso: chinaStart(from), toIso: chinaStart(`${nextMonth(from.slice(0, 7))}-01`) },
      readTime(ctx.clock.now()),
    )
      .select('l.disclosure_id')
      .orderBy('l.published_at')
      .limit(50_000)
      .execute();
    return sitemapHeaders(reply).send(urlset(rows.map((r) => `${ctx.config.baseUrl}/disclosures/${encodeURIComponent(r.disclosure_id)}`)));
  });
}

/** The month after YYYY-MM. */
function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
