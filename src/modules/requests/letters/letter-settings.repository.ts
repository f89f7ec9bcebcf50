/** Every query on info_request_letter_settings. */
import './letter-settings.tables.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { LetterKind } from '../request.types.ts';
import { emptyLetterSettings, type LetterSettings, type LetterSettingsInput } from './letter-settings.ts';
import type { InfoRequestLetterSettingsTable } from './letter-settings.tables.ts';

function toSettings(row: InfoRequestLetterSettingsTable): LetterSettings {
  return {
    unitCode: row.unit_code,
    numberPatterns: JSON.parse(row.number_patterns_json) as Partial<Record<LetterKind, string>>,
    reviewBodies: JSON.parse(row.review_bodies_json) as string[],
    court: row.court,
    office: { address: row.office_address, postcode: row.office_postcode, phone: row.office_phone, contact: row.office_contact, hours: row.office_hours },
    feePaymentMethod: row.fee_payment_method,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The unit's settings, or the empty (unconfigured) settings. */
export async function loadLetterSettings(db: Executor, unitCode: string): Promise<LetterSettings> {
  const row = await db.selectFrom('info_request_letter_settings').selectAll().where('unit_code', '=', unitCode).executeTakeFirst();
  return row ? toSettings(row) : emptyLetterSettings(unitCode);
}

export async function hasLetterSettings(db: Executor, unitCode: string): Promise<boolean> {
  return !!(await db.selectFrom('info_request_letter_settings').select('unit_code').where('unit_code', '=', unitCode).executeTakeFirst());
}

/** Insert or replace the unit's row (inside the caller's transaction). */
export async function writeLetterSettings(db: Executor, unitCode: string, input: LetterSettingsInput, at: string, by: string): Promise<void> {
  const trim = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
  const patterns = Object.fromEntries(
    Object.entries(input.numberPatterns)
      .map(([k, v]) => [k, trim(v)])
      .filter(([, v]) => v),
  );
  const row: InfoRequestLetterSettingsTable = {
    unit_code: unitCode,
    number_patterns_json: JSON.stringify(patterns),
    review_bodies_json: JSON.stringify(input.reviewBodies.map((b) => b.trim()).filter(Boolean)),
    court: trim(input.court),
    office_address: trim(input.office.address),
    office_postcode: trim(input.office.postcode),
    office_phone: trim(input.office.phone),
    office_contact: trim(input.office.contact),
    office_hours: trim(input.office.hours),
    fee_payment_method: trim(input.feePaymentMethod),
    updated_at: at,
    updated_by: by,
  };
  if (await hasLetterSettings(db, unitCode)) {
    const { unit_code: _u, ...rest } = row;
    await db.updateTable('info_request_letter_settings').set(rest).where('unit_code', '=', unitCode).execute();
  } else {
    await db.insertInto('info_request_letter_settings').values(row).execute();
  }
}
