import type { FastifyRequest } from 'fastify';

/** Cookie that keeps the 适老化 (elder) display mode on across visits (set by /elder-mode, part of the page cache key). */
export const ELDER_COOKIE = 'gk_elder';

export function isElder(request: Pick<FastifyRequest, 'cookies'>): boolean {
  return request.cookies?.[ELDER_COOKIE] === '1';
}
