/**
 * 索引号 serials a unit already used before it came to this platform (its archive on the old website): the county
 * admin raises the unit's counter for a year so the next record continues the unit's own sequence (e.g. the seed
 * notice 01432281X/2023-00535 of 泗阳县人民政府办公室 follows 534 earlier records of 2023). Only raises, never lowers,
 * so an allocated 索引号 is never handed out twice.
 */
import type { AppContext } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { actorCoversPath } from '../../platform/auth/roles.ts';
import { findUnit } from '../org/index.ts';
import { findIndexSerial, writeIndexSerial } from './index-serials.repository.ts';

export async function raiseIndexSerial(
  ctx: AppContext,
  meta: CommandMeta,
  unitCode: string,
  year: number,
  lastSerial: number,
): Promise<Result<{ unitCode: string; year: number; lastSerial: number }>> {
  const actor = meta.actor!;
  if (!Number.isInteger(year) || year < 1990 || year > 2200) return fail(400, 'INVALID_YEAR', `年份 ${year} 不正确`);
  if (!Number.isInteger(lastSerial) || lastSerial < 1 || lastSerial > 99_999) return fail(400, 'INVALID_SERIAL', '已用序号应为 1 到 99999 之间的整数');
  return runCommand(ctx, meta, async ({ trx, audit }) => {
    const unit = await findUnit(trx, unitCode);
    if (!unit || !actorCoversPath(actor, unit.path, ['county_admin'])) return fail(404, 'UNIT_NOT_FOUND', `单位不存在：${unitCode}`);
    const cur = await findIndexSerial(trx, unitCode, year);
    if (cur !== undefined && cur >= lastSerial) return fail(409, 'SERIAL_NOT_RAISED', `${unit.name}${year}年的索引号已用到 ${cur}，只能调高，不能调低`);
    await writeIndexSerial(trx, unitCode, year, lastSerial, cur !== undefined);
    await audit({
      unitCode,
      action: 'publishing.index_serial.raise',
      entityType: 'org_unit',
      entityId: unitCode,
      before: { year, lastSerial: cur ?? 0 },
      after: { year, lastSerial },
    });
    return ok({ unitCode, year, lastSerial });
  });
}
