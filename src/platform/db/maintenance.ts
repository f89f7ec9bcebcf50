/** Database maintenance that no module owns, as scheduled jobs (run with the modules' jobs). */
import type { JobDefinition } from '../jobs/jobs.ts';
import { optimizeStatistics } from './database.ts';

export const DB_OPTIMIZE_JOB = 'db.optimize';

export const platformJobs: JobDefinition[] = [
  // Planner statistics follow the data as it grows (SQLite; PostgreSQL's autovacuum does this itself). 03:00 China time.
  {
    name: DB_OPTIMIZE_JOB,
    schedule: { kind: 'daily', hour: async () => 3 },
    run: async (ctx) => {
      await optimizeStatistics(ctx.db, ctx.dialect);
      return { dialect: ctx.dialect };
    },
  },
];
