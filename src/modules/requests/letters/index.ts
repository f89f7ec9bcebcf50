/**
 * 依申请公开文书: the 宿迁 document set rendered from templates as .docx and PDF, per-unit letter settings, and the
 * letter routes. Registered as its own manifest so it merges beside the requests module's.
 */
import type { ModuleManifest } from '../../../platform/module.ts';
import { registerCaseLetterRoutes, registerLetterSettingsRoutes } from './letter.routes.ts';

export const manifest: ModuleManifest = {
  name: 'request-letters',
  register(app, ctx) {
    registerLetterSettingsRoutes(app, ctx);
    registerCaseLetterRoutes(app, ctx);
  },
};

export { renderLetter, renderDocument, LETTER_CONTENT_TYPES, type PrintedDocument } from './letter.render.ts';
export { composeLetter, CLARIFICATION_GROUNDS, REPLY_TITLES, documentName, letterDate } from './letter.templates.ts';
export { formatLetterNumber, letterNumber, missingForKind, KINDS_WITH_REMEDY, type LetterSettings } from './letter-settings.ts';
export { loadLetterSettings } from './letter-settings.repository.ts';
export { LetterInputError, type LetterInput, type LetterFormat, type LetterDocument } from './letter.types.ts';
export { caseLetters, letterInputFor, loadCaseLetterContext, type CaseLetter } from './letter.case.ts';
