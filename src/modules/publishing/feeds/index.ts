/**
 * Syndication of the publishing pipeline: public Atom/JSON feeds and signed outbound webhooks.
 * See docs/webhooks.md and the publishing README (§ Feeds and webhooks).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { registerFeedRoutes } from './feeds.routes.ts';
import { registerWebhookRoutes } from './webhooks.routes.ts';
import { registerWebhookRunner } from './webhooks.runner.ts';

export function registerSyndication(app: FastifyInstance, ctx: AppContext): void {
  registerFeedRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerWebhookRunner(app, ctx);
}

export { dispatchDueDeliveries, signWebhook, RETRY_DELAYS_SECONDS, MAX_ATTEMPTS } from './webhooks.dispatch.ts';
export { enqueueWebhookEvents, WEBHOOK_EVENTS, type WebhookEventType, type WebhookPayload } from './webhooks.events.ts';
