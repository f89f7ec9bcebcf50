/** Village decision API (thin routes). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { scopeRoots } from '../../platform/auth/roles.ts';
import { requireActor } from '../../platform/http/auth-hooks.ts';
import { DateString, Nullable, errors } from '../../platform/http/schemas.ts';
import { unwrap } from '../../platform/result.ts';
import { decisionDetail, proposeDecision, recordDiscussion, recordImplementation, recordResolution } from './decision.commands.ts';
import { DECISION_MATTERS, MEETING_KINDS } from './participation.rules.ts';
import { IdParams, Text } from './consultation.routes.ts';
import * as S from './participation.schemas.ts';
import * as repo from './participation.repository.ts';

const Count = Type.Integer({ minimum: 0, maximum: 100_000 });

export function registerDecisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const meta = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });
  const tags = ['participation'];
  const detail = async (request: FastifyRequest, id: string) => unwrap(await decisionDetail(ctx, requireActor(request), id));

  r.get(
    '/api/v1/participation/decisions',
    {
      schema: {
        tags,
        summary: '村务决策记录（本单位及下级）',
        querystring: Type.Object({ unit: Type.Optional(Text(64)) }),
        response: { 200: S.DecisionList, ...errors(401) },
      },
    },
    async (request) => {
      const roots = scopeRoots(requireActor(request));
      const rows = roots.length ? await repo.listDecisions(ctx.db, { roots, unitCode: request.query.unit }) : [];
      return {
        items: rows.map((d) => ({
          id: d.id,
          unitCode: d.unit_code,
          unitName: d.unit_name,
          title: d.title,
          matter: d.matter,
          proposedOn: d.proposed_on,
          resolvedOn: d.resolved_on,
          implementedOn: d.implemented_on,
          isDemo: d.is_demo === 1,
        })),
      };
    },
  );
  r.post(
    '/api/v1/participation/decisions',
    {
      schema: {
        tags,
        summary: '登记村务事项的提议',
        body: Type.Object(
          {
            unitCode: Text(64),
            matter: Type.String({ enum: DECISION_MATTERS.map((m) => m.code) }),
            title: Text(200),
            proposedBy: Text(200, '提议人（村党组织、村民委员会、十分之一以上村民等）'),
            proposedOn: DateString(),
            proposal: Text(20_000),
          },
          { additionalProperties: false },
        ),
        response: { 201: S.DecisionDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await detail(request, unwrap(await proposeDecision(ctx, meta(request), request.body)).id)),
  );
  r.get(
    '/api/v1/participation/decisions/:id',
    {
      schema: {
        tags,
        summary: '村务决策详情（含决议公开、实施结果公开的关联公开内容）',
        params: IdParams,
        response: { 200: S.DecisionDetail, ...errors(401, 404) },
      },
    },
    async (request) => detail(request, request.params.id),
  );
  r.post(
    '/api/v1/participation/decisions/:id/discussion',
    {
      schema: {
        tags,
        summary: '记录村“两委”讨论',
        params: IdParams,
        body: Type.Object({ discussedOn: DateString(), discussion: Text(20_000) }, { additionalProperties: false }),
        response: { 200: S.DecisionDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      unwrap(await recordDiscussion(ctx, meta(request), request.params.id, request.body));
      return detail(request, request.params.id);
    },
  );
  r.post(
    '/api/v1/participation/decisions/:id/resolution',
    {
      schema: {
        tags,
        summary: '记录会议表决和决议（检查到会人数三分之二以上、到会人员过半数通过；第二十四条事项须有会议记录）',
        params: IdParams,
        body: Type.Object(
          {
            meeting: Type.Optional(
              Nullable(
                Type.Object(
                  {
                    kind: Type.String({ enum: MEETING_KINDS.map((m) => m.code) }),
                    on: DateString('会议日期'),
                    entitled: Count,
                    present: Count,
                    votesFor: Count,
                    votesAgainst: Count,
                    votesAbstain: Count,
                  },
                  { additionalProperties: false },
                ),
              ),
            ),
            resolution: Text(20_000),
            resolvedOn: DateString(),
          },
          { additionalProperties: false },
        ),
        response: { 200: S.DecisionDetail, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      unwrap(await recordResolution(ctx, meta(request), request.params.id, request.body));
      return detail(request, request.params.id);
    },
  );
  r.post(
    '/api/v1/participation/decisions/:id/implementation',
    {
      schema: {
        tags,
        summary: '记录实施结果（产生“实施结果公开”义务）',
        params: IdParams,
        body: Type.Object({ implementedOn: DateString(), implementation: Text(20_000) }, { additionalProperties: false }),
        response: { 200: S.DecisionDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      unwrap(await recordImplementation(ctx, meta(request), request.params.id, request.body));
      return detail(request, request.params.id);
    },
  );
}
