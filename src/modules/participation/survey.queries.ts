/**
 * Reads of surveys: the staff list/detail and results (scoped), the public questionnaire and results (published
 * surveys only; results only once published), the results as accessible SVG charts with the numbers beside them,
 * the .xlsx export, the QR slips PDF, and the satisfaction figures the assessment reads. Reads never write.
 */
import QRCode from 'qrcode';
import { join } from 'node:path';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { scopeRoots, type Actor } from '../../platform/auth/roles.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { renderChartSvg } from '../../platform/render/chart-svg.ts';
import { fontDirectory } from '../publishing/index.ts';
import * as repo from './participation.repository.ts';
import type { SurveyDetail } from './participation.schemas.ts';
import { gate, loadGate } from './participation.gate.ts';
import { unitFor } from './participation.policy.ts';
import { SURVEY_STATUS_TEXT, surveyStatus } from './survey.commands.ts';
import { ANSWER_METHODS, SURVEY_KINDS, tally, type AnswerSheet, type Question, type QuestionResult, type SurveyResults } from './survey.rules.ts';
import { newWorkbook, newPdfDocument } from '../../platform/lazy-libs.ts';

const label = (list: readonly { code: string; label: string }[], code: string) => list.find((x) => x.code === code)?.label ?? code;

export function surveySummary(s: repo.WithUnit<repo.SurveyRow>, today: string, responses: number) {
  const status = surveyStatus(s, today);
  return {
    id: s.id,
    unitCode: s.unit_code,
    unitName: s.unit_name,
    kind: s.kind,
    kindText: label(SURVEY_KINDS, s.kind),
    title: s.title,
    method: s.method,
    methodText: label(ANSWER_METHODS, s.method),
    perDevice: s.per_device,
    startOn: s.start_on,
    endOn: s.end_on,
    status,
    statusText: SURVEY_STATUS_TEXT[status],
    resultsPublished: Boolean(s.results_published_at),
    period: s.period,
    isDemo: s.is_demo === 1,
    responses,
  };
}

export async function listSurveysFor(ctx: AppContext, actor: Actor, q: { unit?: string; kind?: string }) {
  const roots = scopeRoots(actor);
  if (!roots.length) return { items: [] };
  const rows = await repo.listSurveys(ctx.db, { roots, unitCode: q.unit, kind: q.kind });
  const counts = await repo.responseCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  const today = chinaDate(ctx.clock.now());
  return { items: rows.map((r) => surveySummary(r, today, counts.get(r.id) ?? 0)) };
}

async function resultsOf(ctx: AppContext, s: repo.SurveyRow, withTexts: boolean): Promise<SurveyResults> {
  const sheets = (await repo.listResponseSheets(ctx.db, s.id)).map((j) => JSON.parse(j) as AnswerSheet);
  const results = tally(JSON.parse(s.questions_json) as Question[], sheets, { withTexts });
  if (withTexts) {
    await loadGate(ctx.db);
    const today = chinaDate(ctx.clock.now());
    for (const q of results.questions) if (q.texts) q.texts = q.texts.map((t) => gate(t, today));
  }
  return results;
}

export async function surveyDetail(ctx: AppContext, actor: Actor, id: string): Promise<Result<SurveyDetail>> {
  const s = await repo.findSurvey(ctx.db, id);
  if (!s || !(await unitFor(ctx.db, actor, s.unit_code, 'read')).ok) return fail(404, 'SURVEY_NOT_FOUND', '没有找到这份问卷');
  const today = chinaDate(ctx.clock.now());
  const results = await resultsOf(ctx, s, true);
  return ok({
    ...surveySummary(s, today, results.responses),
    intro: s.intro,
    questions: JSON.parse(s.questions_json) as Question[],
    codeBatches: await repo.codeBatches(ctx.db, id),
    results,
  });
}

