import { decryptField } from '../../lib/crypto/index.js';
import type { Envelope } from '../../lib/crypto/index.js';
import type { PersonalTable } from './tables.js';

const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  ['kid', 'iv', 'ct', 'tag'].every((key) => key in value);

/** A decrypted value: JSON documents (snapshots, proposals, message contents) as objects, the rest as text. */
function asValue(text: string): unknown {
  if (!/^[[{]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `value` without `keys` when it is a JSON object; anything else as it is. */
function withoutKeys(value: unknown, keys: string[] | undefined): unknown {
  if (!keys || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/**
 * Decrypts every encrypted value of an exported row. Values are bound to the table and `column`, or to
 * `column:<row id>` for those that name their row (snapshots, documents, messages, bank accounts), so
 * both are tried; a value no context opens (its key was erased) is reported as unreadable. A decrypted
 * JSON object loses the keys the entry omits, as SQL drops them from plain JSON columns.
 */
export function readableRow(
  row: Record<string, unknown>,
  entry: PersonalTable,
  userId: string,
  dataKey: Buffer | undefined,
): Record<string, unknown> {
  const open = (column: string, envelope: Envelope): unknown => {
    if (!dataKey) return { unreadable: true };
    for (const bound of [column, `${column}:${String(row.id)}`]) {
      try {
        const text = decryptField(dataKey, envelope, { table: entry.table, column: bound, userId });
        return withoutKeys(asValue(text.toString('utf8')), entry.omitKeys?.[column]);
      } catch {
        // Not this context: try the next.
      }
    }
    return { unreadable: true };
  };
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [column, isEnvelope(value) ? open(column, value) : value]),
  );
}

/** Who else processes the customer's data (DPDP Act s.11(1)(b)); disclosures to authorities are never listed (s.11(2)). */
export const PROCESSORS = [
  {
    name: 'Cashfree Payments India Pvt. Ltd. (Secure ID)',
    purpose: 'PAN, bank account, IFSC, liveliness, face match, DigiLocker and Secure-Share verification',
    data: 'PAN, name, date of birth, bank account and IFSC, selfie and Aadhaar photo, DigiLocker documents',
  },
  {
    name: 'The host application (the broker that onboarded you)',
    purpose: 'Account opening: KYC status and decisions by webhook and API',
    data: 'Ids, KYC status and decision reasons by webhook; your profile through its API key',
  },
];

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

export const fileName = (documentId: string, contentType: string) =>
  `documents/${documentId}.${EXTENSIONS[contentType] ?? 'bin'}`;
