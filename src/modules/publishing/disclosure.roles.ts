/**
 * Who works on disclosures, per catalog: plain data with only a type import, so the admin SPA's menu takes the same
 * lists by value (a run-time leaf, docs/ARCHITECTURE.md) and no role list is written twice. disclosure.workflow.ts
 * builds its transition table from them; the webhook and personal-data settings take `PUBLISHING_ADMINS`.
 */
import type { Role } from '../../platform/auth/roles.ts';

export type CatalogKind = 'village' | 'government';

/** Who drafts and who reviews, per catalog. */
export const DRAFTERS: Record<CatalogKind, readonly Role[]> = { village: ['village_clerk'], government: ['unit_officer'] };
export const REVIEWERS: Record<CatalogKind, readonly Role[]> = { village: ['village_supervisor'], government: ['unit_reviewer'] };
/** Reviewer-level roles for decisions after publication and for allowing personal data (with a reason). */
export const SENIOR: Record<CatalogKind, readonly Role[]> = { village: ['village_supervisor', 'county_admin'], government: ['unit_reviewer', 'county_admin'] };
/** The county office: it publishes and sets display ends in both catalogs, and keeps the webhooks and personal-data rules. */
export const PUBLISHING_ADMINS: readonly Role[] = ['county_admin'];

/** Everyone in a catalog's workflow: its drafters, its reviewers and the county office. */
export const staffOf = (c: CatalogKind): readonly Role[] => [...DRAFTERS[c], ...REVIEWERS[c], ...PUBLISHING_ADMINS];

const union = (...lists: (readonly Role[])[]): readonly Role[] => [...new Set(lists.flat())];

/** Everyone in the disclosure workflow of either catalog. */
export const DISCLOSURE_STAFF: readonly Role[] = union(staffOf('village'), staffOf('government'));
/** Who decides on submitted work of either catalog: the reviewers and the roles that review 更正 and withdrawals. */
export const DISCLOSURE_DECIDERS: readonly Role[] = union(REVIEWERS.village, REVIEWERS.government, SENIOR.village, SENIOR.government);
/** Who drafts in either catalog. */
export const DISCLOSURE_DRAFTERS: readonly Role[] = union(DRAFTERS.village, DRAFTERS.government);
