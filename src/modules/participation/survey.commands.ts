/**
 * Surveys (问卷调查, 民意调查, 群众满意度): the builder's save and publish, one-time code batches (codes are shown
 * once, on the slips; only their hashes are kept), answering by code or openly with a per-device limit, the
 * satisfaction schedule and its leased job. Answers are stored without anything that identifies who gave them:
 * a used code and a device counter are never linked to the answer sheet, and a sheet carries only its day.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { chinaDate } from '../../platform/context.ts';
import { runCommand, type CommandMeta } from '../../platform/command.ts';
import { publicChanged } from './participation.gate.ts';
import { isRealDate } from '../../platform/http/schemas.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { randomCode } from '../requests/index.ts';
import * as repo from './participation.repository.ts';
import { unitFor } from './participation.policy.ts';
import { actorCoversPath } from '../../platform/auth/roles.ts';
import { ANSWER_METHODS, SATISFACTION_TEMPLATE, SURVEY_KINDS, validateAnswers, validateQuestions, type Question } from './survey.rules.ts';
import { addCalendarDays } from '../calendar/index.ts';

const uuid = () => crypto.randomUUID();
export const MAX_CODES_PER_BATCH = 2000;
export const CODE_LENGTH = 8;

export function codeHash(surveyId: string, code: string): string {
  return crypto.createHash('sha256').update(`gongkai-survey:${surveyId}:${code.trim().toUpperCase()}`).digest('hex');
}

export type SurveyStatus = 'draft' | 'announced' | 'open' | 'closed';
export const SURVEY_STATUS_TEXT: Record<SurveyStatus, string> = { draft: '草稿', announced: '未开始', open: '作答中', closed: '已结束' };
export function surveyStatus(s: { published_at: string | null; start_on: string; end_on: string }, today: string): SurveyStatus {
  if (!s.published_at) return 'draft';
  if (today < s.start_on) return 'announced';
  return today <= s.end_on ? 'open' : 'closed';
}

export interface SurveyInput {
  unitCode: string;
  kind: string;
  title: string;
  intro: string;
  questions: Question[];
  method: string;
  perDevice?: number | null;
  startOn: string;
  endOn: string;
}

function checkSurvey(input: Omit<SurveyInput, 'unitCode'>, smsConfigured: boolean): Result<null> {
  if (!input.title.trim()) return fail(400, 'INVALID_TITLE', '请填写问卷标题');
  if (!SURVEY_KINDS.some((k) => k.code === input.kind)) return fail(400, 'INVALID_KIND', '请选择调查类型');
  if (!ANSWER_METHODS.some((m) => m.code === input.method)) return fail(400, 'INVALID_METHOD', '请选择作答方式');
  if (input.method === 'sms' && !smsConfigured)
    return fail(409, 'SMS_NOT_CONFIGURED', '尚未配置短信网关，不能使用短信验证码作答；请选择一次性答题码或公开作答');
  if (input.method === 'open' && (!input.perDevice || input.perDevice < 1 || input.perDevice > 10))
    return fail(400, 'INVALID_PER_DEVICE', '公开作答须设定每台设备可答的次数（1—10次）');
  if (!isRealDate(input.startOn) || !isRealDate(input.endOn)) return fail(400, 'INVALID_DATE', '请填写有效的开始和结束日期');
  if (input.endOn < input.startOn) return fail(400, 'INVALID_PERIOD', '结束日期不能早于开始日期');
  const problems = validateQuestions(input.questions);
  if (problems.length) return fail(400, 'INVALID_QUESTIONS', problems.map((p) => p.message).join('；'), { problems });
  return ok(null);
}

/** No SMS gateway is built in; a deployment that adds one sets this setting (the method is then offered). */
export async function smsConfigured(ctx: AppContext): Promise<boolean> {
  return Boolean(await repo.settingValue(ctx.db, 'participation.smsGateway'));
}

