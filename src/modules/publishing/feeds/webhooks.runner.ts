import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { dispatchDueDeliveries } from './webhooks.dispatch.ts';

export const RUNNER_INTERVAL_MS = 5_000;

/**
 * Runs the dispatcher every 5 s while the server is up (started on onReady, stopped on onClose; the
 * timer is unref'd so it never keeps a process alive). Off with GONGKAI_JOBS=0. Every process may run
 * it: claims are leased in the database, so two processes never send the same delivery at once.
 */
export function registerWebhookRunner(app: FastifyInstance, ctx: AppContext): void {
  if (!ctx.config.jobs) return;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return; // the previous round is still sending
    running = dispatchDueDeliveries(ctx, { limit: 100 })
      .catch((e: unknown) => ctx.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'webhook dispatcher failed'))
      .finally(() => {
        running = null;
      });
  };
  app.addHook('onReady', async () => {
    timer = setInterval(tick, RUNNER_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    timer = null;
    await running;
  });
}
