/**
 * A notice board (公开栏) as other modules see it: 政民互动's 意见箱 names the board it hangs beside and checks, when a
 * box is registered or changed, that the board exists, is in use and belongs to the box's unit. Reads only.
 */
import type { Executor } from '../../platform/db/database.ts';
import { findBoard, listBoards } from './archives.repository.ts';

export interface NoticeBoardRef {
  id: string;
  unitCode: string;
  unitName: string;
  /** The unit's path in the org tree (for the reader's scope check). */
  unitPath: string;
  name: string;
  place: string;
  active: boolean;
}

export async function noticeBoardRef(db: Executor, id: string): Promise<NoticeBoardRef | undefined> {
  const b = await findBoard(db, id);
  return b
    ? { id: b.id, unitCode: b.unit_code, unitName: b.unit_name, unitPath: b.unit_path, name: b.name, place: b.place, active: b.active === 1 }
    : undefined;
}

/** The boards of one unit (its own, not its sub-units'), in use first, by name: e.g. to name the board a demo 意见箱 hangs beside. */
export async function noticeBoardsOf(db: Executor, unit: { code: string; path: string }): Promise<NoticeBoardRef[]> {
  const rows = await listBoards(db, { roots: [unit.path], unitPath: unit.path });
  return rows
    .filter((b) => b.unit_code === unit.code)
    .sort((a, b) => b.active - a.active)
    .map((b) => ({ id: b.id, unitCode: b.unit_code, unitName: b.unit_name, unitPath: b.unit_path, name: b.name, place: b.place, active: b.active === 1 }));
}