/** The public questionnaire (published surveys only). */
export async function publicSurvey(ctx: AppContext, id: string): Promise<Result<ReturnType<typeof surveySummary> & { intro: string; questions: Question[] }>> {
  const s = await repo.findSurvey(ctx.db, id);
  if (!s || !s.published_at) return fail(404, 'SURVEY_NOT_FOUND', '没有找到这份问卷');
  await loadGate(ctx.db);
  const today = chinaDate(ctx.clock.now());
  const count = (await repo.responseCounts(ctx.db, [id])).get(id) ?? 0;
  return ok({
    ...surveySummary(s, today, count),
    title: gate(s.title, today),
    intro: gate(s.intro, today),
    questions: JSON.parse(s.questions_json) as Question[],
  });
}

/** Published results (anonymous counts; short-text answers only as a count). */
export async function publicResults(ctx: AppContext, id: string): Promise<Result<{ survey: ReturnType<typeof surveySummary>; results: SurveyResults }>> {
  const s = await repo.findSurvey(ctx.db, id);
  if (!s || !s.published_at || !s.results_published_at) return fail(404, 'RESULTS_NOT_FOUND', '这份问卷的结果尚未公布');
  const results = await resultsOf(ctx, s, false);
  return ok({ survey: surveySummary(s, chinaDate(ctx.clock.now()), results.responses), results });
}

export async function publicSurveyList(ctx: AppContext) {
  const rows = await repo.listSurveys(ctx.db, { roots: null, publishedOnly: true });
  const counts = await repo.responseCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  const today = chinaDate(ctx.clock.now());
  return rows.map((r) => surveySummary(r, today, counts.get(r.id) ?? 0));
}

// ---------------------------------------------------------------------------------------------------------------
// Charts (ECharts SVG, with the numbers also in a table next to them on the page)

