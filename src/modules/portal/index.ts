import type { ModuleManifest } from '../../platform/module.ts';
import { registerPortalPages } from './portal.pages.tsx';
import { registerSearchPages } from './search.pages.tsx';
import { registerSearchRoutes } from './search.routes.ts';

/** The public portal: county home, unit directory and unit pages (server-rendered, no JavaScript needed). */
export const manifest: ModuleManifest = {
  name: 'portal',
  register(app, ctx) {
    registerPortalPages(app, ctx);
    registerSearchPages(app, ctx);
    registerSearchRoutes(app, ctx);
  },
};

export { registerUnitPageExtension, type UnitPageExtension } from './unit-page-extensions.ts';