export async function createSurvey(ctx: AppContext, meta: CommandMeta, input: SurveyInput): Promise<Result<{ id: string }>> {
  const checked = checkSurvey(input, await smsConfigured(ctx));
  if (!checked.ok) return checked;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta.actor!, input.unitCode, 'edit');
    if (!unit.ok) return unit;
    if (unit.value.active !== 1) return fail(409, 'UNIT_ABOLISHED', `${unit.value.name}已撤销`);
    const id = uuid();
    const at = now.toISOString();
    await repo.insertSurvey(trx, {
      id,
      unit_code: unit.value.code,
      kind: input.kind,
      title: input.title.trim(),
      intro: input.intro.trim(),
      questions_json: JSON.stringify(input.questions),
      method: input.method,
      per_device: input.method === 'open' ? (input.perDevice ?? 1) : null,
      start_on: input.startOn,
      end_on: input.endOn,
      published_at: null,
      results_published_at: null,
      template_key: input.kind === 'satisfaction' ? SATISFACTION_TEMPLATE.key : null,
      schedule_id: null,
      period: null,
      is_demo: unit.value.is_demo,
      created_at: at,
      created_by: meta.actor?.username ?? null,
      updated_at: at,
    });
    await audit({
      unitCode: unit.value.code,
      action: 'participation.survey.create',
      entityType: 'participation_survey',
      entityId: id,
      after: { title: input.title.trim(), kind: input.kind, method: input.method, questions: input.questions.length },
    });
    return ok({ id });
  });
}

async function ownSurvey(
  trx: Parameters<typeof repo.findSurvey>[0],
  meta: CommandMeta,
  id: string,
  need: 'edit' | 'read' = 'edit',
): Promise<Result<repo.WithUnit<repo.SurveyRow>>> {
  const row = await repo.findSurvey(trx, id);
  if (!row) return fail(404, 'SURVEY_NOT_FOUND', '没有找到这份问卷');
  const unit = await unitFor(trx, meta.actor!, row.unit_code, need);
  if (!unit.ok) return unit.status === 404 ? fail(404, 'SURVEY_NOT_FOUND', '没有找到这份问卷') : unit;
  return ok(row);
}

/** Changes a survey before it is published (afterwards the questions are fixed: answers refer to them). */
export async function updateSurvey(ctx: AppContext, meta: CommandMeta, id: string, input: Omit<SurveyInput, 'unitCode'>): Promise<Result<{ id: string }>> {
  const checked = checkSurvey(input, await smsConfigured(ctx));
  if (!checked.ok) return checked;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const s = await ownSurvey(trx, meta, id);
    if (!s.ok) return s;
    if (s.value.published_at) return fail(409, 'ALREADY_PUBLISHED', '问卷已发布，题目不能再修改');
    await repo.updateSurvey(trx, id, {
      kind: input.kind,
      title: input.title.trim(),
      intro: input.intro.trim(),
      questions_json: JSON.stringify(input.questions),
      method: input.method,
      per_device: input.method === 'open' ? (input.perDevice ?? 1) : null,
      start_on: input.startOn,
      end_on: input.endOn,
      updated_at: now.toISOString(),
    });
    await audit({
      unitCode: s.value.unit_code,
      action: 'participation.survey.update',
      entityType: 'participation_survey',
      entityId: id,
      after: { title: input.title.trim(), questions: input.questions.length },
    });
    return ok({ id });
  });
}

export async function publishSurvey(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const s = await ownSurvey(trx, meta, id);
    if (!s.ok) return s;
    if (s.value.published_at) return fail(409, 'ALREADY_PUBLISHED', '问卷已经发布');
    if (s.value.end_on < chinaDate(now)) return fail(400, 'END_IN_PAST', `结束日期（${s.value.end_on}）已过，请先修改日期`);
    await repo.updateSurvey(trx, id, { published_at: now.toISOString(), updated_at: now.toISOString() });
    await audit({
      unitCode: s.value.unit_code,
      action: 'participation.survey.publish',
      entityType: 'participation_survey',
      entityId: id,
      after: { startOn: s.value.start_on, endOn: s.value.end_on, method: s.value.method },
    });
    await publicChanged(ctx, trx, now);
    return ok({ id });
  });
}

/** A batch of one-time codes (one per household slip). The codes are returned once and never stored in clear. */
export async function generateCodes(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  count: number,
): Promise<Result<{ batchNo: number; codes: string[]; survey: repo.WithUnit<repo.SurveyRow> }>> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_BATCH) return fail(400, 'INVALID_COUNT', `每批答题码须为1到${MAX_CODES_PER_BATCH}个`);
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const s = await ownSurvey(trx, meta, id);
    if (!s.ok) return s;
    if (s.value.method !== 'codes') return fail(409, 'NOT_CODE_SURVEY', '这份问卷不使用一次性答题码');
    if (surveyStatus(s.value, chinaDate(now)) === 'closed') return fail(409, 'SURVEY_CLOSED', '问卷已结束，不能再生成答题码');
    const batches = await repo.codeBatches(trx, id);
    const batchNo = (batches.at(-1)?.batchNo ?? 0) + 1;
    const codes = new Set<string>();
    while (codes.size < count) codes.add(randomCode(CODE_LENGTH));
    await repo.insertCodes(
      trx,
      id,
      batchNo,
      [...codes].map((c) => codeHash(id, c)),
      now.toISOString(),
    );
    await audit({
      unitCode: s.value.unit_code,
      action: 'participation.survey.codes',
      entityType: 'participation_survey',
      entityId: id,
      after: { batchNo, count },
    });
    return ok({ batchNo, codes: [...codes], survey: s.value });
  });
}

