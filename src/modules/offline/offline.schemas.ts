/**
 * TypeBox schemas of the offline-channels API (一封信、办事一本通、明白纸、广播稿、政务公开专区/便民服务点), shared by
 * the routes and (type-only) the admin SPA. Pure: imports nothing but TypeBox, the shared HTTP schema helpers and
 * the module's pure rules.
 */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import { LIMITS } from './offline.rules.ts';

const UnitRef = Type.Object({ code: Type.String(), name: Type.String() });

export const ServicePointKind = Type.Union([Type.Literal('zone'), Type.Literal('service_point')], {
  description: 'zone 政务公开专区、service_point 便民服务点',
});

export const ServicePointInput = Type.Object(
  {
    kind: ServicePointKind,
    name: Type.String({ maxLength: LIMITS.name, description: '名称，如 卜湖社区便民服务站' }),
    place: Type.String({ maxLength: LIMITS.place, description: '地点' }),
    hours: Type.String({ maxLength: LIMITS.hours, description: '开放时间' }),
    services: Type.Array(Type.String({ maxLength: LIMITS.service }), { maxItems: LIMITS.services, description: '可办理的服务' }),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30, description: '办公电话（不填个人手机号码）' }))),
  },
  { additionalProperties: false },
);
export type ServicePointInput = Static<typeof ServicePointInput>;

export const ServicePoint = Type.Object({
  id: Type.String(),
  unit: UnitRef,
  kind: ServicePointKind,
  kindText: Type.String(),
  name: Type.String(),
  place: Type.String(),
  hours: Type.String(),
  services: Type.Array(Type.String()),
  phone: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  isDemo: Type.Boolean(),
  updatedAt: Type.String(),
  retiredAt: Nullable(Type.String()),
  retiredReason: Nullable(Type.String()),
});
export type ServicePoint = Static<typeof ServicePoint>;

export const LeafletInput = Type.Object(
  {
    title: Type.String({ maxLength: LIMITS.leafletTitle, description: '明白纸标题' }),
    body: Type.String({ maxLength: LIMITS.leafletBody, description: `正文（通俗易懂，不超过${LIMITS.leafletBody}字，空行分段）` }),
  },
  { additionalProperties: false },
);

export const Leaflet = Type.Object({
  id: Type.String(),
  disclosureId: Type.String(),
  unit: UnitRef,
  title: Type.String(),
  body: Type.String(),
  source: Type.Object({ title: Type.String(), indexNo: Type.String(), docNo: Nullable(Type.String()) }),
  isDemo: Type.Boolean(),
  updatedAt: Type.String(),
});
export type Leaflet = Static<typeof Leaflet>;

export const Broadcast = Type.Object({
  disclosureId: Type.String(),
  title: Type.String(),
  text: Type.String({ description: '要播送的文字（已编辑的，或按公告生成的）' }),
  generated: Type.String({ description: '按公告生成的文字' }),
  edited: Type.Boolean(),
  updatedAt: Nullable(Type.String()),
});
export type Broadcast = Static<typeof Broadcast>;

export const BroadcastInput = Type.Object(
  { text: Type.String({ maxLength: LIMITS.broadcast, description: `广播稿（不超过${LIMITS.broadcast}字）` }) },
  { additionalProperties: false },
);
