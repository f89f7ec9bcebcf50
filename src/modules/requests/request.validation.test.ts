import { describe, expect, it } from 'vitest';
import { DECISION_TYPES, REPORT_ROWS } from './request.types.ts';
import { validateApplication, validateDecisionInput } from './request.commands.ts';
import { application } from './request.fixture.ts';

const FULL = {
  on: '2026-03-10',
  legalBasis: null,
  reasons: '理由',
  provision: '以电子邮件提供',
  withheld: '第3页涉及个人信息',
  responsibleAgency: { name: '泗阳县自然资源和规划局', contact: '0527-0000000' },
};

describe('decisions carry what the law requires', () => {
  it.each(DECISION_TYPES.filter((d) => !['other.no-correction', 'other.fee-unpaid'].includes(d.code)).map((d) => [d.code, d] as const))(
    '%s: complete input is accepted and maps to its report row',
    (_code, d) => {
      const r = validateDecisionInput({ ...FULL, type: d.code, legalBasis: d.legalBasis ? null : '《某法》第一条' });
      expect(r.ok).toBe(true);
      expect(REPORT_ROWS.some((row) => row.code === d.row)).toBe(true);
      if (r.ok) expect(r.value.details.legalBasis).toBe(d.legalBasis ?? '《某法》第一条');
    },
  );

  it.each(
    DECISION_TYPES.flatMap((d) =>
      (d.requires as readonly string[]).filter((k) => k !== 'legalBasis' || d.legalBasis === null).map((k) => [d.code, k] as const),
    ).filter(([c]) => !['other.no-correction', 'other.fee-unpaid'].includes(c)),
  )('%s without %s is refused with a clear 400', (code, missing) => {
    const input: Record<string, unknown> = { ...FULL, type: code };
    if (missing === 'responsibleAgency') input.responsibleAgency = { name: '泗阳县自然资源和规划局', contact: '' };
    else if (missing === 'legalBasis') input.legalBasis = '  ';
    else input[missing] = '';
    const r = validateDecisionInput(input as never);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.status).toBe(400);
      expect(r.message).toMatch(/须写明/);
    }
  });

  it('the ending outcomes go through their own commands (which check the clock)', () => {
    for (const code of ['other.no-correction', 'other.fee-unpaid']) {
      const r = validateDecisionInput({ ...FULL, type: code });
      expect(r.ok ? null : r.code).toBe('USE_CLOSE_COMMAND');
    }
    expect(validateDecisionInput({ ...FULL, type: 'nonsense' }).ok).toBe(false);
  });
});

describe('application validation', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ['unknown applicant kind', { applicantKind: 'company' }, 'INVALID_APPLICANT_KIND'],
    ['no name', { applicant: { ...application().applicant, name: ' ' } }, 'NAME_REQUIRED'],
    ['no id', { applicant: { ...application().applicant, idNumber: '' } }, 'ID_REQUIRED'],
    ['bad phone', { applicant: { ...application().applicant, phone: 'abc' } }, 'PHONE_INVALID'],
    ['bad email', { applicant: { ...application().applicant, email: 'x@' } }, 'EMAIL_INVALID'],
    ['bad postcode', { applicant: { ...application().applicant, postcode: '12' } }, 'POSTCODE_INVALID'],
    ['no description', { infoDescription: '  ' }, 'DESCRIPTION_REQUIRED'],
    ['unknown form', { infoForm: 'stone' }, 'INVALID_FORM'],
    ['unknown delivery', { deliveryMethod: 'pigeon' }, 'INVALID_DELIVERY'],
    ['email delivery without email', { deliveryMethod: 'email', applicant: { ...application().applicant, email: null } }, 'EMAIL_REQUIRED'],
    ['post delivery without address', { deliveryMethod: 'post', applicant: { ...application().applicant, address: '' } }, 'ADDRESS_REQUIRED'],
  ];
  it.each(bad)('%s → %s', (_n, patch, code) => {
    const r = validateApplication({ ...application(), ...patch } as never);
    expect(r.ok ? null : r.code).toBe(code);
  });
  it('trims and keeps a valid application', () => {
    const r = validateApplication({ ...application(), infoDescription: '  文件  ' } as never);
    expect(r.ok && r.value.infoDescription).toBe('文件');
  });
});
