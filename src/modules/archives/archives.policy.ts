/**
 * Who may do what in the archive, at the reading point, in the archive room and with notice boards. Every role
 * covers its unit's subtree; rows outside an actor's scope answer 404 (their existence does not leak).
 *
 * The 档案管理员 (archivist) is the keeper 《村级档案管理办法》第6条 asks for: files, registers records, moves
 * custody, proposes destruction. Destruction is decided by a second person: another archivist, the 村务监督委员会
 * (组织法第34条: the archive is kept by the committee and the 监督机构) or the county office.
 */
import { actorCoversPath, scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import { BOARD_KEEPERS, DESTRUCTION_DECIDERS, DUTY, INSPECTORS, KEEPERS, SCHEDULE_EDITORS, STAFF } from './archives.roles.ts';

/** Staff view of a unit's archive, reading point, ledger and boards. */
export const canSeeArchive = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, STAFF);
/** The subtrees whose archive, ledger and boards the actor sees (canSeeArchive as SQL roots: a list filters by them in its query). */
export const archiveRoots = (actor: Actor) => scopeRoots(actor, STAFF);
export const canKeep = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, KEEPERS);
export const canDecideDestruction = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, DESTRUCTION_DECIDERS);
export const canServeDuty = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, DUTY);
export const canKeepBoards = (actor: Actor, unitPath: string) => actorCoversPath(actor, unitPath, BOARD_KEEPERS);

/** An inspector holds an inspecting role over a unit strictly above the village (a village does not inspect itself). */
export const canInspect = (actor: Actor, unitPath: string) =>
  actor.grants.some((g) => INSPECTORS.includes(g.role) && unitPath.startsWith(g.unitPath) && g.unitPath !== unitPath);

/** The county's 归档范围和保管期限表: the county office or an archivist at the county (the root unit). */
export const canEditSchedule = (actor: Actor) =>
  actor.grants.some((g) => SCHEDULE_EDITORS.includes(g.role) && g.unitPath.split('/').filter(Boolean).length === 1);
