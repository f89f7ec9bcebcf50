import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime } from '../../../test/helpers/test-app.ts';
import type { Runtime } from '../../runtime.ts';
import { getCalendar, type WorkCalendar } from '../calendar/index.ts';
import {
  checkMediaUrl,
  checkPrefix,
  checkValidityChange,
  evaluateInterpretations,
  monthsBefore,
  parseDocNo,
  VALIDITY_TRANSITIONS,
  type ValidityChangeInput,
} from './policies.rules.ts';

const P = ['泗政办发', '泗政发'];

describe('文号 (机关代字〔年份〕序号号)', () => {
  it('accepts the real numbers and normalises what people type', () => {
    expect(parseDocNo('泗政办发〔2023〕72号', P, '2023-12-05')).toEqual({
      ok: true,
      value: { docNo: '泗政办发〔2023〕72号', prefix: '泗政办发', year: 2023, serial: 72 },
    });
    expect(parseDocNo('泗政发〔2021〕55号', P, '2021-06-01').ok).toBe(true);
    for (const typed of [
      '泗政办发[2023]72号',
      '泗政办发［2023］72号',
      '泗政办发（2023）72号',
      '泗政办发(2023)72号',
      '泗政办发【2023】72号',
      ' 泗政办发 〔2023〕 072号 ',
      '泗政办发﹝2023﹞72号',
    ]) {
      const r = parseDocNo(typed, P, '2023-12-05');
      expect(r.ok && r.value.docNo, typed).toBe('泗政办发〔2023〕72号');
    }
  });

  it('refuses a wrong format, an unregistered 代字, a year after the 成文日期, serial 0', () => {
    const code = (raw: string, prefixes = P, on = '2023-12-05') => {
      const r = parseDocNo(raw, prefixes, on);
      return r.ok ? 'ok' : r.code;
    };
    expect(code('泗政办发2023年72号')).toBe('INVALID_DOC_NO');
    expect(code('泗政办发〔23〕72号')).toBe('INVALID_DOC_NO');
    expect(code('泗政办发〔2023〕72')).toBe('INVALID_DOC_NO');
    expect(code('〔2023〕72号')).toBe('INVALID_DOC_NO');
    expect(code('泗政办发〔2023〕0号')).toBe('INVALID_DOC_NO');
    expect(code('宿政办发〔2022〕32号')).toBe('DOC_NO_PREFIX');
    expect(code('泗政办发〔2024〕1号')).toBe('DOC_NO_YEAR');
    expect(code('泗政办发〔2023〕72号', [])).toBe('DOC_NO_PREFIX');
    const msg = parseDocNo('宿政办发〔2022〕32号', P, '2023-01-01');
    expect(!msg.ok && msg.message).toContain('可用：泗政办发、泗政发');
  });

  it('a 机关代字 is only the 代字', () => {
    expect(checkPrefix(' 泗政办发 ')).toEqual({ ok: true, value: '泗政办发' });
    for (const bad of ['', '泗政办发〔2023〕', '泗政办发2023', '泗政办发号', '泗政(办)发']) expect(checkPrefix(bad).ok, bad).toBe(false);
  });
});

describe('validity transitions', () => {
  const base: ValidityChangeInput = {
    current: 'valid',
    to: 'amended',
    effectiveOn: '2026-05-11',
    today: '2026-12-07',
    target: { id: 'a', writtenOn: '2025-04-10' },
    by: { id: 'b', writtenOn: '2026-05-08', published: true, validity: 'valid' },
  };
  const r = (over: Partial<ValidityChangeInput>) => {
    const x = checkValidityChange({ ...base, ...over });
    return x.ok ? 'ok' : x.code;
  };

  it('follows the table: amended/repealed need the changing document, expiry does not', () => {
    expect(r({})).toBe('ok');
    expect(r({ to: 'repealed' })).toBe('ok');
    expect(r({ current: 'amended', to: 'amended' })).toBe('ok');
    expect(r({ to: 'expired', by: null })).toBe('ok');
    expect(r({ to: 'amended', by: null })).toBe('CHANGING_DOCUMENT_REQUIRED');
    expect(r({ to: 'repealed', by: null })).toBe('CHANGING_DOCUMENT_REQUIRED');
    // Terminal states and no-ops.
    for (const current of ['repealed', 'expired'] as const)
      for (const to of ['valid', 'amended', 'repealed', 'expired'] as const) expect(r({ current, to }), `${current}→${to}`).toBe('VALIDITY_TRANSITION');
    expect(r({ to: 'valid' })).toBe('VALIDITY_TRANSITION');
    expect(VALIDITY_TRANSITIONS.every((t) => t.from === 'valid' || t.from === 'amended')).toBe(true);
  });

  it('checks dates and the changing document', () => {
    expect(r({ effectiveOn: '2026-12-08' })).toBe('VALIDITY_DATE');
    expect(r({ effectiveOn: '2025-04-09' })).toBe('VALIDITY_DATE');
    expect(r({ effectiveOn: '2026-05-07' })).toBe('VALIDITY_DATE');
    expect(r({ by: { ...base.by!, id: 'a' } })).toBe('CHANGING_DOCUMENT_SELF');
    expect(r({ by: { ...base.by!, published: false } })).toBe('CHANGING_DOCUMENT_UNPUBLISHED');
    expect(r({ by: { ...base.by!, writtenOn: '2024-01-01' }, effectiveOn: '2025-05-01' })).toBe('CHANGING_DOCUMENT_OLDER');
    expect(r({ by: { ...base.by!, validity: 'repealed' } })).toBe('CHANGING_DOCUMENT_NOT_IN_FORCE');
  });
});

