/** Shared server-rendered page pieces for the public portal and later public pages. */
export { Page, renderPage, sendPage, sendNotFound, type Crumb, type PageOptions, type NotFoundOptions } from './layout.tsx';
export { registerViews, addNavItem, isElder, safeBackPath, loadSite, ELDER_COOKIE, type NavItem, type SiteInfo } from './site.ts';
