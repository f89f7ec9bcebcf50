/** Reads of a disclosure's attachments and evidence for the public and staff views (masked for the public). */
import type { AppContext } from '../../../platform/context.ts';
import { piiRules } from '../pii-config.ts';
import { maskAll, type PiiDecision } from '../pii/pii-scan.ts';
import type { DisclosureAttachmentTable } from '../disclosure.tables.ts';
import { attachmentsInOrder, firstEvidenceDate } from '../disclosure.repository.ts';
import { originalIsPublic, REVIEW_TEXT, TYPE_TEXT, type FileReview } from './structured.ts';

export interface PublicAttachment {
  id: string;
  /** Display name, personal data masked. */
  name: string;
  type: string;
  typeText: string;
  size: number;
  /** Masked online view (xlsx/docx). */
  viewUrl: string | null;
  /** The original, only when a reviewer cleared it (and, for xlsx/docx, every hit in it is allowed). */
  downloadUrl: string | null;
  note: string | null;
}

export interface StaffAttachment {
  id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  extractionNote: string | null;
  review: { action: string; text: string; reason: string | null; at: string } | null;
  createdAt: string;
  url: string;
}

/** Decisions in force when the current public version was written: later decisions do not change what was published. */
export function decisionsAsOf(decisions: readonly PiiDecision[], at: string): PiiDecision[] {
  return decisions.filter((d) => d.at <= at);
}

/** A public reason with the current rules applied (reasons with personal data are refused since issue 13; older ones are masked). */
export function publicReason<T extends string | null>(reason: T, decisions: readonly PiiDecision[], today: string): T {
  return (reason === null ? null : maskAll(reason, piiRules(), { today, decisions })) as T;
}

export async function loadAttachments(ctx: AppContext, id: string): Promise<DisclosureAttachmentTable[]> {
  return attachmentsInOrder(ctx.db, id);
}

export function publicAttachmentOf(disclosureId: string, a: DisclosureAttachmentTable, decisions: readonly PiiDecision[], today: string): PublicAttachment {
  const download = originalIsPublic(a, decisions, today);
  const viewable = !!a.extracted_text;
  return {
    id: a.id,
    name: maskAll(a.name, piiRules(), { today, decisions }),
    type: a.type,
    typeText: TYPE_TEXT[a.type] ?? a.type,
    size: a.size,
    viewUrl: viewable ? `/disclosures/${disclosureId}/attachments/${a.id}` : null,
    downloadUrl: download ? `/api/v1/disclosures/${disclosureId}/attachments/${a.id}` : null,
    note: download ? null : viewable ? '原件不公开，可在线查看（个人信息已遮盖）' : '原件不公开',
  };
}

export function staffAttachmentOf(disclosureId: string, a: DisclosureAttachmentTable): StaffAttachment {
  return {
    id: a.id,
    name: a.name,
    type: a.type,
    size: a.size,
    sha256: a.sha256,
    extractionNote: a.extraction_note,
    review: a.review_action ? { action: a.review_action, text: REVIEW_TEXT[a.review_action as FileReview] ?? a.review_action, reason: a.review_reason, at: a.reviewed_at ?? '' } : null,
    createdAt: a.created_at,
    url: `/api/v1/disclosures/${disclosureId}/attachments/${a.id}`,
  };
}

/** The earliest 公开栏 photo date, or null. */
export async function boardPostedOn(ctx: AppContext, id: string): Promise<string | null> {
  return firstEvidenceDate(ctx.db, id);
}
