/**
 * Fixtures for the letter tests: one made-up case at 泗阳县民政局 (the address and phone are the 2021 annual
 * report's, reference-data §1.4; the applicant, numbers, review bodies and court are invented test values).
 */
import type { LetterKind } from '../request.types.ts';
import type { LetterInput } from './letter.types.ts';

export const TEST_REMEDY = { reviewBodies: ['泗阳县人民政府'], court: '泗阳县人民法院' };

export function baseLetter(kind: LetterKind, over: Partial<LetterInput> = {}): LetterInput {
  return {
    kind,
    number: '泗民公复〔2026〕7号',
    issuedOn: '2026-03-05',
    unit: {
      name: '泗阳县民政局',
      address: '宿迁市泗阳县众兴街道北京中路20号',
      postcode: '223700',
      phone: '0527-85212808',
      contact: '政务公开办公室',
      officeHours: '工作日上午8:30—12:00，下午2:30—5:30',
    },
    recipient: { role: 'applicant', name: '王晓明', natural: true },
    applicant: {
      name: '王晓明',
      kindLabel: '自然人',
      natural: true,
      idDocument: '居民身份证 321323199001011234',
      phone: '13900000000',
      address: '泗阳县众兴街道人民路1号',
      postcode: '223700',
      email: null,
    },
    registrationNo: '民政〔2026〕第12号',
    receivedOn: '2026-02-10',
    channel: 'online',
    request: { description: '2025年度众兴街道最低生活保障资金发放汇总表', docNumber: null, formLabel: '电子文档', deliveryLabel: '电子邮件' },
    dueOn: '2026-03-16',
    handledBy: '李四',
    remedy: TEST_REMEDY,
    ...over,
  };
}

/** A complete input for every kind (the reply as 予以公开). */
export function letterFor(kind: LetterKind): LetterInput {
  const third = { role: 'third-party' as const, name: '泗阳县某某农业发展有限公司', natural: false };
  switch (kind) {
    case 'clarification':
      return baseLetter(kind, {
        clarification: {
          items: ['申请公开的政府信息的名称、文号或者其他特征性描述不明确或有歧义'],
          guidance: '请写明所需信息的年度和发放范围。',
          deadline: '2026-02-27',
        },
      });
    case 'reasons-request':
      return baseLetter(kind, { reasonsDeadline: '2026-02-24' });
    case 'extension':
      return baseLetter(kind, {
        extension: { article: 'art33', reason: '所需信息涉及多个年度的档案，需要逐卷检索', workingDays: 20, approvedBy: '张主任', newDueOn: '2026-04-14' },
      });
    case 'consult-third-party':
      return baseLetter(kind, {
        recipient: third,
        consultation: { kind: 'third-party', partyName: third.name, sentOn: '2026-02-12', deadline: '2026-03-09', concern: '商业秘密' },
      });
    case 'consult-confirmation':
      return baseLetter(kind, {
        recipient: third,
        consultation: { kind: 'third-party', partyName: third.name, letterNumber: '泗民公征〔2026〕2号', sentOn: '2026-02-12', deadline: '2026-03-09' },
      });
    case 'consult-notice-applicant':
      return baseLetter(kind, { consultation: { kind: 'third-party', partyName: third.name, sentOn: '2026-02-12', deadline: '2026-03-09' } });
    case 'third-party-disclosure-notice':
      return baseLetter(kind, {
        recipient: third,
        consultation: { kind: 'third-party', partyName: third.name, sentOn: '2026-02-12' },
        thirdPartyDisclosure: {
          stance: 'objected',
          answeredOn: '2026-02-20',
          content: '该公司2025年度获得的农业补贴金额',
          reasons: '财政补贴资金的使用情况关系公共利益，不公开可能对公共利益造成重大影响',
          discloseOn: '2026-03-20',
        },
      });
    case 'consult-co-producer':
      return baseLetter(kind, {
        recipient: { role: 'agency', name: '泗阳县财政局', natural: false },
        consultation: { kind: 'co-producer', partyName: '泗阳县财政局', sentOn: '2026-02-12', deadline: '2026-03-09' },
      });
    case 'assist':
      return baseLetter(kind, {
        recipient: { role: 'agency', name: '众兴街道办事处', natural: false },
        consultation: {
          kind: 'assisting',
          partyName: '众兴街道办事处',
          sentOn: '2026-02-12',
          deadline: '2026-02-26',
          request: '提供2025年度众兴街道最低生活保障资金发放汇总表',
        },
      });
    case 'fee-notice':
      return baseLetter(kind, {
        fee: {
          mode: 'per-application',
          calculation: '本自然月内第12件申请，按每件100元计收',
          amountYuan: '100.00',
          payBy: '2026-03-10',
          paymentMethod: '到泗阳县民政局财务科现场缴纳，或者通过非税收入缴款通知书载明的方式缴纳',
        },
      });
    case 'reply':
      return baseLetter(kind, {
        decision: {
          type: 'disclose.provide',
          legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
          providedItems: '2025年度众兴街道最低生活保障资金发放汇总表（1份，3页）',
          provisionMethod: '电子邮件',
          provisionDate: '2026-03-06',
        },
      });
    default:
      return baseLetter(kind);
  }
}
