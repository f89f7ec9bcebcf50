import type { ReactElement } from 'react';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { sendNotFound, sendPage, type Crumb } from '../../platform/views/layout.tsx';
import { findAncestors, findUnit } from '../org/index.ts';
import { AUDIENCE_TEXT, LEVEL_TEXT, MODE_TEXT, type CatalogItem } from './catalog.types.ts';
import { describeDisplayRule, describeTimeRule, formatChannels } from './catalog.text.ts';
import { loadUnitCatalog } from './catalog.service.ts';
import { STATUTORY_DOMAIN } from './statutory-items.ts';
import { listDomains } from './catalog.repository.ts';

function ItemEntry({ item }: { item: CatalogItem }): ReactElement {
  const display = describeDisplayRule(item.displayRule);
  return (
    <li className="catalog-item">
      <h4>{item.level1 === item.level2 ? item.level1 : `${item.level1}：${item.level2}`}</h4>
      <dl className="facts">
        <div>
          <dt>公开内容</dt>
          <dd>{item.elements.join('；')}</dd>
        </div>
        <div>
          <dt>公开时限</dt>
          <dd>{display ? `${describeTimeRule(item.timeRule)}，${display}` : describeTimeRule(item.timeRule)}</dd>
        </div>
        <div>
          <dt>公开渠道</dt>
          <dd>{formatChannels(item.channels)}</dd>
        </div>
        <div>
          <dt>公开依据</dt>
          <dd>{item.bases.join('；')}</dd>
        </div>
        <div>
          <dt>公开主体</dt>
          <dd>{item.subject}</dd>
        </div>
        <div>
          <dt>对象/方式/层级</dt>
          <dd>{`${AUDIENCE_TEXT[item.audience]}；${MODE_TEXT[item.mode]}；${item.levels.map((l) => LEVEL_TEXT[l]).join('、')}`}</dd>
        </div>
      </dl>
    </li>
  );
}

function groupByDomain(items: CatalogItem[], order: string[]): [string, CatalogItem[]][] {
  const groups = new Map<string, CatalogItem[]>();
  for (const i of items) groups.set(i.domainName, [...(groups.get(i.domainName) ?? []), i]);
  return [...groups.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}

/** 公开目录 of one unit (条例第十二条), readable without JavaScript. */
export function registerCatalogPages(app: FastifyInstance, ctx: AppContext): void {
  app.get('/units/:code/catalog', async (request, reply) => {
    const code = (request.params as { code: string }).code;
    const unit = await findUnit(ctx.db, code);
    if (!unit) {
      return sendNotFound(request, reply, {
        title: '单位不存在',
        message: `没有找到编码为“${code.slice(0, 64)}”的单位，可能是网址有误或该单位已调整。`,
        links: [{ label: '查看单位目录', href: '/units' }],
      });
    }
    const [view, ancestors, domains] = await Promise.all([
      loadUnitCatalog(ctx.db, unit, chinaDate(ctx.clock.now())),
      findAncestors(ctx.db, unit),
      listDomains(ctx.db),
    ]);
    // Statutory items (statutory-items.ts) have no catalog domain: their group comes after the domains.
    const order = [...domains.map((d) => d.name), ...new Set(view.items.filter((i) => i.domainCode === STATUTORY_DOMAIN).map((i) => i.domainName))];
    const crumbs: Crumb[] = [
      ...ancestors.map((a) => ({ label: a.name, href: a.depth === 0 ? '/' : `/units/${encodeURIComponent(a.code)}` })),
      { label: unit.name, href: `/units/${encodeURIComponent(unit.code)}` },
      { label: '公开目录' },
    ];
    const catalogName = view.catalog === 'village' ? '村(居)务公开目录' : '基层政务公开标准目录';
    return sendPage(request, reply, {
      title: `${unit.name}公开目录`,
      description: `${unit.name}依照${catalogName}应当主动公开的事项、时限和渠道。`,
      breadcrumbs: crumbs,
      body: (
        <>
          <h1>{`${unit.name}公开目录`}</h1>
          <p className="lead">
            {`依据《中华人民共和国政府信息公开条例》第十二条编制。本单位适用${catalogName}`}
            {view.version ? `（第${view.version.number}版，${view.version.effectiveFrom}起施行）` : ''}
            {'，列出本单位应当公开的事项、公开时限和公开渠道。■ 表示必选渠道，□ 表示可选渠道。'}
          </p>
          {view.catalog === 'village' ? (
            <p>{view.busyFinance ? '本村（社区）集体财务往来较多，财务收支情况每月公开。' : '本村（社区）财务收支情况每季度公开。'}</p>
          ) : null}
          {view.assignedDomains ? (
            <p>
              {view.assignedDomains.length > 0
                ? `本部门负责的公开领域：${[...new Set(view.items.filter((i) => i.domainCode !== STATUTORY_DOMAIN).map((i) => i.domainName))].join('、')}。`
                : '县政府办尚未为本部门设定负责的公开领域，暂无需列出的标准事项。'}
            </p>
          ) : null}
          {view.items.length === 0 && view.localItems.length === 0 && !view.assignedDomains ? <p className="muted">目录尚未建立。</p> : null}
          <nav aria-label="领域索引" className="toc">
            <ul>
              {groupByDomain(view.items, order).map(([name]) => (
                <li key={name}>
                  <a href={`#d-${order.indexOf(name)}`}>{name}</a>
                </li>
              ))}
            </ul>
          </nav>
          {groupByDomain(view.items, order).map(([name, items]) => (
            <section key={name} aria-labelledby={`d-${order.indexOf(name)}`}>
              <h2 id={`d-${order.indexOf(name)}`}>{`${name}（${items.length}项）`}</h2>
              <ul className="plain-list catalog-list">
                {items.map((i) => (
                  <ItemEntry key={i.key} item={i} />
                ))}
              </ul>
            </section>
          ))}
          {view.localItems.length > 0 ? (
            <section aria-labelledby="local">
              <h2 id="local">{`本单位增加的事项（${view.localItems.length}项）`}</h2>
              <ul className="plain-list catalog-list">
                {view.localItems.map((i) => (
                  <ItemEntry key={i.key} item={i} />
                ))}
              </ul>
            </section>
          ) : null}
          {view.excluded.length > 0 ? (
            <section aria-labelledby="excluded">
              <h2 id="excluded">{`本单位不适用的事项（${view.excluded.length}项）`}</h2>
              <ul className="plain-list">
                {view.excluded.map((e) => (
                  <li key={e.item.key}>{`${e.item.domainName}：${e.item.level1}—${e.item.level2}。原因：${e.reason}`}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <p>
            <a href={`/units/${encodeURIComponent(unit.code)}`}>{`返回${unit.name}`}</a>
          </p>
        </>
      ),
    });
  });
}
