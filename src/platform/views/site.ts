import { publicVersion } from './page-cache.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { ELDER_COOKIE } from './elder.ts';
import { findCountyContact } from './site.repository.ts';

export { ELDER_COOKIE, isElder } from './elder.ts';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export interface NavItem {
  href: string;
  label: string;
  /** Lower comes first. */
  order: number;
}

/** What the shared page chrome needs from the running app. */
export interface ViewsState {
  ctx: AppContext;
  /** Main navigation. Modules add an entry only once the page behind it exists (no dead links). */
  nav: NavItem[];
}

declare module 'fastify' {
  interface FastifyInstance {
    gkViews: ViewsState;
  }
}

/** The county record shown in the header and footer (名称、主办、地址、电话). */
export interface SiteInfo {
  countyName: string | null;
  countyCode: string | null;
  siteName: string;
  host: string | null;
  address: string | null;
  postalCode: string | null;
  phone: string | null;
}

const sites = new WeakMap<object, { version: string; site: Promise<SiteInfo> }>();

/**
 * The county's name and contact for every page's header and footer: read once per public version
 * stamp, which every unit change bumps (so an edit shows at once in this process, within a second in
 * others).
 */
export async function loadSite(ctx: AppContext): Promise<SiteInfo> {
  const version = await publicVersion(ctx);
  const hit = sites.get(ctx.db);
  if (hit && hit.version === version) return hit.site;
  const site = readSite(ctx);
  sites.set(ctx.db, { version, site });
  site.catch(() => sites.delete(ctx.db));
  return site;
}

async function readSite(ctx: AppContext): Promise<SiteInfo> {
  const county = await findCountyContact(ctx.db);
  if (!county) return { countyName: null, countyCode: null, siteName: '政务公开', host: null, address: null, postalCode: null, phone: null };
  return {
    countyName: county.name,
    countyCode: county.code,
    siteName: `${county.name}政务公开`,
    host: `${county.name}人民政府办公室`,
    address: county.address,
    postalCode: county.postal_code,
    phone: county.phone,
  };
}

/**
 * Accepts only same-site relative paths ("/x", not "//host", "/\host", "http:…"), so the
 * preference switch cannot be used as an open redirect. Anything else falls back to "/".
 */
export function safeBackPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//')) return '/';
  if (raw.includes('\\')) return '/';
  // Control characters (incl. CR/LF, tab) could split headers or be dropped by browsers into "//".
  if ([...raw].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return '/';
  try {
    // Browsers resolve the target against the current origin; it must stay on it.
    const base = 'http://same.invalid';
    if (new URL(raw, base).origin !== base) return '/';
  } catch {
    return '/';
  }
  return raw;
}

/** The current path and query, as the `back` target of the preference switch. */
export function currentPath(request: FastifyRequest): string {
  return safeBackPath(request.url);
}

export function addNavItem(app: FastifyInstance, item: NavItem): void {
  const nav = app.gkViews.nav;
  if (!nav.some((n) => n.href === item.href)) nav.push(item);
  nav.sort((a, b) => a.order - b.order);
}

/** Installs the shared page state and the 适老化 switch. Runs before the feature modules register. */
export function registerViews(app: FastifyInstance, ctx: AppContext): void {
  app.decorate('gkViews', { ctx, nav: [{ href: '/', label: '首页', order: 0 }] } satisfies ViewsState);

  // A plain GET link, so the switch works without JavaScript; the cookie only changes presentation.
  app.get('/preferences/elder', async (request, reply) => {
    const query = request.query as { on?: string; back?: string };
    const back = safeBackPath(query.back);
    if (query.on === '1') {
      reply.setCookie(ELDER_COOKIE, '1', { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'lax', secure: ctx.config.secureCookies });
    } else {
      reply.clearCookie(ELDER_COOKIE, { path: '/', sameSite: 'lax', secure: ctx.config.secureCookies });
    }
    return reply.header('cache-control', 'no-store').redirect(back, 303);
  });
}
