import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  COLUMNS,
  HELP_SHEET,
  buildFinanceTemplate,
  formatYuan,
  parseAmount,
  parseFinanceStatement,
  summarizeByMonth,
  summarizeBySubject,
  type FinanceProblem,
  type FinanceStatement,
} from './finance-statement.ts';

const PERIOD = { periodStart: '2025-04-01', periodEnd: '2025-06-30' };
type Cell = ExcelJS.CellValue;

let templateCache: Buffer | undefined;
async function template(): Promise<Buffer> {
  templateCache ??= await buildFinanceTemplate({ unitName: '众兴镇桃园村', period: '2025年第二季度' });
  return templateCache;
}

/** Fills the generated template the way a clerk would: balances in B2/B3, lines from row 5. */
async function filled(lines: Cell[][], opening: Cell = 12000, closing: Cell = 13399.5, edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await template()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('收支明细')!;
  ws.getCell('B2').value = opening;
  ws.getCell('B3').value = closing;
  lines.forEach((cells, i) => {
    cells.forEach((v, c) => {
      ws.getCell(5 + i, c + 1).value = v;
    });
  });
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

// 12,000.00 + 3,500.00 − 2,100.50 = 13,399.50
const GOOD: Cell[][] = [
  [utc(2025, 4, 8), '记-001', '收到土地承包费', '经营收入', 3500, null],
  ['2025-05-12', '记-002', '修建济川桥花坛材料费', '公益事业支出', null, '1,234.50'],
  ['2025/6/3', '记-003', '村务公开栏维修', '管理费用', null, '８６６'],
];

async function parseOk(buf: Buffer): Promise<FinanceStatement> {
  const r = await parseFinanceStatement(buf, PERIOD);
  if (!r.ok) throw new Error(JSON.stringify(r.problems, null, 1));
  return r.statement;
}

async function problems(buf: Buffer): Promise<FinanceProblem[]> {
  const r = await parseFinanceStatement(buf, PERIOD);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems;
}

describe('formatYuan and parseAmount', () => {
  it.each<[number, string]>([
    [0, '0.00'],
    [5, '0.05'],
    [1200000, '12,000.00'],
    [123456789, '1,234,567.89'],
    [-50, '-0.50'],
  ])('formatYuan(%i) = %s', (fen, text) => expect(formatYuan(fen)).toBe(text));

  it.each<[Cell, number]>([
    ['1,234.50', 123450],
    ['1234.5', 123450],
    ['１２３４．５', 123450],
    ['1234', 123400],
    ['12.', 1200],
    [1234.5, 123450],
    [0.1 + 0.2 - 0.3 + 1.15, 115], // float noise well below a fen is rounded away
    ['88元', 8800],
    [' 7 ', 700],
  ])('parseAmount(%j) = %i fen', (v, fen) => expect(parseAmount(v as string | number)).toEqual({ ok: true, fen }));

  it.each<[Cell, string]>([
    ['-5', '金额不能为负数'],
    [-5, '金额不能为负数'],
    ['12.345', '金额最多两位小数，现为“12.345”'],
    [12.345, '金额最多两位小数，现为 12.345'],
    ['壹佰元', '“壹佰元”不是金额，请只填数字（如 1234.50）'],
    ['1,23,4', '“1,23,4”不是金额，请只填数字（如 1234.50）'],
  ])('parseAmount(%j) fails: %s', (v, message) => expect(parseAmount(v as string | number)).toEqual({ ok: false, message }));
});

describe('template', () => {
  it('has the title, labelled balance rows, the header row and a 填写说明 sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('收支明细')!;
    expect(ws.getCell('A1').value).toBe('众兴镇桃园村2025年第二季度村级财务收支明细');
    expect(ws.getCell('A2').value).toBe('期初余额');
    expect(ws.getCell('A3').value).toBe('期末余额');
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(4).getCell(c).value)).toEqual(['日期', '凭证号', '摘要', '科目', '收入金额（元）', '支出金额（元）']);
    expect(ws.getColumn(3).width).toBe(40);
    const help = wb.getWorksheet(HELP_SHEET)!;
    const helpText = help.getColumn(1).values.filter(Boolean);
    for (const c of COLUMNS) expect(helpText).toContain(c.header);
    expect(help.getColumn(2).values.join('')).toMatch(/YYYY-MM-DD[\s\S]*两位小数[\s\S]*只填其中一项/);
  });

  it('round-trips: fill the generated template, parse it back', async () => {
    const s = await parseOk(await filled(GOOD));
    expect(s).toEqual({
      ...PERIOD,
      openingBalance: 1200000,
      closingBalance: 1339950,
      totals: { income: 350000, expense: 210050 },
      lines: [
        { row: 5, date: '2025-04-08', voucherNo: '记-001', summary: '收到土地承包费', subject: '经营收入', income: 350000, expense: 0 },
        { row: 6, date: '2025-05-12', voucherNo: '记-002', summary: '修建济川桥花坛材料费', subject: '公益事业支出', income: 0, expense: 123450 },
        { row: 7, date: '2025-06-03', voucherNo: '记-003', summary: '村务公开栏维修', subject: '管理费用', income: 0, expense: 86600 },
      ],
    });
    expect(summarizeBySubject(s)).toEqual([
      { subject: '经营收入', income: 350000, expense: 0, count: 1 },
      { subject: '公益事业支出', income: 0, expense: 123450, count: 1 },
      { subject: '管理费用', income: 0, expense: 86600, count: 1 },
    ]);
    expect(summarizeByMonth(s)).toEqual([
      { month: '2025-04', income: 350000, expense: 0, count: 1 },
      { month: '2025-05', income: 0, expense: 123450, count: 1 },
      { month: '2025-06', income: 0, expense: 86600, count: 1 },
    ]);
  });

  it('accepts trailing empty rows, a 合计 row that matches, balances written as text, and a blank 科目', async () => {
    const lines: Cell[][] = [
      ...GOOD.slice(0, 2),
      ['2025年6月3日', '记-003', '村务公开栏维修', null, null, 866],
      [],
      [null, null, '合计', null, 3500, '2100.5'],
      [],
      ['', '  '],
    ];
    const s = await parseOk(await filled(lines, '12,000.00', '13399.50元'));
    expect(s.lines).toHaveLength(3);
    expect(summarizeBySubject(s).map((x) => x.subject)).toEqual(['经营收入', '公益事业支出', '未填科目']);
  });

  it('accepts a 期末余额 row written below the lines instead of in B3', async () => {
    const buf = await filled(GOOD, 12000, null, (ws) => {
      ws.getCell('A3').value = null;
      ws.getCell('C9').value = '期末余额：';
      ws.getCell('F9').value = 13399.5;
    });
    expect((await parseOk(buf)).closingBalance).toBe(1339950);
  });
});

