import { isUuid } from '../../lib/ids.js';
import { decodeBase64Document, sanitizeDocument } from '../documents/sanitize.js';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_PIXELS } from './sections.js';
import type { DocumentInput } from './sections.js';

/**
 * A document field: a stored document (by `_id`, or the object getDetails returned) or a base64 upload, decoded and
 * sanitised here (413/415 name the field). Undefined when absent.
 */
export async function normaliseDocument(
  value: string | { _id: string } | null | undefined,
  path: string,
): Promise<DocumentInput | undefined> {
  if (typeof value === 'object' && value !== null) return { reference: value._id };
  if (typeof value !== 'string') return undefined;
  if (isUuid(value.trim())) return { reference: value.trim() };
  const decoded = decodeBase64Document(value, { maxBytes: MAX_DOCUMENT_BYTES, field: path });
  const upload = await sanitizeDocument(decoded.bytes, {
    allowed: ['pdf', 'jpeg', 'png'],
    maxPixels: MAX_DOCUMENT_PIXELS,
    field: path,
    ...(decoded.declaredType ? { declaredType: decoded.declaredType } : {}),
  });
  return { upload };
}