export interface AnswerInput {
  answers: Record<string, unknown>;
  code?: string | null;
  /** Open answering: the device cookie's value (hashed before it is stored). */
  deviceId?: string | null;
}

/**
 * One answer sheet. By code: the code must exist and be unused, and is used by this sheet (a conditional update, so
 * two answers with one code cannot both pass). Open: at most `per_device` sheets per device cookie.
 */
export async function submitAnswers(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  input: AnswerInput,
  source: 'online' | 'paper' = 'online',
): Promise<Result<{ accepted: true }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const s = await repo.findSurvey(trx, id);
    const today = chinaDate(now);
    if (!s || !s.published_at) return fail(404, 'SURVEY_NOT_FOUND', '没有找到这份问卷');
    const status = surveyStatus(s, today);
    if (status === 'announced') return fail(409, 'SURVEY_NOT_OPEN', `问卷将于${s.start_on}开始作答`);
    if (status === 'closed') return fail(409, 'SURVEY_CLOSED', `问卷已于${s.end_on}结束，感谢您的参与`);
    const checked = validateAnswers(JSON.parse(s.questions_json) as Question[], input.answers);
    if (!checked.ok) return fail(400, 'INVALID_ANSWERS', checked.problems.map((p) => p.message).join('；'), { problems: checked.problems });
    if (s.method === 'codes') {
      const code = (input.code ?? '').trim().toUpperCase();
      if (!code) return fail(400, 'CODE_REQUIRED', '请填写答题纸条上的答题码');
      const hash = codeHash(id, code);
      const found = await repo.findCode(trx, id, hash);
      if (!found) return fail(404, 'CODE_UNKNOWN', '答题码不正确，请核对纸条上的答题码（不区分大小写）');
      if (found.used_on || (await repo.useCode(trx, id, hash, today)) !== 1) return fail(409, 'CODE_USED', '这个答题码已经用过了，每个答题码只能作答一次');
    } else if (s.method === 'open') {
      if (!input.deviceId) return fail(400, 'DEVICE_REQUIRED', '请允许浏览器保存本站的 Cookie 后再作答');
      const hash = crypto.createHash('sha256').update(`gongkai-device:${id}:${input.deviceId}`).digest('hex');
      if (!(await repo.countDeviceAnswer(trx, id, hash, s.per_device ?? 1)))
        return fail(409, 'DEVICE_LIMIT', `这台设备已经作答过了（每台设备最多${s.per_device ?? 1}次）`);
    } else if (s.method === 'sms') return fail(409, 'SMS_NOT_CONFIGURED', '短信验证码作答尚未开通');
    await repo.insertResponse(trx, {
      id: uuid(),
      survey_id: id,
      answers_json: JSON.stringify(checked.answers),
      answered_on: today,
      source,
      is_demo: s.is_demo,
    });
    // The audit event says that a sheet came in, not which one or from whom.
    await audit({
      unitCode: s.unit_code,
      action: 'participation.survey.answer',
      entityType: 'participation_survey',
      entityId: id,
      after: { method: s.method, source },
    });
    return ok({ accepted: true });
  });
}

