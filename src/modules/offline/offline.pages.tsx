/** Public pages of the offline channels: a unit's 政务公开专区 and 便民服务点, and the list the 公开指南 shows. */
import type { ReactElement } from 'react';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { sendNotFound, sendPage } from '../../platform/views/layout.tsx';
import { findAncestors, findUnit } from '../org/index.ts';
import { listServicePoints, type ServicePointView } from './offline.queries.ts';

/** The places as a list (also rendered in the unit's 公开指南). */
export function ServicePointList({ points, withPhotos = false }: { points: ServicePointView[]; withPhotos?: boolean }): ReactElement {
  if (points.length === 0) return <p className="muted">本单位暂未登记政务公开专区或便民服务点。</p>;
  return (
    <ul className="plain-list service-points">
      {points.map((p) => (
        <li key={p.id} className="panel">
          <h3>
            {p.name}
            <span className="muted">{`（${p.kindText}）`}</span>
            {p.isDemo ? <span className="badge">演示</span> : null}
          </h3>
          {withPhotos && p.photoUrl ? <img src={p.photoUrl} alt={`${p.name}照片`} loading="lazy" style={{ maxWidth: '100%', maxHeight: 240 }} /> : null}
          <dl className="facts">
            <div>
              <dt>地点</dt>
              <dd>{p.place}</dd>
            </div>
            <div>
              <dt>开放时间</dt>
              <dd>{p.hours}</dd>
            </div>
            <div>
              <dt>可办理</dt>
              <dd>{p.services.join('、')}</dd>
            </div>
            {p.phone ? (
              <div>
                <dt>电话</dt>
                <dd>
                  <a href={`tel:${p.phone.replace(/[^\d+-]/g, '')}`}>{p.phone}</a>
                </dd>
              </div>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function registerOfflinePages(app: FastifyInstance, ctx: AppContext): void {
  app.get('/units/:code/service-points', { config: { pageCache: true } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 64);
    const unit = await findUnit(ctx.db, code);
    if (!unit || unit.active !== 1)
      return sendNotFound(request, reply, {
        title: '单位不存在',
        message: `没有找到编码为“${code}”的单位。`,
        links: [{ label: '查看单位目录', href: '/units' }],
      });
    const points = await listServicePoints(ctx, { unitCodes: [unit.code] });
    const parent = (await findAncestors(ctx.db, unit)).pop();
    const home = `/units/${encodeURIComponent(unit.code)}`;
    return sendPage(request, reply, {
      title: `${unit.name}政务公开专区和便民服务点`,
      description: `${unit.name}可以现场查看公开信息、办理事项的地点、开放时间和服务`,
      breadcrumbs: [
        { label: '首页', href: '/' },
        ...(parent && parent.depth > 0 ? [{ label: parent.name, href: `/units/${encodeURIComponent(parent.code)}` }] : []),
        { label: unit.name, href: home },
        { label: '政务公开专区和便民服务点' },
      ],
      body: (
        <article>
          <h1>{`${unit.name}政务公开专区和便民服务点`}</h1>
          <p className="lead">不方便上网的，可以到下面这些地方查看公开信息、咨询和办理事项。</p>
          <ServicePointList points={points} withPhotos />
          <p>
            <a href={`/api/v1/units/${encodeURIComponent(unit.code)}/service-booklet.pdf`}>下载打印办事一本通（PDF）</a>
            {' · '}
            <a href={home}>{`返回${unit.name}`}</a>
          </p>
        </article>
      ),
    });
  });
}
