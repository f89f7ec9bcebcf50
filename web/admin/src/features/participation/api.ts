/**
 * The participation (公众参与) API as the admin uses it: the server's answers, type-only from
 * src/modules/participation/participation.schemas.ts; its code lists by value from participation.vocabulary.ts (a
 * run-time leaf); and the role lists of the server policy (participation.policy.ts).
 */
import type {
  ConsultationDetail,
  ConsultationList,
  ConsultationSummary,
  Created,
  DecisionList,
  EventView,
  ItemList,
  ModerationResult,
  PublishedVersion,
  ScheduleList,
  StaffComment,
  StaffEventDetail,
  StaffRegistration,
  SurveyList,
  SurveySummary,
} from '../../../../../src/modules/participation/participation.schemas.ts';
import {
  ADOPTIONS as ADOPTION_LIST,
  COMMENT_CHANNELS,
  EVENT_KINDS as EVENT_KIND_LIST,
} from '../../../../../src/modules/participation/participation.vocabulary.ts';
import type { Role } from '../../app/menu.ts';

export type {
  ConsultationDetail,
  ConsultationList,
  ConsultationSummary,
  Created,
  DecisionList,
  ItemList,
  ModerationResult,
  PublishedVersion,
  ScheduleList,
  StaffComment,
  SurveyList,
  SurveySummary,
};
export { PARTICIPATION_METHODS } from '../../../../../src/modules/participation/participation.vocabulary.ts';

/** Create consultations and surveys (government work: not a village clerk's). */
export const MODERATORS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'county_admin'];
/** Surveys and village decisions can also be kept by a village clerk. */
export const EDITORS: readonly Role[] = ['unit_officer', 'unit_reviewer', 'village_clerk', 'county_admin'];

export type DecisionSummary = DecisionList['items'][number];
export type ItemRow = ItemList['items'][number];
export type EventRow = EventView;
export type EventRegistration = StaffRegistration;
export type EventDetail = StaffEventDetail;

/** Channels staff enter comments from (座谈会, 实地走访, letters, meetings …), as Select options. */
export const STAFF_CHANNELS = COMMENT_CHANNELS.filter((c) => c.staff).map((c) => ({ value: c.code, label: c.label }));

/** 采纳 / 部分采纳 / 未采纳, as Select options. */
export const ADOPTIONS = ADOPTION_LIST.map((a) => ({ value: a.code, label: a.label }));

export const STATUS_COLOR: Record<string, string> = { draft: 'default', announced: 'blue', open: 'green', closed: 'orange', answered: 'purple' };

/** 听证会、座谈会等活动, as Select options. */
export const EVENT_KINDS = EVENT_KIND_LIST.map((k) => ({ value: k.code, label: k.label }));

export const PHASE_COLOR: Record<string, string> = {
  draft: 'default',
  registration: 'green',
  announced: 'blue',
  list_published: 'cyan',
  held: 'orange',
  recorded: 'gold',
  concluded: 'purple',
};