export async function publishResults(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const s = await ownSurvey(trx, meta, id);
    if (!s.ok) return s;
    if (surveyStatus(s.value, chinaDate(now)) !== 'closed') return fail(409, 'SURVEY_NOT_CLOSED', `问卷到${s.value.end_on}才结束，结束后才能公布结果`);
    if (s.value.results_published_at) return fail(409, 'RESULTS_PUBLISHED', '结果已经公布');
    await repo.updateSurvey(trx, id, { results_published_at: now.toISOString(), updated_at: now.toISOString() });
    await audit({ unitCode: s.value.unit_code, action: 'participation.survey.results', entityType: 'participation_survey', entityId: id });
    await publicChanged(ctx, trx, now);
    return ok({ id });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The county's satisfaction schedule

export const SCHEDULE_EVERY = [
  { code: 'yearly', label: '每年一次', months: 12 },
  { code: 'half_yearly', label: '每半年一次', months: 6 },
  { code: 'quarterly', label: '每季度一次', months: 3 },
] as const;

/** The period a date falls in (2026, 2026-H2, 2026-Q3) and the day its survey opens. */
export function schedulePeriod(every: string, opensMonthDay: string, today: string): { period: string; opensOn: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const [om, od] = opensMonthDay.split('-').map(Number);
  if (every === 'half_yearly') {
    const h = m <= 6 ? 1 : 2;
    const month = (h - 1) * 6 + Math.min(om, 6);
    return { period: `${y}-H${h}`, opensOn: `${y}-${String(month).padStart(2, '0')}-${String(od).padStart(2, '0')}` };
  }
  if (every === 'quarterly') {
    const q = Math.ceil(m / 3);
    const month = (q - 1) * 3 + Math.min(om, 3);
    return { period: `${y}-Q${q}`, opensOn: `${y}-${String(month).padStart(2, '0')}-${String(od).padStart(2, '0')}` };
  }
  return { period: String(y), opensOn: `${y}-${opensMonthDay}` };
}

export interface ScheduleInput {
  rootUnitCode: string;
  every: string;
  opensMonthDay: string;
  openDays: number;
  method: 'codes' | 'open';
}

function checkSchedule(input: Omit<ScheduleInput, 'rootUnitCode'>): Result<null> {
  if (!SCHEDULE_EVERY.some((e) => e.code === input.every)) return fail(400, 'INVALID_EVERY', '请选择调查频次');
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d)$/.test(input.opensMonthDay)) return fail(400, 'INVALID_DATE', '开始日期请写成“月-日”，日在1到29之间，例如 11-01');
  if (!Number.isInteger(input.openDays) || input.openDays < 7 || input.openDays > 90) return fail(400, 'INVALID_DAYS', '作答期须为7到90天');
  if (input.method !== 'codes' && input.method !== 'open') return fail(400, 'INVALID_METHOD', '请选择一次性答题码或公开作答');
  return ok(null);
}

const NOT_COUNTY_ADMIN = '满意度调查的安排由县级管理员设定';

/** The county office schedules the satisfaction survey for every village under a unit. */
export async function createSchedule(ctx: AppContext, meta: CommandMeta, input: ScheduleInput): Promise<Result<{ id: string }>> {
  const checked = checkSchedule(input);
  if (!checked.ok) return checked;
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const unit = await unitFor(trx, meta.actor!, input.rootUnitCode, 'edit');
    if (!unit.ok) return unit;
    if (!actorCoversPath(meta.actor!, unit.value.path, ['county_admin'])) return fail(403, 'FORBIDDEN', NOT_COUNTY_ADMIN);
    const id = uuid();
    await repo.insertSchedule(trx, {
      id,
      template_key: SATISFACTION_TEMPLATE.key,
      root_unit_code: unit.value.code,
      every: input.every,
      opens_month_day: input.opensMonthDay,
      open_days: input.openDays,
      method: input.method,
      active: 1,
      rounds_from: null,
      is_demo: unit.value.is_demo,
      created_at: now.toISOString(),
      created_by: meta.actor?.username ?? null,
      updated_at: null,
      updated_by: null,
    });
    await audit({
      unitCode: unit.value.code,
      action: 'participation.schedule.create',
      entityType: 'participation_survey_schedule',
      entityId: id,
      after: { ...input },
    });
    return ok({ id });
  });
}

type ScheduleSettings = Omit<ScheduleInput, 'rootUnitCode'>;
const settingsOf = (s: repo.ScheduleRow): ScheduleSettings & { active: boolean } => ({
  every: s.every,
  opensMonthDay: s.opens_month_day,
  openDays: s.open_days,
  method: s.method as ScheduleInput['method'],
  active: s.active === 1,
});

/**
 * One change to a schedule by the county admin over its scope (404 outside the actor's subtree, 403 for another role):
 * `change` returns the columns to set or a refusal. Audited with before/after; the change is stamped.
 */
async function changeSchedule(
  ctx: AppContext,
  meta: CommandMeta,
  id: string,
  action: string,
  change: (s: repo.ScheduleRow, today: string) => Result<Partial<repo.ScheduleRow>>,
): Promise<Result<{ id: string }>> {
  return runCommand(ctx, meta, async ({ trx, now, audit }) => {
    const s = await repo.findSchedule(trx, id);
    if (!s || !actorCoversPath(meta.actor!, s.root_path)) return fail(404, 'SCHEDULE_NOT_FOUND', '没有这项满意度调查安排');
    if (!actorCoversPath(meta.actor!, s.root_path, ['county_admin'])) return fail(403, 'FORBIDDEN', NOT_COUNTY_ADMIN);
    const patch = change(s, chinaDate(now));
    if (!patch.ok) return patch;
    await repo.updateSchedule(trx, id, { ...patch.value, updated_at: now.toISOString(), updated_by: meta.actor?.username ?? null });
    await audit({
      unitCode: s.root_unit_code,
      action,
      entityType: 'participation_survey_schedule',
      entityId: id,
      before: settingsOf(s),
      after: settingsOf({ ...s, ...patch.value }),
    });
    return ok({ id });
  });
}

