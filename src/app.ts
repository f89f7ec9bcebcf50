import { platformJobs } from './platform/db/maintenance.ts';
import { pingDatabase } from './platform/db/database.ts';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppContext } from './platform/context.ts';
import { errorHandler } from './platform/http/errors.ts';
import { registerAuthHooks } from './platform/http/auth-hooks.ts';
import { modules } from './modules/index.ts';
import { registerViews } from './platform/views/site.ts';
import { pageCacheFastPath, registerPageCache } from './platform/views/page-cache.ts';
import { sendPage } from './platform/views/layout.tsx';
import { registerJobRunner } from './platform/jobs/runner.ts';
import { createElement } from 'react';
import { Type } from 'typebox';
import { SESSION_COOKIE } from './platform/auth/sessions.ts';
import { API_DESCRIPTION, API_TAGS } from './platform/http/api-docs.ts';
import { JsonValueSchema } from './platform/http/schemas.ts';

export const VERSION: string = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN_DIST = path.join(ROOT, 'web/admin/dist');
export const PUBLIC_ASSETS = path.join(ROOT, 'src/platform/views/assets');

/** Query strings can carry tracking secrets or names: logs keep only the path. */
function pathOnly(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : `${url.slice(0, i)}?…`;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Routes as registered, with whether they are deliberately public (`config: { public: true }`) and take uploads (`schema.consumes` multipart). */
    registeredRoutes: { method: string; url: string; public: boolean; multipart: boolean }[];
  }
  interface FastifyContextConfig {
    /** Marks a route as intentionally reachable without logging in. */
    public?: boolean;
    /** The route ignores the session cookie: every request is anonymous (public submissions; see auth-hooks). */
    sessionless?: boolean;
  }
}

export interface BuildAppOptions {
  /** Pino logging; tests pass false. */
  logger?: boolean;
  /**
   * Fastify's validator and serializer factories (`schemaController.compilersFactory`); unset = Fastify's own.
   * Tests pass factories that keep compiled schemas for the whole test process (test/helpers/schema-compilers.ts).
   */
  schemaCompilers?: NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
}

