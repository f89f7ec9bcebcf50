/**
 * Realistic sample notices (卜湖社区, 城厢街道, 泗阳县) for tests and for looking at the output. Names are masked
 * as the publishing pipeline would mask them; amounts and people are made up (demo data).
 */
import type { NoticeInput } from './notice-pdf.ts';

const SUBJECTS: [string, string, number, 'in' | 'out'][] = [
  ['上级转移支付 村级组织运转经费', '财政补助收入', 8600000, 'in'],
  ['集体门面房租金（10月）', '经营收入', 1250000, 'in'],
  ['社区办公用电费', '管理费用', 68240, 'out'],
  ['社区道路路灯维修材料费', '公益支出', 215000, 'out'],
  ['环境卫生保洁人员劳务费（10月）', '公益支出', 960000, 'out'],
  ['办公用品（打印纸、墨盒）', '管理费用', 42350, 'out'],
  ['居民议事会误餐补助', '管理费用', 36000, 'out'],
  ['公开栏更新制作费', '管理费用', 45000, 'out'],
  ['存款利息收入', '其他收入', 12873, 'in'],
  ['防汛物资采购（编织袋、雨衣）', '公益支出', 128600, 'out'],
  ['老年活动室取暖设备', '公益支出', 356000, 'out'],
  ['网格员通讯补贴', '管理费用', 60000, 'out'],
];

export function yuan(fen: number): string {
  const s = (Math.abs(fen) / 100).toFixed(2);
  const [int, dec] = s.split('.');
  return `${fen < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

/** A month's 财务收支明细 with `lines` rows (12 for the realistic one; 2,000 for the pagination test). */
export function financeNotice(lines = 12, over: Partial<NoticeInput> = {}): NoticeInput {
  let income = 0;
  let expense = 0;
  const rows: string[][] = [];
  for (let i = 0; i < lines; i++) {
    const [summary, subject, fen, dir] = SUBJECTS[i % SUBJECTS.length];
    const amount = fen + (i >= SUBJECTS.length ? (i * 37) % 1000 : 0);
    const day = 1 + Math.floor((i * 30) / Math.max(lines, 1));
    if (dir === 'in') income += amount;
    else expense += amount;
    rows.push([
      `2026-10-${String(day).padStart(2, '0')}`,
      `记-${String(i + 1).padStart(3, '0')}`,
      summary,
      subject,
      dir === 'in' ? yuan(amount) : '',
      dir === 'out' ? yuan(amount) : '',
    ]);
  }
  const opening = 23456789;
  const closing = opening + income - expense;
  return {
    unitName: '卜湖社区',
    parentName: '城厢街道',
    title: '卜湖社区2026年10月财务收支公开',
    documentNumber: '卜居发〔2026〕18号',
    indexNumber: '321323002-CW-2026-10',
    paragraphs: [
      '根据《中华人民共和国村民委员会组织法》第三十条和县、街道村(居)务公开工作要求，现将本社区2026年10月集体财务收支情况公开如下，接受居民监督。',
      `本月期初余额${yuan(opening)}元，收入合计${yuan(income)}元，支出合计${yuan(expense)}元，期末余额${yuan(closing)}元。每笔1000元以上支出已经社区党组织书记、居委会主任签字，并经居务监督委员会审核。`,
    ],
    table: {
      caption: '2026年10月财务收支明细（单位：元）',
      columns: [
        { header: '日期', width: 1.25, align: 'center' },
        { header: '凭证号', width: 0.9, align: 'center' },
        { header: '摘要', width: 2.4 },
        { header: '科目', width: 1.5 },
        { header: '收入金额', width: 1.3, align: 'right' },
        { header: '支出金额', width: 1.3, align: 'right' },
      ],
      rows,
      totals: ['合计', '', `${lines}笔`, '', yuan(income), yuan(expense)],
    },
    displayFrom: '2026-11-26',
    displayTo: '2026-12-07',
    publishedOn: '2026-11-26',
    contact: { office: '卜湖社区居务监督委员会', phone: '0527-85210000', address: '卜湖社区党群服务中心一楼' },
    supervision: { committee: '卜湖社区居务监督委员会', signedBy: ['张某', '李某'], signedAt: '2026-11-25' },
    issuer: '卜湖社区居民委员会',
    qrUrl: 'https://gk.siyang.example/units/bhsq/records/2026-10-finance',
    ...over,
  };
}

export function dibaoNotice(over: Partial<NoticeInput> = {}): NoticeInput {
  const people: [string, number, number, string][] = [
    ['王*明', 3, 1860, '卜湖社区'],
    ['李*芳', 1, 720, '卜湖社区'],
    ['张*', 2, 1320, '卜湖社区'],
    ['刘*华', 4, 2280, '卜湖社区'],
    ['陈*英', 1, 720, '卜湖社区'],
    ['赵*堃', 2, 1240, '卜湖社区'],
    ['孙*兰', 3, 1710, '卜湖社区'],
    ['周*喆', 1, 680, '卜湖社区'],
  ];
  return {
    unitName: '卜湖社区',
    parentName: '城厢街道',
    title: '卜湖社区2026年第四季度最低生活保障对象名单公示',
    indexNumber: '321323002-DB-2026-Q4',
    paragraphs: [
      '根据《社会救助暂行办法》和《江苏省最低生活保障工作规程》，经本人申请、社区入户调查、民主评议和街道审核，拟将以下家庭纳入（或继续享受）最低生活保障，现予公示。',
      '公示名单中的个人信息已按规定作隐私处理，只公开姓名（部分隐去）、家庭人口、保障金额和所在村(居)。',
    ],
    table: {
      caption: '最低生活保障对象名单',
      columns: [
        { header: '序号', width: 0.7, align: 'center' },
        { header: '姓名', width: 1.3, align: 'center' },
        { header: '家庭人口', width: 1.1, align: 'center' },
        { header: '月保障金额(元)', width: 1.6, align: 'right' },
        { header: '所在村(居)', width: 1.6, align: 'center' },
      ],
      rows: people.map(([n, size, amt, unit], i) => [String(i + 1), n, String(size), yuan(amt * 100), unit]),
      totals: ['合计', `${people.length}户`, String(people.reduce((a, p) => a + p[1], 0)), yuan(people.reduce((a, p) => a + p[2], 0) * 100), ''],
    },
    displayFrom: '2026-11-26',
    displayTo: '2026-12-04',
    publishedOn: '2026-11-26',
    contact: { office: '城厢街道社会事务办公室', phone: '0527-85211234' },
    supervision: { committee: '卜湖社区居务监督委员会', signedBy: ['张某', '李某', '王某'], signedAt: '2026-11-25' },
    issuer: '卜湖社区居民委员会',
    qrUrl: 'https://gk.siyang.example/units/bhsq/records/2026-q4-dibao',
    ...over,
  };
}
