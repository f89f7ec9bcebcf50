/**
 * The answer of GET /api/v1/audit/events (the audit log search, org/account.routes.ts). An event's `before` and
 * `after` are free JSON objects by design: each command records its own small snapshot of what it changed, and the
 * log keeps the snapshots of actions and shapes that no longer exist, so no schema could list their fields. They are
 * typed as JSON objects (each value any JSON value), or null when the action recorded none. The admin takes the
 * `Static` type type-only.
 */
import { Type, type Static } from 'typebox';
import { JsonObject, Nullable } from '../http/schemas.ts';

const SNAPSHOT = '操作各自记录的快照（JSON 对象，字段因操作而异，也包括已不存在的操作和字段）；没有记录时为 null';

export const AuditEventSchema = Type.Object({
  seq: Type.Integer({ description: '哈希链中的序号' }),
  occurredAt: Type.String(),
  actorUsername: Nullable(Type.String()),
  unitCode: Nullable(Type.String()),
  action: Type.String({ description: '操作，如 user.create、disclosure.publish' }),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  before: Nullable(JsonObject(`变更前：${SNAPSHOT}`)),
  after: Nullable(JsonObject(`变更后：${SNAPSHOT}`)),
  requestId: Nullable(Type.String()),
  hash: Type.String({ description: '本条的 SHA-256（含上一条的哈希）' }),
});
export type AuditEvent = Static<typeof AuditEventSchema>;

export const AuditEventPage = Type.Object({ total: Type.Integer(), items: Type.Array(AuditEventSchema) });
export type AuditEventPage = Static<typeof AuditEventPage>;
