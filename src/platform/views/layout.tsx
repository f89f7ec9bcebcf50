import type { ReactElement, ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentPath, isElder, loadSite, type NavItem, type SiteInfo } from './site.ts';

export interface Crumb {
  label: string;
  /** Omitted for the current page (the last crumb). */
  href?: string;
}

export interface PageOptions {
  /** Page name; the document title becomes "{title} - {county}政务公开". */
  title: string;
  description: string;
  breadcrumbs?: Crumb[];
  body: ReactElement;
  /** Open Graph type; pages about one thing may pass "article". */
  ogType?: string;
}

interface PageProps extends PageOptions {
  site: SiteInfo;
  nav: NavItem[];
  elder: boolean;
  /** Absolute URL of this page (og:url, canonical). */
  url: string;
  /** Path and query of this page, where the 适老化 switch returns to. */
  back: string;
  activePath: string;
}

function Breadcrumbs({ items }: { items: Crumb[] }): ReactElement {
  return (
    <nav className="breadcrumbs" aria-label="当前位置">
      <div className="container">
        <ol>
          {items.map((c, i) => (
            <li key={`${i}-${c.label}`}>
              {i > 0 ? (
                <span className="sep" aria-hidden="true">
                  {' › '}
                </span>
              ) : null}
              {c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}
            </li>
          ))}
        </ol>
      </div>
    </nav>
  );
}

function ElderSwitch({ elder, back }: { elder: boolean; back: string }): ReactElement {
  const href = `/preferences/elder?on=${elder ? '0' : '1'}&back=${encodeURIComponent(back)}`;
  return (
    <a className="elder-switch" href={href}>
      {elder ? '标准模式' : '长辈模式（大字）'}
    </a>
  );
}

function Footer({ site }: { site: SiteInfo }): ReactElement {
  const lines: ReactNode[] = [];
  if (site.host) lines.push(<p key="host">{`主办：${site.host}`}</p>);
  if (site.address) lines.push(<p key="addr">{`地址：${site.address}${site.postalCode ? `（邮编 ${site.postalCode}）` : ''}`}</p>);
  if (site.phone) lines.push(<p key="phone">{`电话：${site.phone}`}</p>);
  if (site.countyCode) {
    lines.push(
      <p key="guide">
        <a href={`/units/${encodeURIComponent(site.countyCode)}/guide`}>政府信息公开指南</a>
      </p>,
    );
  }
  return (
    <footer className="site-footer">
      <div className="container">
        {lines}
        <p className="footer-note">本网站不使用第三方统计和外部字体；长辈模式的选择只保存在您的浏览器中。</p>
      </div>
    </footer>
  );
}

/** The whole document. Everything user-supplied goes through React, which escapes it. */
export function Page(props: PageProps): ReactElement {
  const { site, title, description } = props;
  const fullTitle = `${title} - ${site.siteName}`;
  return (
    <html lang="zh-CN" className={props.elder ? 'elder' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
        <meta property="og:title" content={fullTitle} />
        <meta property="og:description" content={description} />
        <meta property="og:type" content={props.ogType ?? 'website'} />
        <meta property="og:url" content={props.url} />
        <meta property="og:site_name" content={site.siteName} />
        <meta property="og:locale" content="zh_CN" />
        <link rel="canonical" href={props.url} />
        <link rel="stylesheet" href="/assets/portal.css" />
        {/* Progressive enhancement only (search suggestions); every page works without it. */}
        <script src="/assets/portal.js" defer />
      </head>
      <body>
        <a className="skip-link" href="#main">
          跳到主要内容
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <a className="site-name" href="/">
              {site.siteName}
            </a>
            <ElderSwitch elder={props.elder} back={props.back} />
          </div>
          <nav className="main-nav" aria-label="主导航">
            <div className="container">
              <ul>
                {props.nav.map((n) => (
                  <li key={n.href}>
                    <a href={n.href} aria-current={n.href === props.activePath ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        </header>
        {props.breadcrumbs && props.breadcrumbs.length > 0 ? <Breadcrumbs items={props.breadcrumbs} /> : null}
        <main id="main" tabIndex={-1}>
          <div className="container">{props.body}</div>
        </main>
        <Footer site={site} />
      </body>
    </html>
  );
}

function pathOf(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : url.slice(0, i);
}

/** Renders a full HTML document for this request (elder mode from the cookie, URLs from config.baseUrl). */
export async function renderPage(request: FastifyRequest, opts: PageOptions): Promise<string> {
  const views = request.server.gkViews;
  const site = await loadSite(views.ctx);
  const path = pathOf(request.url);
  const html = renderToString(
    <Page
      {...opts}
      site={site}
      nav={views.nav}
      elder={isElder(request)}
      url={`${views.ctx.config.baseUrl}${path}`}
      back={currentPath(request)}
      activePath={path}
    />,
  );
  return `<!doctype html>${html}`;
}

/**
 * Renders and sends a page. The output depends on the elder cookie, so shared caches must key on
 * it (Vary: Cookie) and browsers must revalidate (no-cache) after the visitor flips the switch.
 */
export async function sendPage(request: FastifyRequest, reply: FastifyReply, opts: PageOptions & { status?: number }): Promise<FastifyReply> {
  const html = await renderPage(request, opts);
  return reply
    .status(opts.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('vary', 'Cookie')
    .header('cache-control', 'no-cache')
    .send(html);
}

export interface NotFoundOptions {
  /** e.g. 单位不存在 */
  title: string;
  message: string;
  links: { label: string; href: string }[];
}

/** The portal's 404 page (Chinese, with ways back), shared by every module's pages. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply, opts: NotFoundOptions): Promise<FastifyReply> {
  return sendPage(request, reply, {
    status: 404,
    title: opts.title,
    description: opts.message,
    body: (
      <section className="not-found">
        <h1>{opts.title}</h1>
        <p>{opts.message}</p>
        <p>
          {opts.links.map((l, i) => (
            <span key={l.href}>
              {i > 0 ? '　' : null}
              <a href={l.href}>{l.label}</a>
            </span>
          ))}
        </p>
      </section>
    ),
  });
}