export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  // Cached public pages are answered by the HTTP server before Fastify sees them (platform/views/page-cache.ts);
  // the server is otherwise Fastify's own, with its timeouts (what Fastify sets when it makes the server).
  let log: FastifyInstance['log'] | null = null;
  const cachedPage = pageCacheFastPath(ctx, () => log);
  const serverFactory: FastifyServerOptions['serverFactory'] = (handler, fastifyOptions) => {
    const options = fastifyOptions as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number };
    const server = http.createServer((req, res) => {
      if (!cachedPage(req, res)) handler(req, res);
    });
    server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
    server.requestTimeout = options.requestTimeout ?? 0;
    server.setTimeout(options.connectionTimeout ?? 0);
    return server;
  };
  const app = Fastify({
    serverFactory,
    logger:
      opts.logger === false || ctx.config.logLevel === 'silent'
        ? false
        : {
            level: ctx.config.logLevel,
            // No personal data in logs: no bodies, no cookies, no auth headers, no query strings.
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: pathOnly(req.url), id: req.id }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: process.env.GONGKAI_TRUST_PROXY === '1',
    bodyLimit: 2 * 1024 * 1024,
    // coerceTypes 'array' would turn a one-element array into a string inside anyOf (string | array) bodies.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: true } },
    ...(opts.schemaCompilers ? { schemaController: { compilersFactory: opts.schemaCompilers } } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();
  log = app.log;

  // Every route, for the authorization matrix test (a new route cannot escape it).
  const routes: { method: string; url: string; public: boolean; multipart: boolean }[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const isPublic = (route.config as { public?: boolean } | undefined)?.public === true;
    const multipartRoute = ((route.schema as { consumes?: string[] } | undefined)?.consumes ?? []).includes('multipart/form-data');
    // `public` is read when asked: a scope's own onRoute hook (the API docs) may mark its routes public after this one ran.
    for (const m of methods)
      if (m !== 'HEAD')
        routes.push({
          method: m,
          url: route.url,
          get public() {
            return isPublic || (route.config as { public?: boolean } | undefined)?.public === true;
          },
          multipart: multipartRoute,
        });
  });
  // The shared schemas a route names by $ref (the recursive JSON value of free-shaped snapshots).
  app.addSchema(JsonValueSchema);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '请求的接口不存在', requestId: request.id } });
    }
    return sendNotFound(request, reply);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd injects its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(formbody);
  // Uploads: one file per request, size checked here and again by each route's own limit.
  await app.register(multipart, { limits: { files: 1, fileSize: 20 * 1024 * 1024, fields: 20, fieldSize: 100_000 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongkai 公开 API', version: VERSION, description: API_DESCRIPTION },
      tags: API_TAGS,
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: '个人访问令牌（POST /api/v1/tokens 创建），请求头 `Authorization: Bearer <令牌>`；不需要 CSRF 令牌',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: '浏览器会话（POST /api/v1/auth/login）；写操作须带 `x-csrf-token` 请求头（登录时返回的 csrfToken）',
          },
        },
      },
    },
    // Portal pages (server-rendered HTML, no tag) are not part of the API.
    hideUntagged: true,
    // Each operation says how to authenticate: public routes need nothing, every other one a token or a session.
    transform: ({ schema, url, route }) => {
      const isPublic = (route.config as { public?: boolean } | undefined)?.public === true;
      return { schema: { ...schema, security: isPublic ? [] : [{ bearer: [] }, { session: [] }] } as typeof schema, url };
    },
  });
  // The documentation is public (the routes it documents still need their permissions): its routes are marked public.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = Object.assign(route.config ?? {}, { public: true });
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none', deepLinking: true } });
  });

  registerAuthHooks(app, ctx);
  registerViews(app, ctx);
  registerPageCache(app, ctx);

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: '健康检查',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String({ enum: ['sqlite', 'postgres'] }), version: Type.String() }) },
      },
    },
    async () => {
      await pingDatabase(ctx.db);
      return { status: 'ok' as const, database: ctx.dialect, version: VERSION };
    },
  );

  await app.register(fastifyStatic, { root: PUBLIC_ASSETS, prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  if (fs.existsSync(path.join(ADMIN_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: ADMIN_DIST, prefix: '/admin/', decorateReply: false, index: false, wildcard: false, maxAge: '1h' });
    const indexHtml = fs.readFileSync(path.join(ADMIN_DIST, 'index.html'), 'utf8');
    // The SPA owns every /admin path; unknown paths get its index so deep links work.
    app.get('/admin', (_req, reply) => reply.redirect('/admin/'));
    app.get('/admin/*', (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml));
  } else {
    app.get('/admin/*', (_req, reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>管理后台尚未构建</title><p>管理后台尚未构建，请运行 <code>npm run build</code> 后重启。</p>'),
    );
  }

  for (const m of modules) await m.register(app, ctx);
  registerJobRunner(app, ctx, [...platformJobs, ...modules.flatMap((m) => m.jobs ?? [])]);
  return app;
}

/** The Chinese 404 page inside the normal site chrome; plain fallback if even that fails (e.g. database down). */
async function sendNotFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    return await sendPage(request, reply, {
      status: 404,
      title: '页面不存在',
      description: '您访问的页面不存在或已被移除。',
      body: createElement(
        'section',
        { className: 'not-found' },
        createElement('h1', null, '页面不存在'),
        createElement('p', null, '您访问的页面不存在或已被移除，请检查网址是否正确。'),
        createElement('p', null, createElement('a', { href: '/' }, '返回首页'), '　', createElement('a', { href: '/units' }, '按单位浏览')),
      ),
    });
  } catch {
    return reply.status(404).type('text/html; charset=utf-8').send(notFoundPage());
  }
}

function notFoundPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>页面不存在</title><link rel="stylesheet" href="/assets/portal.css"></head><body><main class="container"><h1>页面不存在</h1><p>您访问的页面不存在或已被移除。</p><p><a href="/">返回首页</a></p></main></body></html>`;
}
