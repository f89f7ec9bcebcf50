/** API types of the publishing module (to be replaced by type-only imports of src/modules/publishing/publishing.schemas.ts). */

/** GET /api/v1/disclosures/todo: what the caller owes, was returned, and is to review. */
export interface Todo {
  owed: {
    unitCode: string;
    unitName: string;
    itemKey: string;
    itemName: string;
    period: string;
    periodLabel: string;
    dueDate: string;
    overdue: boolean;
    provisional: boolean;
  }[];
  returned: { id: string; title: string; unitCode: string; comment: string | null; at: string }[];
  toReview: { id: string; title: string; unitCode: string; unitName: string; status: string; submittedAt: string | null }[];
}
