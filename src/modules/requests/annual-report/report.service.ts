/**
 * Assembles one annual report: stored parts (text sections, table 二 entries, fees, status) plus
 * tables 三 and 四 counted from the case and remedy records, and every check.
 *
 * Two kinds of county-wide report, labelled as such:
 * - the county government's own report (unit = the county root, scope `unit`): only cases and
 *   remedies addressed to the county government itself; this is the report 第四十九条 has published by 31 March;
 * - 「全县汇总」 (unit = the county root, scope `subtree`): every unit in the county added up (tables
 *   三 and 四 from all their records; table 二 the sum of the units' entered figures). A statistic, read-only,
 *   never published as anyone's report. The same aggregate exists for any unit's subtree.
 */
import type { Executor } from '../../../platform/db/database.ts';
import type { OrgUnitRow } from '../../org/index.ts';
import { findReport, listCaseFacts, listRemedyFacts, sumPaidFees, listSubtreeReports, type FactScope } from './report.repository.ts';
import { loadSettings, reportDueDate } from './report.settings.ts';
import {
  REMEDY_COUNTING,
  TABLE2_CELLS,
  buildTable2,
  buildTable3,
  buildTable4,
  checkTable2,
  checkTable3,
  checkTable4,
  type FactAnomaly,
  type ReportCheck,
  type ReportTable,
  type Table2Entries,
} from './report.tables.ts';

export interface ReportSections {
  /** 一、总体情况 */
  overview: string;
  /** 五、存在的主要问题及改进情况 */
  problems: string;
  /** 六、其他需要报告的事项 */
  other: string;
}

export const EMPTY_SECTIONS: ReportSections = { overview: '', problems: '', other: '' };

export type ReportScope = 'unit' | 'subtree';

export interface AnnualReportView {
  unit: { code: string; name: string; kind: string };
  year: number;
  scope: ReportScope;
  /** Which report this is, in words (本级 vs 汇总). */
  scopeLabel: string;
  title: string;
  /** draft | published (handed to publishing; locked) | aggregate (read-only sum). */
  status: 'draft' | 'published' | 'aggregate';
  publishedAt: string | null;
  disclosureId: string | null;
  updatedAt: string | null;
  sections: ReportSections;
  fees: {
    /** 信息处理费 collected, 元 with two decimals; null = not entered. */
    yuan: string | null;
    source: string | null;
    /**
     * Where the figure comes from: `entered` by staff (overrides the records, e.g. fees collected outside
     * the platform), the platform's fee `records` (payments dated in the year), or the `sum-of-units`.
     */
    origin: 'entered' | 'records' | 'sum-of-units';
    /** What the platform's fee records say, whatever was entered: paid in the year, 元 and count. */
    recorded: { yuan: string; count: number };
  };
  tables: { table2: ReportTable; table3: ReportTable; table4: ReportTable };
  /** Table 二: the source note of each entered cell, by cell key (`rules.0` …). */
  table2Sources: Record<string, string>;
  checks: ReportCheck[];
  anomalies: FactAnomaly[];
  remedyCounting: { code: string; label: string };
  /** The statutory date for publishing this report (条例第四十九条; townships: county setting), if any. */
  deadline: { date: string; basis: string } | null;
}

export function isCountyRoot(unit: Pick<OrgUnitRow, 'kind' | 'parent_code'>): boolean {
  return unit.kind === 'county' && !unit.parent_code;
}