describe('the interpretation rule on the statutory calendar', () => {
  let rt: Runtime;
  let cal: WorkCalendar;
  beforeAll(async () => {
    rt = await openTestRuntime();
    cal = await getCalendar(rt.ctx);
  });
  afterAll(() => rt?.close());

  const settings = { categories: ['政府办文件'], workingDays: 7 };
  const policies = [
    { id: 'p', category: '政府办文件', publishedOn: '2026-02-12' },
    { id: 'other', category: '部门文件', publishedOn: '2026-02-12' },
  ];

  it('counts working days across 春节 (7 working days after 2026-02-12 is the 28th, a make-up Saturday)', () => {
    const on = (d: string | null, today = '2026-03-10') =>
      evaluateInterpretations(policies, d ? [{ policyId: 'p', publishedOn: d }] : [], settings, cal, today);
    expect(on('2026-02-27')).toEqual([
      { policyId: 'p', publishedOn: '2026-02-12', dueOn: '2026-02-28', provisional: false, interpretedOn: '2026-02-27', status: 'on_time' },
    ]);
    // Without the holiday the deadline would have been 2026-02-24: an interpretation on the 25th is still on time.
    expect(on('2026-02-25')[0]!.status).toBe('on_time');
    expect(on('2026-03-02')[0]!.status).toBe('late');
    expect(on(null, '2026-02-28')[0]!.status).toBe('pending');
    expect(on(null, '2026-03-01')[0]!.status).toBe('missing');
  });

  it('lists only marked categories; 0 working days means the same day; the first interpretation counts', () => {
    expect(evaluateInterpretations(policies, [], { categories: [], workingDays: 3 }, cal, '2026-12-01')).toEqual([]);
    const same = evaluateInterpretations(
      policies,
      [{ policyId: 'p', publishedOn: '2026-02-13' }],
      { categories: ['政府办文件'], workingDays: 0 },
      cal,
      '2026-12-01',
    );
    expect(same[0]).toMatchObject({ dueOn: '2026-02-12', status: 'late' });
    const two = evaluateInterpretations(
      policies,
      [
        { policyId: 'p', publishedOn: '2026-03-20' },
        { policyId: 'p', publishedOn: '2026-02-20' },
      ],
      settings,
      cal,
      '2026-12-01',
    );
    expect(two[0]).toMatchObject({ interpretedOn: '2026-02-20', status: 'on_time' });
  });
});

describe('the look-back of late interpretations (months, a county setting)', () => {
  it('counts calendar months back and clamps to the end of a shorter month', () => {
    expect(monthsBefore('2027-10-13', 12)).toBe('2026-10-13');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2027-01-12', 3)).toBe('2026-10-12');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-05-31', 60)).toBe('2021-05-31');
  });
});

describe('media links', () => {
  it('takes http(s) only', () => {
    expect(checkMediaUrl('https://example.org/v.mp4')).toEqual({ ok: true, value: 'https://example.org/v.mp4' });
    expect(checkMediaUrl('')).toEqual({ ok: true, value: null });
    expect(checkMediaUrl('javascript:alert(1)').ok).toBe(false);
    expect(checkMediaUrl('not a url').ok).toBe(false);
  });
});
