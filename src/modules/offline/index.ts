/**
 * Offline channels (issue 19 §2, seed notice 三(三)3): 致村(居)民一封信, 办事一本通, 明白纸, 广播稿 and the registry of
 * 政务公开专区 / 便民服务点 — printed matter made from what is already published, on the printable notices' PDF stack,
 * every text through the personal-data gate.
 */
import type { ModuleManifest } from '../../platform/module.ts';
import { registerOfflineRoutes } from './offline.routes.ts';
import { registerOfflinePages } from './offline.pages.tsx';
import { seedOfflineDemo } from './offline.demo.ts';

export const manifest: ModuleManifest = {
  name: 'offline',
  storedFiles: [{ table: 'offline_service_points', column: 'photo_sha256' }],
  register(app, ctx) {
    registerOfflineRoutes(app, ctx);
    registerOfflinePages(app, ctx);
  },
  seedDemo: seedOfflineDemo,
};

export { listServicePoints, type ServicePointView } from './offline.queries.ts';
export { ServicePointList } from './offline.pages.tsx';