describe('refusals, each with its message and cell', () => {
  const base = GOOD[0];
  const line = (i: number, v: Cell) => base.map((x, j) => (j === i ? v : x));
  // opening 12,000 + 3,500 = 15,500 for a single good income line
  it.each<[string, Cell[][], Cell, [number, string, string][]]>([
    ['empty date', [line(0, null)], 15500, [[5, 'A', '第5行 日期（A5）：日期不能为空']]],
    ['impossible date', [line(0, '2025-02-30')], 15500, [[5, 'A', '第5行 日期（A5）：“2025-02-30”不是真实存在的日期']]],
    ['text date', [line(0, '四月八日')], 15500, [[5, 'A', '第5行 日期（A5）：“四月八日”不是日期，请按 YYYY-MM-DD 填写']]],
    ['date before the period', [line(0, utc(2025, 3, 31))], 15500, [[5, 'A', '第5行 日期（A5）：日期 2025-03-31 不在本期（2025-04-01 至 2025-06-30）之内']]],
    ['date after the period', [line(0, '2025-07-01')], 15500, [[5, 'A', '第5行 日期（A5）：日期 2025-07-01 不在本期（2025-04-01 至 2025-06-30）之内']]],
    ['no voucher number', [line(1, ' ')], 15500, [[5, 'B', '第5行 凭证号（B5）：凭证号不能为空']]],
    ['no summary', [line(2, null)], 15500, [[5, 'C', '第5行 摘要（C5）：摘要不能为空']]],
    ['negative amount', [line(4, -3500)], 15500, [[5, 'E', '第5行 收入金额（元）（E5）：金额不能为负数']]],
    ['three decimals', [line(4, '3500.125')], 15500, [[5, 'E', '第5行 收入金额（元）（E5）：金额最多两位小数，现为“3500.125”']]],
    ['text amount', [line(4, '三千五')], 15500, [[5, 'E', '第5行 收入金额（元）（E5）：“三千五”不是金额，请只填数字（如 1234.50）']]],
    ['zero amount', [line(4, 0)], 15500, [[5, 'E', '第5行 收入金额（元）（E5）：金额须大于 0（不发生的一栏请留空）']]],
    ['neither income nor expense', [line(4, null)], 15500, [[5, 'E', '第5行 收入/支出（E5）：收入金额和支出金额须填写其中一项']]],
    ['both income and expense', [[...base.slice(0, 5), 100]], 15500, [[5, 'E', '第5行 收入/支出（E5）：同一行只能填写收入或支出中的一项，另一项请留空']]],
    [
      'two problems in one row',
      [[null, null, '摘要', null, 1, null]],
      12000.01,
      [
        [5, 'A', '第5行 日期（A5）：日期不能为空'],
        [5, 'B', '第5行 凭证号（B5）：凭证号不能为空'],
      ],
    ],
    ['a wrong 合计 row', [base, [null, null, '合计', null, 3000, null]], 15500, [[6, 'E', '第6行 合计（E6）：收入合计应为 3,500.00 元，表中填写 3,000.00 元']]],
    ['no lines at all', [], 12000, [[0, '', '没有收支明细行']]],
  ])('%s', async (_name, lines, closing, expected) => {
    const got = await problems(await filled(lines, 12000, closing));
    expect(got.map((p) => [p.row, p.column, p.message])).toEqual(expected);
  });

  it('balance mismatch gives the exact arithmetic', async () => {
    const got = await problems(await filled(GOOD, 12000, 13400));
    expect(got).toEqual([
      {
        row: 3,
        column: 'B',
        message:
          '第3行 期末余额（B3）：期初余额 12,000.00 元 + 收入 3,500.00 元 − 支出 2,100.50 元 = 13,399.50 元，与期末余额 13,400.00 元不符（相差 0.50 元）',
      },
    ]);
  });

  it('missing balances', async () => {
    const got = await problems(await filled(GOOD, null, null));
    expect(got.map((p) => p.message)).toEqual(['第2行 期初余额（B2）：期初余额未填写金额', '第3行 期末余额（B3）：期末余额未填写金额']);
  });

  it('missing balance rows', async () => {
    const buf = await filled(GOOD, null, null, (ws) => {
      ws.getCell('A2').value = null;
      ws.getCell('A3').value = null;
    });
    expect((await problems(buf)).map((p) => p.message)).toEqual([
      '缺少“期初余额”行（在一行的第一个单元格写“期初余额”，后一格填金额）',
      '缺少“期末余额”行（在一行的第一个单元格写“期末余额”，后一格填金额）',
    ]);
  });

  it('a balance written twice', async () => {
    const buf = await filled(GOOD, 12000, 13399.5, (ws) => {
      ws.getCell('A9').value = '期初余额';
      ws.getCell('B9').value = 1;
    });
    expect(await problems(buf)).toEqual([{ row: 9, column: 'A', message: '第9行 期初余额（A9）：重复填写了期初余额（第2行已有）' }]);
  });

  it('a missing column is reported by name', async () => {
    const buf = await filled(GOOD, 12000, 13399.5, (ws) => {
      ws.getCell('B4').value = '编号';
    });
    expect(await problems(buf)).toEqual([{ row: 4, column: '', message: '第4行表头缺少“凭证号”列' }]);
  });

  it('no header row at all', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['姓名', '金额']);
    const got = await problems(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(got[0].message).toBe('找不到表头行，表头应为：日期、凭证号、摘要、科目、收入金额（元）、支出金额（元）');
  });

  it('a file that is not xlsx', async () => {
    expect(await problems(Buffer.from('日期,凭证号\n'))).toEqual([{ row: 0, column: '', message: '无法读取文件，请上传用模板填写的 Excel（.xlsx）文件' }]);
  });

  it('an invalid period', async () => {
    const r = await parseFinanceStatement(await filled(GOOD), { periodStart: '2025-06-30', periodEnd: '2025-04-01' });
    expect(r).toEqual({ ok: false, problems: [{ row: 0, column: '', message: '统计期间的开始日期晚于结束日期' }] });
  });

  it('more than 5,000 lines is refused', async () => {
    const lines: Cell[][] = Array.from({ length: 5001 }, (_, i) => ['2025-04-08', `记-${i}`, '办公用品', '管理费用', null, 1]);
    const got = await problems(await filled(lines, 12000, 12000 - 50.01));
    expect(got.map((p) => p.message)).toEqual(['明细共 5,001 行，超过每份 5,000 行的上限，请按月份拆分后分别上传']);
  });

  it('many problems are capped with a closing note', async () => {
    const lines: Cell[][] = Array.from({ length: 300 }, () => ['2025-04-08', '', '办公用品', null, null, 1]);
    const got = await problems(await filled(lines, 12000, 0));
    expect(got).toHaveLength(201);
    expect(got[200].message).toBe('另有 100 处问题未列出，请先改正以上问题');
  });
});

