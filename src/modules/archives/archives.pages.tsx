/**
 * The public archive of one unit on the portal (issue 18: "the public sees what was public, the keeper everything";
 * 三(五)2 "对公开期满的相关材料要整理留存，供村民查询"): filed items that were published, by year and class, each
 * linking to its public record, and the public items destroyed after appraisal (what, when, under which 销毁清单;
 * nothing published disappears without that record). Non-disclosed records never appear. Every text shown passes the personal-data gate
 * (publishing/pii) with the county's rules. A pure read, rendered without JavaScript.
 */
import type { FastifyInstance } from 'fastify';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { sendNotFound, sendPage, type Crumb } from '../../platform/views/layout.tsx';
import { findAncestors, findUnit } from '../org/index.ts';
import { maskAll, piiRules } from '../publishing/index.ts';
import { publicArchive, publicDestroyed, volumesOf } from './archives.filing.ts';

const PAGE = 30;
/** Destroyed items shown (newest decisions first); the keeper's 销毁清单 lists all of them. */
const DESTROYED_SHOWN = 200;

const unitHref = (code: string) => `/units/${encodeURIComponent(code)}`;

/** The public archive's address for a unit (the unit page and the printed signs link here). */
export const publicArchiveHref = (code: string) => `${unitHref(code)}/archive`;

export function registerArchivePages(app: FastifyInstance, ctx: AppContext): void {
  app.get('/units/:code/archive', async (request, reply) => {
    const code = (request.params as { code: string }).code;
    const query = request.query as { year?: string; class?: string; page?: string };
    const unit = await findUnit(ctx.db, code);
    if (!unit || unit.depth === 0) {
      return sendNotFound(request, reply, {
        title: '单位不存在',
        message: `没有找到编码为“${code.slice(0, 64)}”的单位，可能是网址有误或该单位已调整。`,
        links: [{ label: '查看单位目录', href: '/units' }],
      });
    }
    const year = query.year && /^\d{4}$/.test(query.year) ? Number(query.year) : undefined;
    const classCode = query.class && /^[0-9A-Za-z-]{1,16}$/.test(query.class) ? query.class : undefined;
    const page = Math.max(1, Math.min(1000, Number.parseInt(query.page ?? '1', 10) || 1));
    const today = chinaDate(ctx.clock.now());
    const rules = piiRules();
    const gate = (text: string) => maskAll(text, rules, { today });
    const [ancestors, vols, list, destroyed] = await Promise.all([
      findAncestors(ctx.db, unit),
      volumesOf(ctx, null, unit.code),
      publicArchive(ctx.db, unit.path, { year, classCode, limit: PAGE, offset: (page - 1) * PAGE }),
      publicDestroyed(ctx.db, unit.path, { year, classCode, limit: DESTROYED_SHOWN }),
    ]);
    const volumes = vols.ok ? vols.value.volumes : [];
    const years = [...new Set(volumes.map((v) => v.year))].sort((a, b) => b - a);
    const classes = [...new Map(volumes.map((v) => [v.classCode, v.className])).entries()].sort((a, b) => a[0].localeCompare(b[0]));
    const pages = Math.max(1, Math.ceil(list.total / PAGE));
    const link = (p: { year?: number; classCode?: string; page?: number }) => {
      const params = new URLSearchParams();
      if (p.year) params.set('year', String(p.year));
      if (p.classCode) params.set('class', p.classCode);
      if (p.page && p.page > 1) params.set('page', String(p.page));
      const s = params.toString();
      return `${publicArchiveHref(unit.code)}${s ? `?${s}` : ''}`;
    };
    const crumbs: Crumb[] = [
      ...ancestors.map((a) => ({ label: a.name, href: a.depth === 0 ? '/' : unitHref(a.code) })),
      { label: unit.name, href: unitHref(unit.code) },
      { label: '往期公开档案' },
    ];
    return sendPage(request, reply, {
      title: `${unit.name}往期公开档案`,
      description: `${unit.name}公示期满后整理归档的公开内容，按年度和类别查阅。`,
      breadcrumbs: crumbs,
      body: (
        <>
          <h1>{`${unit.name}往期公开档案`}</h1>
          <p className="lead">公示期满的公开内容整理归档后在这里继续供查阅。未公开的档案（如会议记录原件、合同、凭证）请到本村（社区）集中查阅点查阅。</p>
          <form method="get" action={publicArchiveHref(unit.code)} className="search-form" aria-label="按年度和类别查找">
            <label>
              {'年度 '}
              <select name="year" defaultValue={year ? String(year) : ''}>
                <option value="">全部年度</option>
                {years.map((y) => (
                  <option key={y} value={String(y)}>{`${y}年`}</option>
                ))}
              </select>
            </label>{' '}
            <label>
              {'类别 '}
              <select name="class" defaultValue={classCode ?? ''}>
                <option value="">全部类别</option>
                {classes.map(([c, name]) => (
                  <option key={c} value={c}>
                    {name}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="submit">查找</button>
          </form>
          <p>{`共 ${list.total} 件${year ? `（${year}年）` : ''}`}</p>
          {list.items.length === 0 ? (
            <p className="muted">暂无符合条件的归档公开内容。</p>
          ) : (
            <ul className="plain-list">
              {list.items.map((i) => (
                <li key={i.archivalCode}>
                  <h3>{i.url ? <a href={i.url}>{gate(i.title)}</a> : gate(i.title)}</h3>
                  <p className="muted">{`档号 ${i.archivalCode} · ${i.year}年 · ${i.className} · 形成于 ${i.formedOn} · 保管期限 ${i.retentionLabel}`}</p>
                </li>
              ))}
            </ul>
          )}
          {destroyed.length > 0 ? (
            <section aria-labelledby="destroyed">
              <h2 id="destroyed">已鉴定销毁的档案</h2>
              <p className="muted">保管期满、经鉴定并由两人审批后销毁的公开档案，目录保留在这里，可凭销毁清单编号到本村（社区）查阅审批记录。</p>
              <ul className="plain-list">
                {destroyed.map((d) => (
                  <li key={d.archivalCode}>
                    <h3>{gate(d.title)}</h3>
                    <p className="muted">{`档号 ${d.archivalCode} · ${d.year}年 · ${d.className} · 形成于 ${d.formedOn} · ${d.destroyedOn}按${d.destructionSerial}销毁`}</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {pages > 1 ? (
            <nav aria-label="翻页" className="pager">
              {page > 1 ? <a href={link({ year, classCode, page: page - 1 })}>上一页</a> : null} <span>{`第 ${page} / ${pages} 页`}</span>{' '}
              {page < pages ? <a href={link({ year, classCode, page: page + 1 })}>下一页</a> : null}
            </nav>
          ) : null}
        </>
      ),
    });
  });
}