/** Paused: the job starts no new round; a round already open runs to its end. */
export function pauseSchedule(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  return changeSchedule(ctx, meta, id, 'participation.schedule.pause', (s) =>
    s.active === 1 ? ok({ active: 0 }) : fail(409, 'ALREADY_PAUSED', '这项安排已经暂停'),
  );
}

/** Resumed from today: a round whose opening day passed while paused is not started (missed rounds are not made up). */
export function resumeSchedule(ctx: AppContext, meta: CommandMeta, id: string): Promise<Result<{ id: string }>> {
  return changeSchedule(ctx, meta, id, 'participation.schedule.resume', (s, today) =>
    s.active === 1 ? fail(409, 'NOT_PAUSED', '这项安排正在执行，不需要恢复') : ok({ active: 1, rounds_from: today }),
  );
}

/** New settings from the next round on: a round already open keeps its dates; none opening before today is started. */
export function updateSchedule(ctx: AppContext, meta: CommandMeta, id: string, input: ScheduleSettings): Promise<Result<{ id: string }>> {
  const checked = checkSchedule(input);
  if (!checked.ok) return Promise.resolve(checked);
  return changeSchedule(ctx, meta, id, 'participation.schedule.update', (s, today) => {
    const was = settingsOf(s);
    if (was.every === input.every && was.opensMonthDay === input.opensMonthDay && was.openDays === input.openDays && was.method === input.method)
      return fail(400, 'NOTHING_CHANGED', '安排没有改动');
    return ok({ every: input.every, opens_month_day: input.opensMonthDay, open_days: input.openDays, method: input.method, rounds_from: today });
  });
}

/**
 * The daily job: for every active schedule whose period has opened, each village under it gets its satisfaction
 * survey (published, from the template), once per period — idempotent on (schedule, village, period).
 */
export async function runSatisfactionSchedules(ctx: AppContext, now: Date): Promise<{ created: number }> {
  const today = chinaDate(now);
  let created = 0;
  for (const s of await repo.listSchedules(ctx.db, true)) {
    const { period, opensOn } = schedulePeriod(s.every, s.opens_month_day, today);
    if (today < opensOn) continue;
    // Resumed or changed after this round's opening day: it is not started late (the next round is).
    if (s.rounds_from && opensOn < s.rounds_from) continue;
    const endOn = addCalendarDays(opensOn, s.open_days - 1);
    if (today > endOn) continue;
    for (const v of await repo.activeVillagesUnder(ctx.db, s.root_path)) {
      const at = now.toISOString();
      const res = await runCommand(ctx, { actor: null }, async ({ trx, audit }) => {
        // Paused since the list was read: start nothing.
        if (!(await repo.scheduleActive(trx, s.id))) return ok(false);
        const id = uuid();
        const ok1 = await repo.insertScheduledSurvey(trx, {
          id,
          unit_code: v.code,
          kind: 'satisfaction',
          title: `${v.name}${period
            .replace('-H1', '年上半年')
            .replace('-H2', '年下半年')
            .replace(/-Q(\d)/, '年第$1季度')}${/^\d{4}$/.test(period) ? '年度' : ''}${SATISFACTION_TEMPLATE.title}`,
          intro: SATISFACTION_TEMPLATE.intro,
          questions_json: JSON.stringify(SATISFACTION_TEMPLATE.questions),
          method: s.method,
          per_device: s.method === 'open' ? 1 : null,
          start_on: opensOn,
          end_on: endOn,
          published_at: at,
          results_published_at: null,
          template_key: s.template_key,
          schedule_id: s.id,
          period,
          is_demo: s.is_demo || v.is_demo ? 1 : 0,
          created_at: at,
          created_by: null,
          updated_at: at,
        });
        if (ok1) {
          await audit({
            unitCode: v.code,
            action: 'participation.survey.schedule-open',
            entityType: 'participation_survey',
            entityId: id,
            after: { scheduleId: s.id, period, startOn: opensOn, endOn },
          });
          await publicChanged(ctx, trx, now);
        }
        return ok(ok1);
      });
      if (res.ok && res.value) created += 1;
    }
  }
  return { created };
}

export const satisfactionJob: JobDefinition = {
  name: 'participation.satisfaction',
  schedule: { kind: 'daily', hour: async () => 1 },
  run: async (ctx, run) => runSatisfactionSchedules(ctx, run.now),
};