describe('a 2,000-line statement', () => {
  it('parses with exact fen totals', async () => {
    // Deterministic amounts with awkward decimals; expected totals are summed in integer fen here.
    const lines: Cell[][] = [];
    let income = 0;
    let expense = 0;
    const months = [4, 5, 6];
    for (let i = 0; i < 2000; i++) {
      const fen = ((i * 7919) % 100000) + 1; // 0.01 … 1,000.00 元
      const yuan = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
      const date = `2025-0${months[i % 3]}-${String((i % 28) + 1).padStart(2, '0')}`;
      if (i % 4 === 0) {
        income += fen;
        lines.push([date, `记-${i + 1}`, `收入${i}`, '经营收入', i % 8 === 0 ? Number(yuan) : yuan, null]);
      } else {
        expense += fen;
        lines.push([date, `记-${i + 1}`, `支出${i}`, i % 2 ? '管理费用' : '公益事业支出', null, i % 3 ? Number(yuan) : yuan]);
      }
    }
    const closingFen = 1200000 + income - expense;
    const s = await parseOk(await filled(lines, 12000, closingFen / 100));
    expect(s.lines).toHaveLength(2000);
    expect(s.totals).toEqual({ income, expense });
    expect(s.closingBalance).toBe(closingFen);
    const byMonth = summarizeByMonth(s);
    expect(byMonth.map((m) => m.count)).toEqual([667, 667, 666]);
    expect(byMonth.reduce((a, m) => a + m.expense, 0)).toBe(expense);
    expect(summarizeBySubject(s).reduce((a, m) => a + m.income, 0)).toBe(income);
  });
});
