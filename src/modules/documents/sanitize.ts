import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, validationFailed } from '../../lib/errors.js';
import { loadSharp } from '../../lib/sharp.js';
import { DEFAULT_PDF_LIMITS, PDF_REFUSALS } from './pdf-refusals.js';
import type { PdfLimits } from './pdf-refusals.js';
import { checkPdfInWorker } from './pdf-sandbox.js';

export type DocumentKind = 'pdf' | 'jpeg' | 'png';

export const CONTENT_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** A file that passed every check, re-encoded so that only what was checked is stored. */
export interface SanitizedFile {
  bytes: Buffer;
  contentType: string;
  size: number;
  /** Hex SHA-256 of `bytes`. */
  sha256: string;
}

/** JSON pointer of the field that carried the file; every error names it. Defaults to the whole body (''). */
interface FieldOption {
  field?: string;
}

const tooLarge = (field: string, maxBytes: number) =>
  new AppError('payload_too_large', `File is larger than ${maxBytes} bytes`, {
    errors: [{ field, code: 'file_too_large', message: `File must be at most ${maxBytes} bytes` }],
  });

const unsupported = (field: string, code: string, message: string) =>
  new AppError('unsupported_media_type', message, { errors: [{ field, code, message }] });

const invalidFile = (field: string, code: string, message: string) =>
  validationFailed([{ field, code, message }]);

// ---------------------------------------------------------------------------------------------------------------
// Base64

export interface DecodedDocument {
  bytes: Buffer;
  /** Lower-cased media type from a `data:` prefix, to be checked against the magic bytes. */
  declaredType?: string;
}

