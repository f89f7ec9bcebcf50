import type { ModuleManifest } from '../platform/module.ts';
import { manifest as org } from './org/index.ts';
import { manifest as calendar } from './calendar/index.ts';
import { manifest as catalog } from './catalog/index.ts';
import { manifest as publishing } from './publishing/index.ts';
import { manifest as portal } from './portal/index.ts';
import { manifest as requests } from './requests/index.ts';

/** Every feature module, in registration order. */
export const modules: ModuleManifest[] = [org, calendar, catalog, publishing, portal, requests];
