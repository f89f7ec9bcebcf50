/**
 * Who keeps the working-day calendar: plain data with only a type import, so the admin SPA's menu takes the same list
 * by value (a run-time leaf) and calendar.routes.ts checks it. Reading the calendar needs only a signed-in actor.
 */
import type { Role } from '../../platform/auth/roles.ts';

/** The county office enters each year's holidays and imports calendars. */
export const CALENDAR_EDITORS: readonly Role[] = ['county_admin'];
