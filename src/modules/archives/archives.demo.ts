/** Demo rows (演示) for a fresh `npm start`: 卜湖社区's boards, an inspection, paper records, a visit and the room ledger. */
import crypto from 'node:crypto';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { findUnit } from '../org/index.ts';
import { archivalCode, keepUntil, type Retention } from './archives.rules.ts';
import { findClass, insertBoard, insertEntry, insertInspection, insertItem, insertLoans, insertVisit, listBoards, nextItemNo } from './archives.repository.ts';
import { BOARD_CHECK_KEYS } from './archives.rules.ts';

const VILLAGE = '321323002-buhu';

export async function seedArchivesDemo(ctx: AppContext): Promise<boolean> {
  const unit = await findUnit(ctx.db, VILLAGE);
  if (!unit) return false;
  if ((await listBoards(ctx.db, { roots: [unit.path] })).some((b) => b.is_demo === 1)) return false;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = chinaDate(now);
  await ctx.db.transaction().execute(async (trx) => {
    const boardA = crypto.randomUUID();
    const boardB = crypto.randomUUID();
    const base = { unit_code: VILLAGE, photo_sha256: null, photo_type: null, active: 1, is_demo: 1, created_by: null, updated_at: at };
    // Registered 120 days ago, last inspected 100 days ago: past the default 90-day period, so it shows in compliance.
    await insertBoard(trx, {
      ...base,
      id: boardA,
      name: '演示：社区服务中心公开栏',
      place: '卜湖社区党群服务中心门口（演示）',
      person_in_charge: '演示负责人',
      created_at: new Date(now.getTime() - 120 * 86_400_000).toISOString(),
    });
    await insertBoard(trx, {
      ...base,
      id: boardB,
      name: '演示：小区广场公开栏',
      place: '卜湖社区小区广场东侧（演示）',
      person_in_charge: '演示负责人',
      created_at: at,
    });
    await insertInspection(trx, {
      id: crypto.randomUUID(),
      board_id: boardA,
      unit_code: VILLAGE,
      kind: 'inspection',
      recheck_of: null,
      inspected_on: addCalendarDays(today, -100),
      inspector: 'chengxiang.officer',
      inspector_name: '城厢街道经办人（演示）',
      answers_json: JSON.stringify(Object.fromEntries(BOARD_CHECK_KEYS.map((k) => [k, true]))),
      result: 'pass',
      note: '演示巡查：内容齐全',
      order_id: null,
      is_demo: 1,
      created_at: at,
    });

    const items: string[] = [];
    for (const [classCode, year, title, recordType, location, hold] of [
      ['02', 2025, '演示：2025年第四季度村民代表会议记录', '会议记录', '档案柜1号 第2盒（演示）', null],
      ['05', 2025, '演示：2025年12月记账凭证', '凭证', '档案柜2号 第5盒（演示）', null],
      ['04', 2024, '演示：2024年集体门面房租赁合同', '合同', '档案柜3号 第1盒（演示）', '演示：涉及合同纠纷，法律保全'],
      // 30 年 from 1994 ended on 2024-12-31: the item appears for appraisal (鉴定) in 档案管理 (只看保管期满待鉴定).
      ['05', 1994, '演示：1994年集体财务账簿（保管期满待鉴定）', '账簿', '档案柜4号 第1盒（演示）', null],
    ] as const) {
      const cls = await findClass(trx, classCode);
      if (!cls) continue;
      const id = crypto.randomUUID();
      const no = await nextItemNo(trx, VILLAGE, year, classCode);
      await insertItem(trx, {
        id,
        unit_code: VILLAGE,
        year,
        class_code: classCode,
        item_no: no,
        archival_code: archivalCode(VILLAGE, year, classCode, no),
        title,
        kind: 'record',
        disclosure_id: null,
        record_type: recordType,
        formed_on: `${year}-12-31`,
        retention: cls.retention,
        keep_until: keepUntil(year, cls.retention as Retention),
        was_public: 0,
        paper_location: location,
        pages: 12,
        custody_unit_code: VILLAGE,
        status: 'filed',
        legal_hold: hold ? 1 : 0,
        hold_reason: hold,
        destruction_id: null,
        note: '演示数据',
        is_demo: 1,
        filed_at: at,
        filed_by: null,
        updated_at: at,
      });
      items.push(id);
    }
    await insertVisit(trx, {
      id: crypto.randomUUID(),
      unit_code: VILLAGE,
      visited_on: addCalendarDays(today, -2),
      visitor_name: '演示访客',
      visitor_phone: '13800000000',
      purpose: '演示：查看本社区财务凭证',
      item_ids_json: JSON.stringify(items.slice(1, 2)),
      other_material: null,
      staff_on_duty: '卜湖社区档案管理员（演示）',
      is_demo: 1,
      created_at: at,
      created_by: null,
    });
    const entry = crypto.randomUUID();
    await insertEntry(trx, {
      id: entry,
      unit_code: VILLAGE,
      entered_at: new Date(now.getTime() - 10 * 86_400_000).toISOString(),
      left_at: new Date(now.getTime() - 10 * 86_400_000 + 1800_000).toISOString(),
      person: '演示：社区会计',
      reason: '演示：取会议记录核对',
      accompanied_by: '卜湖社区档案管理员（演示）',
      is_demo: 1,
      created_at: at,
      created_by: null,
    });
    if (items[0])
      await insertLoans(trx, [
        { id: crypto.randomUUID(), entry_id: entry, item_id: items[0], taken_on: addCalendarDays(today, -10), returned_on: null, returned_to: null },
      ]);
  });
  return true;
}