function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export async function assembleReport(db: Executor, unit: OrgUnitRow, year: number, scope: ReportScope): Promise<AnnualReportView> {
  const settings = await loadSettings(db);
  const factScope: FactScope = scope === 'unit' ? { unitCode: unit.code } : { subtreePath: unit.path };
  const [cases, remedies, paid] = await Promise.all([
    listCaseFacts(db, factScope, year),
    listRemedyFacts(db, factScope, year),
    sumPaidFees(db, factScope, year),
  ]);
  const recorded = { yuan: fenToYuan(paid.fen), count: paid.count };
  const t3 = buildTable3(cases, year);
  const t4 = buildTable4(remedies, year, settings.remedyCounting);
  const counting = REMEDY_COUNTING.find((c) => c.code === settings.remedyCounting)!;
  const base = {
    unit: { code: unit.code, name: unit.name, kind: unit.kind },
    year,
    scope,
    remedyCounting: { code: counting.code, label: counting.label },
  };

  if (scope === 'subtree') {
    const reports = await listSubtreeReports(db, unit.path, year);
    const entries: Table2Entries = {};
    for (const cell of TABLE2_CELLS) {
      const values = reports.map((r) => (JSON.parse(r.table2_json) as Table2Entries)[cell.key]).filter((e) => e !== undefined);
      if (values.length) {
        // Sum in integer units (万元 with 4 decimals = whole 元) so no floating-point residue appears.
        const scale = cell.unit === 'wan-yuan' ? 10000 : 1;
        entries[cell.key] = { value: values.reduce((a, e) => a + Math.round(e.value * scale), 0) / scale, source: `${values.length}个单位填报数之和` };
      }
    }
    const fees = reports.filter((r) => r.fees_fen !== null);
    const table2 = buildTable2(entries);
    const label = isCountyRoot(unit) ? '全县汇总' : `${unit.name}及所属单位汇总`;
    return {
      ...base,
      scopeLabel: `${label}（各单位数据相加，仅供统计，不是${unit.name}本级的年度报告）`,
      title: `${unit.name}${year}年政府信息公开工作情况（${label}）`,
      status: 'aggregate',
      publishedAt: null,
      disclosureId: null,
      updatedAt: null,
      sections: EMPTY_SECTIONS,
      fees: {
        yuan: fees.length ? fenToYuan(fees.reduce((a, r) => a + r.fees_fen!, 0)) : null,
        source: fees.length ? `${fees.length}个单位填报数之和` : null,
        origin: 'sum-of-units',
        recorded,
      },
      tables: { table2, table3: t3.table, table4: t4.table },
      table2Sources: Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, e.source])),
      checks: [...checkTable3(t3.table), ...checkTable4(t4.table)],
      anomalies: [...t3.anomalies, ...t4.anomalies],
      deadline: null,
    };
  }

  const row = await findReport(db, unit.code, year);
  const entries: Table2Entries = row ? JSON.parse(row.table2_json) : {};
  const sections: ReportSections = row ? { ...EMPTY_SECTIONS, ...JSON.parse(row.sections_json) } : EMPTY_SECTIONS;
  const table2 = buildTable2(entries);
  return {
    ...base,
    scopeLabel: isCountyRoot(unit) ? `${unit.name}人民政府本级（县政府自身的数据，不含各部门和乡镇；全县汇总另见）` : `${unit.name}本级`,
    title: `${isCountyRoot(unit) ? `${unit.name}人民政府` : unit.name}${year}年政府信息公开工作年度报告`,
    status: row?.status === 'published' ? 'published' : 'draft',
    publishedAt: row?.published_at ?? null,
    disclosureId: row?.disclosure_id ?? null,
    updatedAt: row?.updated_at ?? null,
    sections,
    fees:
      row?.fees_fen != null
        ? { yuan: fenToYuan(row.fees_fen), source: row.fees_source ?? null, origin: 'entered', recorded }
        : paid.count > 0
          ? { yuan: recorded.yuan, source: `平台收费记录${paid.count}笔（缴费日期在本年度）`, origin: 'records', recorded }
          : { yuan: null, source: null, origin: 'entered', recorded },
    tables: { table2, table3: t3.table, table4: t4.table },
    table2Sources: Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, e.source])),
    checks: [...checkTable2(entries), ...checkTable3(t3.table), ...checkTable4(t4.table)],
    anomalies: [...t3.anomalies, ...t4.anomalies],
    deadline: reportDueDate(unit.kind, year, settings),
  };
}