export function questionChart(q: QuestionResult, id: string): string | null {
  const rows = q.options ? q.options.map((o) => [o.label, o.count] as const) : q.ratings ? q.ratings.map((r) => [`${r.score}分`, r.count] as const) : null;
  if (!rows) return null;
  const desc = `共${q.answered}人作答：${rows.map(([l, n]) => `${l}${n}人`).join('，')}`;
  return renderChartSvg(
    {
      grid: { left: 110, right: 40, top: 10, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map(([l]) => l).reverse(), axisLabel: { width: 100, overflow: 'truncate' } },
      series: [{ type: 'bar', data: rows.map(([, n]) => n).reverse(), label: { show: true, position: 'right' }, itemStyle: { color: '#2f6fb0' } }],
    },
    { width: 560, height: 40 + rows.length * 34, title: q.title, desc, id },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// .xlsx export (staff): one sheet of counts per question, one of short-text answers (through the gate)

export async function resultsWorkbook(ctx: AppContext, actor: Actor, id: string): Promise<Result<{ buffer: Buffer; filename: string }>> {
  const s = await repo.findSurvey(ctx.db, id);
  if (!s || !(await unitFor(ctx.db, actor, s.unit_code, 'read')).ok) return fail(404, 'SURVEY_NOT_FOUND', '没有找到这份问卷');
  const results = await resultsOf(ctx, s, true);
  const wb = newWorkbook();
  const sheet = wb.addWorksheet('统计结果');
  sheet.columns = [{ width: 8 }, { width: 50 }, { width: 30 }, { width: 10 }, { width: 10 }];
  sheet.addRow([s.title]).font = { bold: true, size: 14 };
  sheet.addRow([`${s.unit_name}；${s.start_on}至${s.end_on}；作答方式：${label(ANSWER_METHODS, s.method)}；有效问卷${results.responses}份`]);
  if (results.satisfaction) sheet.addRow([`满意度（满意及基本满意 ÷ 有效问卷）：${results.satisfaction.satisfied} ÷ ${results.satisfaction.valid}`]);
  sheet.addRow([]);
  sheet.addRow(['题号', '题目', '选项', '人数', '比例']).font = { bold: true };
  results.questions.forEach((q, i) => {
    const rows = q.options?.map((o) => [o.label, o.count] as const) ??
      q.ratings?.map((r) => [`${r.score}分`, r.count] as const) ?? [['（简答题）作答人数', q.answered] as const];
    rows.forEach(([l, n], j) =>
      sheet.addRow([j === 0 ? i + 1 : '', j === 0 ? q.title : '', l, n, q.answered ? Math.round((n / q.answered) * 1000) / 10 + '%' : '—']),
    );
    if (q.mean !== undefined && q.mean !== null) sheet.addRow(['', '', '平均分', q.mean, '']);
  });
  const texts = wb.addWorksheet('简答题回答');
  texts.columns = [{ width: 40 }, { width: 80 }];
  texts.addRow(['题目', '回答（已遮盖个人信息，不含作答人）']).font = { bold: true };
  for (const q of results.questions) for (const t of q.texts ?? []) texts.addRow([q.title, t]);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return ok({ buffer, filename: `${s.title}-统计结果.xlsx` });
}

// ---------------------------------------------------------------------------------------------------------------
// QR slips (A4, 10 per page): each slip carries the survey's title, the code and a QR code of the answering link

export async function slipsPdf(
  survey: { id: string; title: string; unit_name: string; end_on: string },
  batchNo: number,
  codes: readonly string[],
  baseUrl: string,
): Promise<Buffer> {
  const doc = newPdfDocument({ size: 'A4', margin: 28, info: { Title: `${survey.title} 答题码 第${batchNo}批` } });
  const font = join(fontDirectory(), 'NotoSansHans-Regular.otf');
  doc.registerFont('cn', font);
  doc.font('cn');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const W = (595.28 - 56) / 2;
  const H = (841.89 - 56) / 5;
  for (let i = 0; i < codes.length; i++) {
    if (i > 0 && i % 10 === 0) doc.addPage();
    const col = i % 2;
    const row = Math.floor((i % 10) / 2);
    const x = 28 + col * W;
    const y = 28 + row * H;
    doc.save().dash(3, { space: 3 }).rect(x, y, W, H).stroke('#999999').restore();
    const url = `${baseUrl.replace(/\/$/, '')}/participation/surveys/${encodeURIComponent(survey.id)}?code=${codes[i]}`;
    const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });
    doc.image(png, x + 10, y + 12, { width: H - 24 });
    const tx = x + H;
    doc
      .fillColor('#000000')
      .fontSize(10)
      .text(survey.unit_name, tx, y + 14, { width: W - H - 10 });
    doc.fontSize(11).text(survey.title, tx, y + 30, { width: W - H - 10, height: 44, ellipsis: true });
    doc.fontSize(9).text('答题码（只能用一次）', tx, y + 80, { width: W - H - 10 });
    doc.fontSize(18).text(codes[i], tx, y + 94, { width: W - H - 10, characterSpacing: 2 });
    doc
      .fontSize(8)
      .fillColor('#444444')
      .text(`扫码或打开网址作答，截止 ${survey.end_on}。问卷不记名。第${batchNo}批 ${i + 1}/${codes.length}`, tx, y + 122, { width: W - H - 10 });
  }
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------------------------
// For the assessment: satisfaction per unit from satisfaction surveys that ended in the window

export interface SatisfactionFigure {
  satisfied: number;
  valid: number;
  surveys: { id: string; title: string; endOn: string; satisfied: number; valid: number; methodText: string }[];
}

export async function satisfactionByUnit(
  ctx: AppContext,
  q: { rootPath: string; from: string; to: string; asOf: string },
): Promise<Map<string, SatisfactionFigure>> {
  const out = new Map<string, SatisfactionFigure>();
  const to = q.asOf < q.to ? q.asOf : q.to;
  for (const s of await repo.satisfactionSurveysEnded(ctx.db, q.rootPath, q.from, to)) {
    // Only surveys whose answering has ended by the day of evaluation count.
    if (s.end_on >= q.asOf) continue;
    const r = await resultsOf(ctx, s, false);
    if (!r.satisfaction) continue;
    const f = out.get(s.unit_code) ?? { satisfied: 0, valid: 0, surveys: [] };
    f.satisfied += r.satisfaction.satisfied;
    f.valid += r.satisfaction.valid;
    f.surveys.push({
      id: s.id,
      title: s.title,
      endOn: s.end_on,
      satisfied: r.satisfaction.satisfied,
      valid: r.satisfaction.valid,
      methodText: label(ANSWER_METHODS, s.method),
    });
    out.set(s.unit_code, f);
  }
  return out;
}
