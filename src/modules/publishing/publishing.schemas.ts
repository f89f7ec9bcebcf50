/**
 * TypeBox schemas and field limits of the publishing API, shared by the routes (validation, serialization, the
 * OpenAPI document), the commands (the same limits with a Chinese message) and the admin SPA (its forms' limits
 * and, type-only, its types). Pure: imports nothing but TypeBox and the shared HTTP schema helpers.
 */
import { Type, type Static } from 'typebox';

/** The longest title a disclosure (or a correction of one) may have, in characters, after trimming. */
export const TITLE_MAX_LENGTH = 200;

/** A disclosure's title as the API accepts it (the command trims it and refuses an empty one: 请填写标题). */
export const Title = Type.String({ maxLength: TITLE_MAX_LENGTH, description: `标题（不超过${TITLE_MAX_LENGTH}字）` });
export type Title = Static<typeof Title>;