// Only the start of the input is matched, so the pattern's cost does not grow with the file.
const DATA_URI_PREFIX =
  /^\s*data:([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)?(?:;[a-z0-9!#$&^_.+-]+=[^;,]*)*;base64,/i;
const PREFIX_SCAN_LENGTH = 512;
const BASE64_WHITESPACE = /[\t\n\v\f\r ]+/g;

/**
 * Base64 (standard or URL-safe, padding optional) with whitespace and an optional `data:<type>;base64,` prefix.
 * The decoded size is worked out from the length first, so an oversized file is refused before anything is decoded.
 * Files arrive inside JSON on the event loop, so the common case (unwrapped base64) costs one native decode and one
 * native encode: the input must be exactly the canonical encoding of the bytes it decodes to.
 */
export function decodeBase64Document(
  input: string,
  { maxBytes, field = '' }: { maxBytes: number } & FieldOption,
): DecodedDocument {
  const prefix = DATA_URI_PREFIX.exec(input.slice(0, PREFIX_SCAN_LENGTH));
  if (!prefix && /^\s*data:/i.test(input.slice(0, PREFIX_SCAN_LENGTH))) {
    throw invalidFile(field, 'invalid_base64', 'Only base64 data URIs are accepted (data:<type>;base64,...)');
  }
  let base64 = prefix ? input.slice(prefix[0].length) : input;
  // Up to two characters may be padding, so this is the smallest size the input can decode to.
  const smallestSize = (text: string) => Math.floor((text.length * 3) / 4) - 2;
  if (smallestSize(base64) > maxBytes) {
    base64 = base64.replace(BASE64_WHITESPACE, '');
    if (smallestSize(base64) > maxBytes) throw tooLarge(field, maxBytes);
  }

  let bytes = decodeCanonical(base64);
  if (!bytes) {
    // Line-wrapped or padded with spaces: the rarer, slower path.
    base64 = base64.replace(BASE64_WHITESPACE, '');
    bytes = decodeCanonical(base64);
  }
  if (base64 === '') throw invalidFile(field, 'empty_file', 'File is empty');
  if (!bytes) throw invalidFile(field, 'invalid_base64', 'File is not valid base64');
  if (bytes.length > maxBytes) throw tooLarge(field, maxBytes);
  const declaredType = prefix?.[1]?.toLowerCase();
  return declaredType === undefined ? { bytes } : { bytes, declaredType };
}

/**
 * The bytes, if `text` is how Node encodes them: one alphabet, padding whole or absent, no stray characters (which
 * Node's decoder would skip) and no stray bits after the last byte.
 */
function decodeCanonical(text: string): Buffer | undefined {
  if (text.length % 4 === 1) return undefined;
  const encoding = text.includes('-') || text.includes('_') ? 'base64url' : 'base64';
  const bytes = Buffer.from(text, encoding);
  let canonical = bytes.toString(encoding);
  if (encoding === 'base64' && !text.endsWith('=')) {
    while (canonical.endsWith('=')) canonical = canonical.slice(0, -1);
  }
  return canonical === text ? bytes : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Type detection

const KIND_BY_MIME = new Map<string, DocumentKind>([
  ['application/pdf', 'pdf'],
  ['image/jpeg', 'jpeg'],
  // Not a registered type, but some clients send it.
  ['image/jpg', 'jpeg'],
  ['image/png', 'png'],
]);

/** The magic bytes decide; a declared type (data-URI prefix) only has to agree. */
async function detectKind(
  bytes: Buffer,
  allowed: readonly DocumentKind[],
  field: string,
  declaredType?: string,
): Promise<DocumentKind> {
  if (bytes.length === 0) throw invalidFile(field, 'empty_file', 'File is empty');
  const detected = await fileTypeFromBuffer(bytes);
  const kind = detected && KIND_BY_MIME.get(detected.mime);
  const allowedNames = allowed.map((name) => name.toUpperCase()).join(', ');
  if (kind === undefined || !allowed.includes(kind)) {
    throw unsupported(
      field,
      'unsupported_file_type',
      `File type is not accepted; send one of: ${allowedNames}`,
    );
  }
  if (declaredType !== undefined && KIND_BY_MIME.get(declaredType) !== kind) {
    throw unsupported(
      field,
      'type_mismatch',
      `File is declared as ${declaredType} but its content is ${CONTENT_TYPES[kind]}`,
    );
  }
  return kind;
}

function sanitized(bytes: Buffer, kind: DocumentKind): SanitizedFile {
  return {
    bytes,
    contentType: CONTENT_TYPES[kind],
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Images

interface ImageOptions {
  maxPixels: number;
  field: string;
  output: 'jpeg' | 'png';
  maxDimension?: number;
}

/**
 * Decodes and re-encodes the image: EXIF (GPS included), XMP, ICC and anything appended to the file are dropped, and
 * the EXIF orientation is applied to the pixels. The header is read first, so a pixel bomb is refused undecoded.
 */
async function reencodeImage(
  bytes: Buffer,
  { maxPixels, field, output, maxDimension }: ImageOptions,
): Promise<Buffer> {
  const unreadable = (cause: unknown) =>
    new AppError('validation_failed', 'Image could not be read', {
      errors: [{ field, code: 'image_unreadable', message: 'Image is damaged or incomplete' }],
      cause,
    });
  const sharp = await loadSharp();
  let width: number;
  let height: number;
  try {
    // Only the header is read here; the limit is checked below, with a clearer answer than sharp's error.
    ({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch (cause) {
    throw unreadable(cause);
  }
  if (width * height > maxPixels) {
    throw invalidFile(
      field,
      'image_too_large',
      `Image must have at most ${maxPixels} pixels; it has ${width}×${height}`,
    );
  }
  try {
    // limitInputPixels again in case the header understated the size; sharp's own default is far too high.
    let image = sharp(bytes, { limitInputPixels: maxPixels, autoOrient: true });
    if (maxDimension !== undefined) {
      image = image.resize({
        width: maxDimension,
        height: maxDimension,
        fit: 'inside',
        withoutEnlargement: true,
      });
    }
    // sharp writes no metadata unless asked to (keepMetadata/withMetadata).
    image = output === 'jpeg' ? image.flatten({ background: '#ffffff' }).jpeg({ quality: 90 }) : image.png();
    return await image.toBuffer();
  } catch (cause) {
    throw unreadable(cause);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// PDF

/**
 * Parsed in a worker thread within `limits` (pdf-inspect.ts): encryption and active content are refused, and pdf-lib's
 * re-serialisation is stored, so the stored file holds exactly the objects that were inspected.
 */
async function sanitizePdf(
  bytes: Buffer,
  { maxPages, field, limits }: { maxPages: number; field: string; limits: PdfLimits },
): Promise<Buffer> {
  const answer = await checkPdfInWorker(bytes, maxPages, limits);
  if (typeof answer === 'object' && 'accepted' in answer)
    return Buffer.from(answer.accepted.buffer, answer.accepted.byteOffset, answer.accepted.byteLength);
  const refusal = typeof answer === 'string' ? answer : answer.refused;
  const { status, message } = PDF_REFUSALS[refusal];
  if (refusal === 'too_many_pages')
    throw invalidFile(field, refusal, `PDF must have at most ${maxPages} pages`);
  if (status === 415) throw unsupported(field, refusal, message);
  throw new AppError('validation_failed', 'PDF could not be read', {
    errors: [{ field, code: refusal, message }],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

export interface SanitizeDocumentOptions extends FieldOption {
  allowed: readonly DocumentKind[];
  maxPixels: number;
  /** Default 20. */
  maxPages?: number;
  /** From `decodeBase64Document`; must agree with the magic bytes. */
  declaredType?: string;
  /** What parsing a PDF may cost; DEFAULT_PDF_LIMITS where not given. */
  pdfLimits?: Partial<PdfLimits>;
}

/**
 * Accepts a PDF, JPEG or PNG (as allowed) by its magic bytes and returns it cleaned: images re-encoded in their own
 * format without metadata, PDFs re-serialised after refusing encryption, active content (JavaScript, launch and
 * external actions, multimedia, attachments) and documents too costly to parse.
 */
export async function sanitizeDocument(
  bytes: Buffer,
  options: SanitizeDocumentOptions,
): Promise<SanitizedFile> {
  const { allowed, maxPixels, maxPages = 20, declaredType, field = '', pdfLimits } = options;
  const kind = await detectKind(bytes, allowed, field, declaredType);
  if (kind === 'pdf') {
    const limits = { ...DEFAULT_PDF_LIMITS, ...pdfLimits };
    return sanitized(await sanitizePdf(bytes, { maxPages, field, limits }), kind);
  }
  return sanitized(await reencodeImage(bytes, { maxPixels, field, output: kind }), kind);
}

export interface SanitizeSelfieOptions extends FieldOption {
  maxBytes: number;
  maxPixels: number;
  /** The longer side is scaled down to this many pixels, e.g. 1024. */
  maxDimension: number;
  declaredType?: string;
}

/** A JPEG or PNG selfie, size- and pixel-checked, returned as a metadata-free JPEG no larger than `maxDimension`. */
export async function sanitizeSelfie(bytes: Buffer, options: SanitizeSelfieOptions): Promise<SanitizedFile> {
  const { maxBytes, maxPixels, maxDimension, declaredType, field = '' } = options;
  if (bytes.length > maxBytes) throw tooLarge(field, maxBytes);
  await detectKind(bytes, ['jpeg', 'png'], field, declaredType);
  return sanitized(await reencodeImage(bytes, { maxPixels, field, output: 'jpeg', maxDimension }), 'jpeg');
}
