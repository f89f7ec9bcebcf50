/**
 * API types of the publishing module's to-do, taken type-only from the server: the view `todoFor` answers
 * (src/modules/publishing/disclosure.queries.ts), held equal to the route's response schema (`TodoSchema` in
 * disclosure.responses.ts), so a change there fails the admin's type check.
 */
import type { TodoView } from '../../../../../src/modules/publishing/disclosure.queries.ts';

/** GET /api/v1/disclosures/todo: what the caller owes, was returned, and is to review. */
export type Todo = TodoView;
