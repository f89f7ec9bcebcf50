/**
 * Surveys as data: the question model of the builder (single/multiple choice, 1–5 rating, short text, required or
 * not, simple skip rules on single-choice questions), validation of a questionnaire and of one answer sheet, the
 * tally of anonymous results and the county's satisfaction template. Pure functions.
 */
export const QUESTION_TYPES = [
  { code: 'single', label: '单选题' },
  { code: 'multiple', label: '多选题' },
  { code: 'rating', label: '评分题（1—5分）' },
  { code: 'text', label: '简答题' },
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number]['code'];

export const SURVEY_KINDS = [
  { code: 'survey', label: '问卷调查' },
  { code: 'poll', label: '民意调查' },
  { code: 'satisfaction', label: '群众满意度调查' },
] as const;

/** How one answer per person is ensured; shown with the results. */
export const ANSWER_METHODS = [
  { code: 'codes', label: '一次性答题码（按户发放的二维码纸条）' },
  { code: 'sms', label: '短信验证码（须配置短信网关）' },
  { code: 'open', label: '公开作答，每台设备限答次数' },
] as const;
export type AnswerMethod = (typeof ANSWER_METHODS)[number]['code'];

export interface QuestionOption {
  id: string;
  label: string;
}

export interface SkipRule {
  /** When this option of a single-choice question is chosen … */
  option: string;
  /** … continue at this later question (or 'end': the questionnaire ends). */
  goTo: string;
}

export interface Question {
  id: string;
  type: QuestionType;
  title: string;
  required: boolean;
  options?: QuestionOption[];
  /** Short text: the longest answer accepted. */
  maxLength?: number;
  skip?: SkipRule[];
  /** The question the satisfaction indicator counts: these options are 满意 or 基本满意. */
  satisfiedOptions?: string[];
}

export type AnswerValue = string | string[] | number;
export type AnswerSheet = Record<string, AnswerValue>;

export interface Problem {
  path: string;
  message: string;
}

const ID = /^[a-z0-9_-]{1,20}$/i;
export const MAX_QUESTIONS = 60;
export const MAX_OPTIONS = 20;
export const MAX_TEXT = 500;

/** Checks a questionnaire; the problems name the question (第N题) in Chinese. */
export function validateQuestions(questions: readonly Question[]): Problem[] {
  const out: Problem[] = [];
  if (questions.length === 0) out.push({ path: 'questions', message: '问卷至少需要一道题' });
  if (questions.length > MAX_QUESTIONS) out.push({ path: 'questions', message: `问卷最多${MAX_QUESTIONS}道题` });
  const ids = new Set<string>();
  questions.forEach((q, i) => {
    const at = `第${i + 1}题`;
    const path = `questions[${i}]`;
    if (!ID.test(q.id)) out.push({ path, message: `${at}的编号只能由字母、数字、下划线组成` });
    if (ids.has(q.id)) out.push({ path, message: `${at}的编号“${q.id}”与前面的题目重复` });
    ids.add(q.id);
    if (!q.title?.trim()) out.push({ path, message: `${at}没有题目` });
    if (q.title && q.title.length > 300) out.push({ path, message: `${at}的题目不能超过300字` });
    if (!QUESTION_TYPES.some((t) => t.code === q.type)) out.push({ path, message: `${at}的题型不正确` });
    if (q.type === 'single' || q.type === 'multiple') {
      const opts = q.options ?? [];
      if (opts.length < 2) out.push({ path, message: `${at}是选择题，至少需要两个选项` });
      if (opts.length > MAX_OPTIONS) out.push({ path, message: `${at}最多${MAX_OPTIONS}个选项` });
      const oids = new Set<string>();
      for (const o of opts) {
        if (!ID.test(o.id) || oids.has(o.id)) out.push({ path, message: `${at}的选项编号“${o.id}”不正确或重复` });
        oids.add(o.id);
        if (!o.label?.trim()) out.push({ path, message: `${at}有空白选项` });
      }
      for (const s of q.satisfiedOptions ?? []) if (!oids.has(s)) out.push({ path, message: `${at}的满意选项“${s}”不存在` });
    } else if (q.options?.length) out.push({ path, message: `${at}不是选择题，不能设置选项` });
    if (q.satisfiedOptions && q.type !== 'single') out.push({ path, message: `${at}：只有单选题可以作为满意度题` });
    if (q.type === 'text' && q.maxLength !== undefined && (!Number.isInteger(q.maxLength) || q.maxLength < 1 || q.maxLength > MAX_TEXT))
      out.push({ path, message: `${at}的字数上限须在1到${MAX_TEXT}之间` });
    for (const s of q.skip ?? []) {
      if (q.type !== 'single') {
        out.push({ path, message: `${at}：只有单选题可以设置跳题` });
        break;
      }
      if (!(q.options ?? []).some((o) => o.id === s.option)) out.push({ path, message: `${at}的跳题规则引用了不存在的选项“${s.option}”` });
      if (s.goTo !== 'end') {
        const target = questions.findIndex((x) => x.id === s.goTo);
        if (target <= i) out.push({ path, message: `${at}的跳题规则只能跳到后面的题目` });
      }
    }
  });
  if (questions.filter((q) => q.satisfiedOptions).length > 1) out.push({ path: 'questions', message: '只能有一道题作为满意度题' });
  return out;
}

