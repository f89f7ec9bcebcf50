/**
 * Demo rows (演示) for a fresh `npm start`: 卜湖社区's boards, an inspection, paper records, a visit, the room ledger,
 * 销毁清单 in each state of the two-person decision (待审批 / 已批准销毁 / 不同意销毁, besides one item still waiting
 * for appraisal) and a 提级管理 move of two items into 城厢街道's custody (代管).
 */
import crypto from 'node:crypto';
import { chinaDate, type AppContext } from '../../platform/context.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { actorByUsername, findUnit } from '../org/index.ts';
import { archivalCode, keepUntil, type Retention } from './archives.rules.ts';
import {
  findClass,
  insertBoard,
  insertDestruction,
  insertEntry,
  insertInspection,
  insertItem,
  insertLoans,
  insertMove,
  insertVisit,
  listBoards,
  nextItemNo,
  updateItems,
} from './archives.repository.ts';
import { BOARD_CHECK_KEYS } from './archives.rules.ts';
import { nextVisitSerial } from './archives.reading.ts';

const VILLAGE = '321323002-buhu';
/** 卜湖社区's town (城厢街道): 提级管理 holds the village's archive one level up. */
const TOWN = '321323002';

export async function seedArchivesDemo(ctx: AppContext): Promise<boolean> {
  const unit = await findUnit(ctx.db, VILLAGE);
  if (!unit) return false;
  if ((await listBoards(ctx.db, { roots: [unit.path] })).some((b) => b.is_demo === 1)) return false;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = chinaDate(now);
  const year = today.slice(0, 4);
  // The two people of a destruction decision are the demo users of 卜湖社区 (org's demo seed runs first).
  const archivist = await actorByUsername(ctx.db, 'buhu.archivist');
  const supervisor = await actorByUsername(ctx.db, 'buhu.supervisor');
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
    for (const [classCode, year, title, recordType, location, hold, status] of [
      ['02', 2025, '演示：2025年第四季度村民代表会议记录', '会议记录', '档案柜1号 第2盒（演示）', null, null],
      ['05', 2025, '演示：2025年12月记账凭证', '凭证', '档案柜2号 第5盒（演示）', null, null],
      ['04', 2024, '演示：2024年集体门面房租赁合同', '合同', '档案柜3号 第1盒（演示）', '演示：涉及合同纠纷，法律保全', null],
      // 30 年 from 1994 ended on 2024-12-31: the item appears for appraisal (鉴定) in 档案管理 (只看保管期满待鉴定).
      ['05', 1994, '演示：1994年集体财务账簿（保管期满待鉴定）', '账簿', '档案柜4号 第1盒（演示）', null, null],
      // [4] on a 销毁清单 awaiting the second person, [5] destroyed under an approved list, [6] kept (not approved).
      ['05', 1993, '演示：1993年集体财务凭证（销毁清单待审批）', '凭证', '档案柜4号 第2盒（演示）', null, null],
      ['05', 1992, '演示：1992年集体财务凭证（已批准销毁）', '凭证', '档案柜4号 第3盒（演示）', null, 'destroyed'],
      ['05', 1991, '演示：1991年集体财务账簿（不同意销毁，继续保存）', '账簿', '档案柜4号 第4盒（演示）', null, null],
      // [7], [8] held by 城厢街道 (提级管理, 代管).
      ['01', 2021, '演示：2021年社区居民委员会换届选举文件', '选举文件', '城厢街道档案室 代管柜1号（演示）', null, null],
      ['03', 2019, '演示：2019年土地承包合同汇编', '合同', '城厢街道档案室 代管柜1号（演示）', null, null],
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
        custody_unit_code: classCode === '01' || classCode === '03' ? TOWN : VILLAGE,
        status: status ?? 'filed',
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
    const visitedOn = addCalendarDays(today, -2);
    const serial = await nextVisitSerial(trx, ctx.dialect, VILLAGE, visitedOn);
    await insertVisit(trx, {
      id: crypto.randomUUID(),
      unit_code: VILLAGE,
      visited_on: visitedOn,
      visitor_name: '演示访客',
      visitor_phone: '13800000000',
      purpose: '演示：查看本社区财务凭证',
      item_ids_json: JSON.stringify(items.slice(1, 2)),
      other_material: null,
      staff_on_duty: '卜湖社区档案管理员（演示）',
      serial_year: serial.year,
      serial_no: serial.no,
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
    const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString();
    const proposer = { by: archivist?.userId ?? 'demo-archivist', name: archivist?.displayName ?? '卜湖社区档案管理员（演示）' };
    const decider = { by: supervisor?.userId ?? 'demo-supervisor', name: supervisor?.displayName ?? '卜湖社区村务监督委员会委员（演示）' };
    const lists = [
      { n: 1, item: items[5], status: 'approved', reason: '演示：1992年凭证已保管满30年，经鉴定无继续保存价值', at: 40, comment: '演示：同意销毁' },
      {
        n: 2,
        item: items[6],
        status: 'rejected',
        reason: '演示：1991年账簿已保管满30年，建议销毁',
        at: 30,
        comment: '演示：账簿涉及尚未了结的土地承包纠纷，继续保存',
      },
      { n: 3, item: items[4], status: 'proposed', reason: '演示：1993年凭证已保管满30年，经鉴定无继续保存价值', at: 3, comment: null },
    ] as const;
    for (const l of lists) {
      if (!l.item) continue;
      const id = crypto.randomUUID();
      const decided = l.status !== 'proposed';
      await insertDestruction(trx, {
        id,
        serial: `销毁〔${year}〕演示${l.n}号`,
        unit_code: VILLAGE,
        status: l.status,
        reason: l.reason,
        item_ids_json: JSON.stringify([l.item]),
        proposed_by: proposer.by,
        proposed_by_name: proposer.name,
        proposed_at: day(l.at),
        decided_by: decided ? decider.by : null,
        decided_by_name: decided ? decider.name : null,
        decided_at: decided ? day(l.at - 1) : null,
        decision_comment: l.comment,
        is_demo: 1,
      });
      if (l.status === 'approved') await updateItems(trx, [l.item], { destruction_id: id });
    }
    const moved = [items[7], items[8]].filter((i): i is string => Boolean(i));
    if (moved.length)
      await insertMove(trx, {
        id: crypto.randomUUID(),
        serial: `移交〔${year}〕演示1号`,
        unit_code: VILLAGE,
        from_unit_code: VILLAGE,
        to_unit_code: TOWN,
        moved_on: addCalendarDays(today, -20),
        handed_by: '卜湖社区档案管理员（演示）',
        received_by: '城厢街道档案员（演示）',
        reason: '演示：社区档案室改造期间，选举和土地承包档案提级由街道代管',
        item_ids_json: JSON.stringify(moved),
        is_demo: 1,
        created_at: at,
        created_by: null,
      });
    // A visit to the room whose item was taken out and returned the same week.
    const returned = crypto.randomUUID();
    await insertEntry(trx, {
      id: returned,
      unit_code: VILLAGE,
      entered_at: day(25),
      left_at: new Date(now.getTime() - 25 * 86_400_000 + 1200_000).toISOString(),
      person: '演示：社区报账员',
      reason: '演示：取2025年12月记账凭证复印',
      accompanied_by: '卜湖社区档案管理员（演示）',
      is_demo: 1,
      created_at: at,
      created_by: null,
    });
    if (items[1])
      await insertLoans(trx, [
        {
          id: crypto.randomUUID(),
          entry_id: returned,
          item_id: items[1],
          taken_on: addCalendarDays(today, -25),
          returned_on: addCalendarDays(today, -22),
          returned_to: '卜湖社区档案管理员（演示）',
        },
      ]);
    if (items[0])
      await insertLoans(trx, [
        { id: crypto.randomUUID(), entry_id: entry, item_id: items[0], taken_on: addCalendarDays(today, -10), returned_on: null, returned_to: null },
      ]);
  });
  return true;
}
