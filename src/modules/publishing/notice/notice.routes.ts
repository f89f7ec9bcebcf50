import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../../platform/context.ts';
import { errors } from '../../../platform/http/schemas.ts';
import { unwrap } from '../../../platform/result.ts';
import { disclosureNotice, unitNoticeBatch } from './notice.service.ts';

const Size = Type.Optional(Type.Union([Type.Literal('A4'), Type.Literal('A3')], { default: 'A4', description: '纸张：A4 或 A3（公开栏张贴建议 A3）' }));

function pdfHeaders(filename: string) {
  return {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="notice.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  };
}

/** Printable notices contain only public, masked content, so they are public like the pages. */
export function registerNoticeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/disclosures/:id/notice.pdf',
    {
      config: { public: true },
      schema: {
        tags: ['publishing'],
        summary: '公开栏公告（PDF，可打印张贴；含公示期、监督委员会审核、二维码）',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ size: Size }),
        response: { ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const { pdf, title } = unwrap(await disclosureNotice(ctx, request.params.id, request.query.size ?? 'A4'));
      return reply.headers(pdfHeaders(`${title}.pdf`)).send(pdf);
    },
  );
  r.get(
    '/api/v1/units/:code/notices.pdf',
    {
      config: { public: true },
      schema: {
        tags: ['publishing'],
        summary: '批量打印：本单位当前应张贴的全部公告（一个 PDF，每份公告另起一页）',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object({ size: Size }),
        response: { ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const { pdf, unitName } = unwrap(await unitNoticeBatch(ctx, request.params.code, request.query.size ?? 'A4'));
      return reply.headers(pdfHeaders(`${unitName}-当前公示公告.pdf`)).send(pdf);
    },
  );
}