/** The questions a respondent is shown for the answers given so far (skip rules applied in order). */
export function visibleQuestions(questions: readonly Question[], answers: AnswerSheet): Question[] {
  const out: Question[] = [];
  for (let i = 0; i < questions.length;) {
    const q = questions[i];
    out.push(q);
    const rule = q.type === 'single' ? q.skip?.find((s) => s.option === answers[q.id]) : undefined;
    if (!rule) i += 1;
    else if (rule.goTo === 'end') break;
    else i = questions.findIndex((x) => x.id === rule.goTo);
  }
  return out;
}

/** Checks one answer sheet and returns it cleaned (only shown questions, trimmed text), or the problems. */
export function validateAnswers(
  questions: readonly Question[],
  raw: Record<string, unknown>,
): { ok: true; answers: AnswerSheet } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const answers: AnswerSheet = {};
  const known = new Set(questions.map((q) => q.id));
  for (const k of Object.keys(raw)) if (!known.has(k)) problems.push({ path: k, message: `没有编号为“${k}”的题目` });
  // Normalise first (single answers as the option id), so the skip rules can read them.
  const norm: AnswerSheet = {};
  for (const q of questions) {
    const v = raw[q.id];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (q.type === 'multiple') norm[q.id] = (Array.isArray(v) ? v : [v]).map(String);
    else if (q.type === 'rating') norm[q.id] = typeof v === 'number' ? v : Number(String(v));
    else norm[q.id] = String(Array.isArray(v) ? v[0] : v);
  }
  const shown = visibleQuestions(questions, norm);
  const shownIds = new Set(shown.map((q) => q.id));
  questions.forEach((q, i) => {
    const at = `第${i + 1}题`;
    const v = norm[q.id];
    if (!shownIds.has(q.id)) return; // skipped: an answer to it is ignored
    if (v === undefined) {
      if (q.required) problems.push({ path: q.id, message: `${at}“${q.title}”是必答题，请作答` });
      return;
    }
    const ids = new Set((q.options ?? []).map((o) => o.id));
    if (q.type === 'single' && !ids.has(v as string)) problems.push({ path: q.id, message: `${at}的选项不正确` });
    if (q.type === 'multiple' && (!(v as string[]).every((x) => ids.has(x)) || new Set(v as string[]).size !== (v as string[]).length))
      problems.push({ path: q.id, message: `${at}的选项不正确` });
    if (q.type === 'rating' && (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 5)) problems.push({ path: q.id, message: `${at}请选择1到5分` });
    if (q.type === 'text') {
      const t = (v as string).trim();
      if (t.length > (q.maxLength ?? MAX_TEXT)) problems.push({ path: q.id, message: `${at}的回答不能超过${q.maxLength ?? MAX_TEXT}字` });
      if (!t) {
        if (q.required) problems.push({ path: q.id, message: `${at}“${q.title}”是必答题，请作答` });
        return;
      }
      answers[q.id] = t;
      return;
    }
    answers[q.id] = v;
  });
  return problems.length ? { ok: false, problems } : { ok: true, answers };
}

