import { registerModuleList, type ModuleManifest } from '../platform/module.ts';
import { fileSweepJob } from '../platform/files/sweep.ts';
import { manifest as org } from './org/index.ts';
import { manifest as calendar } from './calendar/index.ts';
import { manifest as catalog } from './catalog/index.ts';
import { manifest as publishing } from './publishing/index.ts';
import { manifest as portal } from './portal/index.ts';
import { manifest as compliance } from './compliance/index.ts';
import { manifest as assessment } from './assessment/index.ts';
import { manifest as notifications } from './notifications/index.ts';
import { manifest as requests, lettersManifest as requestLetters } from './requests/index.ts';
import { manifest as interaction } from './interaction/index.ts';
import { manifest as participation } from './participation/index.ts';
import { manifest as archives } from './archives/index.ts';
import { backupModule } from './backup/index.ts';
import { manifest as showcase } from './showcase/index.ts';
import { manifest as policies } from './policies/index.ts';
import { manifest as offline } from './offline/index.ts';

/** The platform's file store: its daily sweep keeps every file some module's `storedFiles` column references. */
const files: ModuleManifest = { name: 'files', register() {}, jobs: [fileSweepJob(() => modules.flatMap((m) => m.storedFiles ?? []))] };

/** Every feature module, in registration order. */
export const modules: ModuleManifest[] = [
  org,
  calendar,
  catalog,
  publishing,
  portal,
  requests,
  requestLetters,
  showcase,
  policies,
  offline,
  // Before interaction: its demo 意见箱 names one of archives' demo 公开栏 (read through archives' index).
  archives,
  interaction,
  participation,
  compliance,
  assessment,
  notifications,
  files,
  backupModule(() => modules),
];
registerModuleList(() => modules);
