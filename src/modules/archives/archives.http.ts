/** Small HTTP helpers shared by the archives routes. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { FailureError, type Result } from '../../platform/result.ts';

export const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const tags = ['archives'];

export const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const disposition = (kind: 'inline' | 'attachment', name: string) => `${kind}; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** The page a list read asks for (the platform's Paging query: limit 1–500, default 50; offset from 0). */
export const pageOf = (q: { limit?: number; offset?: number }) => ({ limit: q.limit ?? 50, offset: q.offset ?? 0 });

export const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });

/** A command's value, or its failure thrown to the error handler (4xx with the Chinese message). */
export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new FailureError(r);
  return r.value;
}

export function sendFile(
  reply: FastifyReply,
  file: { name: string; type: string; buffer: Buffer },
  kind: 'inline' | 'attachment' = 'attachment',
): FastifyReply {
  return reply
    .header('content-type', MIME[file.type] ?? 'application/octet-stream')
    .header('content-disposition', disposition(kind, file.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.buffer);
}
