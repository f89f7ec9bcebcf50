/**
 * Who manages the org tree, the accounts and the audit log: plain data with only a type import, so the admin SPA's
 * menu takes the same list by value (a run-time leaf) and org.policy.ts and the org routes check it.
 */
import type { Role } from '../../platform/auth/roles.ts';

/** Only the county office manages the tree and accounts (within its own subtree) and reads the audit log. */
export const MANAGERS: readonly Role[] = ['county_admin'];
