import { validationFailed } from './errors.js';
import type { FieldError } from './errors.js';

/** A PAN anywhere in a text, in either case; its fourth letter is the holder's kind, never the X of a masked one. */
const PAN_IN_TEXT = /\b[a-z]{3}[abcfghjlpt][a-z]\d{4}[a-z]\b/i;
/** Nine or more digits in a row: bank accounts (9-18), Aadhaar (12), demat BO ids (16). */
const LONG_NUMBER = /\d{9,}/;
/** Aadhaar as printed on the card, in groups of four. */
const GROUPED_AADHAAR = /\b\d{4}[ -]\d{4}[ -]\d{4}\b/;

export const holdsIdentityNumber = (text: string) =>
  PAN_IN_TEXT.test(text) || LONG_NUMBER.test(text) || GROUPED_AADHAAR.test(text);

/**
 * 400 errors for staff free text (notes, reasons, messages) that holds a full PAN, Aadhaar or account
 * number. Such text is stored in clear and kept in logs and audit entries that outlive an erasure, where
 * no full identity number may be.
 */
export function identityNumberErrors(fields: Record<string, string | null | undefined>): FieldError[] {
  return Object.entries(fields)
    .filter(([, text]) => text && holdsIdentityNumber(text))
    .map(([field]) => ({
      field,
      code: 'contains_identity_number',
      message: 'must not hold a full PAN, Aadhaar or account number: write its last 4 characters',
    }));
}

/** Throws the errors of `identityNumberErrors`, if any. */
export function assertNoIdentityNumbers(fields: Record<string, string | null | undefined>): void {
  const errors = identityNumberErrors(fields);
  if (errors.length > 0) throw validationFailed(errors);
}