export interface QuestionResult {
  id: string;
  type: QuestionType;
  title: string;
  /** How many sheets answered the question. */
  answered: number;
  options?: { id: string; label: string; count: number }[];
  /** Rating: counts of 1..5 and the mean. */
  ratings?: { score: number; count: number }[];
  mean?: number | null;
  /** Short text answers (only for staff outputs; public results show the count). */
  texts?: string[];
}

export interface SurveyResults {
  responses: number;
  questions: QuestionResult[];
  satisfaction: { satisfied: number; valid: number } | null;
}

/** Counts the answers; nothing in the result says who answered. */
export function tally(questions: readonly Question[], sheets: readonly AnswerSheet[], opts: { withTexts: boolean }): SurveyResults {
  const results: QuestionResult[] = questions.map((q) => {
    const given = sheets.map((s) => s[q.id]).filter((v) => v !== undefined);
    const r: QuestionResult = { id: q.id, type: q.type, title: q.title, answered: given.length };
    if (q.type === 'single' || q.type === 'multiple') {
      r.options = (q.options ?? []).map((o) => ({
        id: o.id,
        label: o.label,
        count: given.filter((v) => (Array.isArray(v) ? v.includes(o.id) : v === o.id)).length,
      }));
    } else if (q.type === 'rating') {
      r.ratings = [1, 2, 3, 4, 5].map((score) => ({ score, count: given.filter((v) => v === score).length }));
      r.mean = given.length ? Math.round((given.reduce<number>((a, v) => a + Number(v), 0) / given.length) * 100) / 100 : null;
    } else if (opts.withTexts) r.texts = given.map(String);
    return r;
  });
  const sq = questions.find((q) => q.satisfiedOptions);
  const satisfaction = sq
    ? { satisfied: sheets.filter((s) => sq.satisfiedOptions!.includes(String(s[sq.id]))).length, valid: sheets.filter((s) => s[sq.id] !== undefined).length }
    : null;
  return { responses: sheets.length, questions: results, satisfaction };
}

/**
 * The county's template for the periodic 村(居)务 satisfaction survey (plan 三(三)5). The wording is a county choice
 * (not prescribed by any document found); the indicator counts 满意 and 基本满意 among the sheets answering q1.
 */
export const SATISFACTION_TEMPLATE = {
  key: 'village-satisfaction',
  title: '村（居）务公开群众满意度问卷',
  intro: '为了解您对本村（社区）村务公开工作的看法，请抽出几分钟填写。问卷不记名，您的回答只用于统计。',
  questions: [
    {
      id: 'q1',
      type: 'single',
      title: '您对本村（社区）村务公开工作总体是否满意？',
      required: true,
      options: [
        { id: 'a', label: '满意' },
        { id: 'b', label: '基本满意' },
        { id: 'c', label: '不满意' },
        { id: 'd', label: '不了解' },
      ],
      satisfiedOptions: ['a', 'b'],
      skip: [{ option: 'd', goTo: 'q5' }],
    },
    { id: 'q2', type: 'rating', title: '公开的内容是否及时？（1分最差，5分最好）', required: true },
    {
      id: 'q3',
      type: 'multiple',
      title: '您主要通过哪些方式了解村务？（可多选）',
      required: false,
      options: [
        { id: 'a', label: '村务公开栏' },
        { id: 'b', label: '微信群' },
        { id: 'c', label: '村广播' },
        { id: 'd', label: '网上公开专栏' },
        { id: 'e', label: '村民会议' },
      ],
    },
    {
      id: 'q4',
      type: 'single',
      title: '公开的内容您看得懂吗？',
      required: false,
      options: [
        { id: 'a', label: '看得懂' },
        { id: 'b', label: '大部分看得懂' },
        { id: 'c', label: '看不懂' },
      ],
    },
    { id: 'q5', type: 'text', title: '您对村务公开还有什么意见和建议？', required: false, maxLength: 300 },
  ] satisfies Question[],
} as const;
export const SURVEY_TEMPLATES = [SATISFACTION_TEMPLATE] as const;
