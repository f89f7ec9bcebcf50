import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { runDueJobs, type JobDefinition } from './jobs.ts';

export const RUNNER_TICK_SECONDS = 30;

/**
 * Checks for due jobs every RUNNER_TICK_SECONDS while the server is up (started on onReady,
 * stopped on onClose; the timer is unref'd). Off with GONGKAI_JOBS=0 (then run
 * `gongkai jobs run-due` from cron). Every process may run it: runs are leased in the database.
 */
export function registerJobRunner(app: FastifyInstance, ctx: AppContext, jobs: readonly JobDefinition[]): void {
  if (!ctx.config.jobs || jobs.length === 0) return;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const intervalState = new Map<string, number>();
  const tick = () => {
    if (running) return;
    running = runDueJobs(ctx, jobs, { intervalState })
      .catch((e: unknown) => ctx.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'job runner failed'))
      .finally(() => {
        running = null;
      });
  };
  app.addHook('onReady', async () => {
    timer = setInterval(tick, RUNNER_TICK_SECONDS * 1000);
    timer.unref();
    setTimeout(tick, 1000).unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    timer = null;
    await running;
  });
}
