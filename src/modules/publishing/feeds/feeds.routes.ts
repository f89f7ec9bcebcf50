import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../platform/context.ts';
import { feedError, loadFeed, renderAtom, renderJsonFeed, type FeedScope } from './feeds.service.ts';

type Format = 'atom' | 'json';
const CONTENT_TYPE: Record<Format, string> = { atom: 'application/atom+xml; charset=utf-8', json: 'application/feed+json; charset=utf-8' };
const ERROR_TYPE: Record<Format, string> = { atom: 'application/xml; charset=utf-8', json: 'application/json; charset=utf-8' };

function splitFile(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(atom|json)$/.exec(file);
  return m ? { name: m[1], format: m[2] as Format } : null;
}

/** True when the client's cached copy is current (If-None-Match first, else If-Modified-Since). */
function isFresh(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const inm = request.headers['if-none-match'];
  if (inm) return inm.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);
  const ims = request.headers['if-modified-since'];
  if (ims) {
    const t = Date.parse(ims);
    return !Number.isNaN(t) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(t / 1000);
  }
  return false;
}

/**
 * Public feeds (no login): /feeds/all.{atom,json}, /feeds/units/{code}.{atom,json}[?children=0],
 * /feeds/domains/{domainCode}.{atom,json}. Latest 50 public records, masked content only.
 */
export function registerFeedRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['feeds'];

  async function serve(request: FastifyRequest, reply: FastifyReply, format: Format, scope: FeedScope, query = ''): Promise<FastifyReply> {
    reply.header('access-control-allow-origin', '*');
    const loaded = await loadFeed(ctx, scope);
    if (!loaded.ok)
      return reply
        .status(loaded.status)
        .type(ERROR_TYPE[format])
        .header('cache-control', 'no-cache')
        .send(feedError(format, loaded.code, loaded.message));
    const feed = loaded.value;
    const selfUrl = `${ctx.config.baseUrl}${feed.path}.${format}${query}`;
    const body = format === 'atom' ? renderAtom(ctx, feed, selfUrl) : renderJsonFeed(feed, selfUrl);
    const etag = `"${crypto.createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    const lastModified = new Date(feed.updated);
    reply.header('etag', etag).header('last-modified', lastModified.toUTCString()).header('cache-control', 'public, max-age=60');
    if (isFresh(request, etag, lastModified)) return reply.status(304).send();
    return reply.type(CONTENT_TYPE[format]).send(body);
  }

  const notFound = (reply: FastifyReply) =>
    reply
      .status(404)
      .type(ERROR_TYPE.json)
      .send(feedError('json', 'FEED_NOT_FOUND', '订阅地址不存在（应以 .atom 或 .json 结尾）'));
  const File = Type.Object({ file: Type.String({ maxLength: 200 }) });

  for (const format of ['atom', 'json'] as const) {
    r.get(
      `/feeds/all.${format}`,
      { config: { public: true }, schema: { tags, summary: `全县公开信息订阅（${format === 'atom' ? 'Atom 1.0' : 'JSON Feed 1.1'}），最新50条` } },
      (request, reply) => serve(request, reply, format, { kind: 'all' }),
    );
  }

  r.get(
    '/feeds/units/:file',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '单位公开信息订阅：{单位代码}.atom 或 .json；默认含下级单位，?children=0 仅本单位',
        params: File,
        querystring: Type.Object({ children: Type.Optional(Type.String({ enum: ['0', '1'] })) }),
      },
    },
    (request, reply) => {
      const f = splitFile(request.params.file);
      if (!f) return notFound(reply);
      const children = request.query.children !== '0';
      return serve(request, reply, f.format, { kind: 'unit', code: f.name, children }, children ? '' : '?children=0');
    },
  );

  r.get(
    '/feeds/domains/:file',
    { config: { public: true }, schema: { tags, summary: '公开领域订阅：{领域代码}.atom 或 .json', params: File } },
    (request, reply) => {
      const f = splitFile(request.params.file);
      if (!f) return notFound(reply);
      return serve(request, reply, f.format, { kind: 'domain', code: f.name });
    },
  );
}
