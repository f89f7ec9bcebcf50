import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { FailureError, fail } from '../result.ts';
import { actorHasRole, type Actor, type Role } from '../auth/roles.ts';
import { resolveApiToken, resolveSession, SESSION_COOKIE, tokensEqual } from '../auth/sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The CSRF token of the cookie session, for pages that render forms. */
    csrfToken: string | null;
    sessionToken: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller once per request: a Bearer token (integrations) or the session cookie
 * (browsers). Unsafe requests authenticated by cookie must carry the session's CSRF token, in the
 * `x-csrf-token` header (SPA) or a `_csrf` form field (server-rendered forms).
 */
export function registerAuthHooks(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('preValidation', async (request) => {
    // A route that acts for the public whoever sends it (an online application, a tracking lookup) says
    // `sessionless: true`: the session cookie is not read, so the request is anonymous and needs no CSRF
    // token — which a multipart form (identity-proof upload) could not show the hook before its handler
    // parses the body. Such a handler must not rely on an actor.
    const sessionless = request.routeOptions.config?.sessionless === true;
    if (!sessionless) await resolveActor(request);
    // Deny by default: every API route needs a logged-in actor unless it is marked public.
    const isPublic = (request.routeOptions.config as { public?: boolean } | undefined)?.public === true;
    if (!request.actor && !isPublic && request.url.startsWith('/api/') && request.is404 !== true) {
      throw new FailureError(fail(401, 'UNAUTHENTICATED', '请先登录'));
    }
  });

  async function resolveActor(request: FastifyRequest): Promise<void> {
    const auth = request.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const actor = m ? await resolveApiToken(ctx, m[1]) : null;
      if (!actor) throw new FailureError(fail(401, 'INVALID_TOKEN', '访问令牌无效或已被撤销'));
      request.actor = actor;
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (!cookie) return;
    const session = await resolveSession(ctx, cookie);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    request.sessionToken = cookie;
    if (UNSAFE.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      const sent = (request.headers['x-csrf-token'] as string | undefined) ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
      if (!sent || !tokensEqual(sent, session.csrfToken)) {
        throw new FailureError(fail(403, 'CSRF_FAILED', '页面已过期或请求来源不可信，请刷新页面后重试'));
      }
    }
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new FailureError(fail(401, 'UNAUTHENTICATED', '请先登录'));
  return request.actor;
}

export function requireRole(request: FastifyRequest, roles: readonly Role[]): Actor {
  const actor = requireActor(request);
  if (!roles.some((r) => actorHasRole(actor, r))) throw new FailureError(fail(403, 'FORBIDDEN', '您没有执行此操作的权限'));
  return actor;
}
