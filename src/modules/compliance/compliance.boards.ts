/**
 * 公开栏 not inspected within the county's period (issue 18): a compliance finding read from the archives module
 * (its notice-board registry and inspections). Read-only, scoped like every compliance read.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { errors } from '../../platform/http/schemas.ts';
import { scopeRoots } from '../../platform/auth/roles.ts';
import { unwrap } from '../../platform/result.ts';
import { uninspectedBoards } from '../archives/index.ts';
import { UninspectedBoards } from '../archives/archives.schemas.ts';
import { unitInScope } from './compliance.service.ts';

export function registerBoardFindingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/compliance/board-inspections',
    {
      schema: {
        tags: ['compliance'],
        summary: '超过巡查周期未巡查的公开栏（周期为县级设置）',
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: UninspectedBoards, ...errors(401, 404) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const asOf = chinaDate(ctx.clock.now());
      const roots = request.query.unit ? [unwrap(await unitInScope(ctx, actor, request.query.unit)).path] : scopeRoots(actor);
      const items = (await Promise.all(roots.map((root) => uninspectedBoards(ctx, root, asOf)))).flat();
      return {
        asOf,
        items: items.map((b) => ({
          boardId: b.boardId,
          boardName: b.boardName,
          unit: { code: b.unitCode, name: b.unitName },
          lastInspectedOn: b.lastInspectedOn,
          finding: b.lastInspectedOn ? `公开栏“${b.boardName}”自${b.lastInspectedOn}以来超过${b.intervalDays}天未巡查` : `公开栏“${b.boardName}”登记以来超过${b.intervalDays}天未巡查`,
          link: `/admin/archives/boards/${b.boardId}`,
        })),
      };
    },
  );
}
