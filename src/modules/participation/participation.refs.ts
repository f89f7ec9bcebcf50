/**
 * What another module may say about a participation record it links to (policies: the 回应 that answers a
 * consultation or a 公众参与事项): its kind, title, unit and public address. Reads only.
 */
import type { Executor } from '../../platform/db/database.ts';
import { findConsultation, findItem, listConsultations } from './participation.repository.ts';

export interface ParticipationRef {
  kind: 'consultation' | 'item';
  /** 意见征集 / 公众参与事项 */
  kindText: string;
  id: string;
  title: string;
  unitCode: string;
  unitPath: string;
  /** The public page, when the record is public (a published consultation; an item not withdrawn); else null. */
  href: string | null;
}

/** The consultation or 公众参与事项 with this id, or undefined. */
export async function participationRef(db: Executor, id: string): Promise<ParticipationRef | undefined> {
  const c = await findConsultation(db, id);
  if (c)
    return {
      kind: 'consultation',
      kindText: '意见征集',
      id: c.id,
      title: c.title,
      unitCode: c.unit_code,
      unitPath: c.unit_path,
      href: c.published_at ? `/participation/consultations/${encodeURIComponent(c.id)}` : null,
    };
  const i = await findItem(db, id);
  if (i)
    return {
      kind: 'item',
      kindText: '公众参与事项',
      id: i.id,
      title: i.name,
      unitCode: i.unit_code,
      unitPath: i.unit_path,
      href: i.withdrawn_at ? null : `/participation/items?unit=${encodeURIComponent(i.unit_code)}`,
    };
  return undefined;
}

/** The published consultations of a unit, newest first (e.g. for another module's demo to link its 回应 to one). */
export async function publishedConsultationRefs(db: Executor, unitCode: string): Promise<ParticipationRef[]> {
  const rows = await listConsultations(db, { roots: null, unitCode, publishedOnly: true });
  return (await Promise.all(rows.map((r) => participationRef(db, r.id)))).filter((x): x is ParticipationRef => !!x);
}
