import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type * as PdfLibModule from 'pdf-lib';
import type { PDFDocument, PDFName, PDFObject } from 'pdf-lib';
import { AppError, validationFailed } from '../../lib/errors.js';
import { loadSharp } from '../../lib/sharp.js';

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
  new AppError(413, 'payload_too_large', `File is larger than ${maxBytes} bytes`, {
    errors: [{ field, code: 'file_too_large', message: `File must be at most ${maxBytes} bytes` }],
  });

const unsupported = (field: string, code: string, message: string) =>
  new AppError(415, 'unsupported_media_type', message, { errors: [{ field, code, message }] });

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
const BASE64_STANDARD = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64_URL_SAFE = /^[A-Za-z0-9_-]+$/;

const isBase64Whitespace = (code: number) => code === 0x20 || (code >= 0x09 && code <= 0x0d);

/**
 * Base64 (standard or URL-safe, padding optional) with whitespace and an optional `data:<type>;base64,` prefix.
 * The decoded size is worked out from the length first, so an oversized file is refused before anything is decoded.
 */
export function decodeBase64Document(
  input: string,
  { maxBytes, field = '' }: { maxBytes: number } & FieldOption,
): DecodedDocument {
  const prefix = DATA_URI_PREFIX.exec(input.slice(0, PREFIX_SCAN_LENGTH));
  if (!prefix && /^\s*data:/i.test(input.slice(0, PREFIX_SCAN_LENGTH))) {
    throw invalidFile(field, 'invalid_base64', 'Only base64 data URIs are accepted (data:<type>;base64,...)');
  }
  const start = prefix ? prefix[0].length : 0;

  let base64Chars = 0;
  for (let i = start; i < input.length; i++) if (!isBase64Whitespace(input.charCodeAt(i))) base64Chars++;
  // Up to two characters may be padding, so this is the smallest size the input can decode to.
  if (Math.floor((base64Chars * 3) / 4) - 2 > maxBytes) throw tooLarge(field, maxBytes);

  const base64 = input.slice(start).replace(/[\t\n\v\f\r ]+/g, '');
  if (base64 === '') throw invalidFile(field, 'empty_file', 'File is empty');
  const wellFormed =
    base64.length % 4 !== 1 &&
    (BASE64_URL_SAFE.test(base64) ||
      (BASE64_STANDARD.test(base64) && (!base64.includes('=') || base64.length % 4 === 0)));
  if (!wellFormed) throw invalidFile(field, 'invalid_base64', 'File is not valid base64');

  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxBytes) throw tooLarge(field, maxBytes);
  const declaredType = prefix?.[1]?.toLowerCase();
  return declaredType === undefined ? { bytes } : { bytes, declaredType };
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
    new AppError(400, 'validation_failed', 'Image could not be read', {
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

type PdfHazard = 'pdf_javascript' | 'pdf_launch_action' | 'pdf_embedded_file';

const HAZARD_MESSAGES: Record<PdfHazard, string> = {
  pdf_javascript: 'PDFs containing JavaScript are not accepted',
  pdf_launch_action: 'PDFs with actions that launch programs are not accepted',
  pdf_embedded_file: 'PDFs with embedded or attached files are not accepted',
};

// Keys and name values that mark active content wherever they appear, in catalogs, name trees, actions or annotations.
// Maps, not object literals: a PDF key such as /constructor must not find Object.prototype members.
const HAZARDOUS_KEYS = new Map<string, PdfHazard>([
  ['JS', 'pdf_javascript'],
  ['JavaScript', 'pdf_javascript'],
  // XFA forms carry their own scripts.
  ['XFA', 'pdf_javascript'],
  ['EmbeddedFiles', 'pdf_embedded_file'],
  ['EF', 'pdf_embedded_file'],
]);
const HAZARDOUS_VALUES = new Map<string, Map<string, PdfHazard>>([
  [
    'S',
    new Map<string, PdfHazard>([
      ['JavaScript', 'pdf_javascript'],
      ['Launch', 'pdf_launch_action'],
      ['GoToE', 'pdf_embedded_file'],
    ]),
  ],
  ['Type', new Map<string, PdfHazard>([['EmbeddedFile', 'pdf_embedded_file']])],
  ['Subtype', new Map<string, PdfHazard>([['FileAttachment', 'pdf_embedded_file']])],
]);

type PdfLib = typeof PdfLibModule;

/** pdf-lib is large and only PDF uploads need it: loaded on first use, not at start. */
const loadPdfLib = (): Promise<PdfLib> => import('pdf-lib');

/**
 * The name as a PDF reader sees it. pdf-lib decodes `#xx` escapes only with upper-case hex digits, so `/#4aS` would
 * otherwise hide `/JS`.
 */
function readerName(name: PDFName): string {
  return name
    .decodeText()
    .replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Walks every object pdf-lib parsed (including those it unpacked from object streams) and every direct object nested
 * in them. Iterative, so a deeply nested array cannot overflow the stack.
 */
function findHazard(
  doc: PDFDocument,
  { PDFArray, PDFDict, PDFName, PDFStream }: PdfLib,
): PdfHazard | undefined {
  const pending: PDFObject[] = doc.context.enumerateIndirectObjects().map(([, object]) => object);
  const trailer = doc.context.trailerInfo;
  for (const entry of [trailer.Root, trailer.Info, trailer.Encrypt, trailer.ID])
    if (entry) pending.push(entry);

  for (let object = pending.pop(); object !== undefined; object = pending.pop()) {
    if (object instanceof PDFStream) {
      pending.push(object.dict);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const keyName = readerName(key);
        const hazard =
          HAZARDOUS_KEYS.get(keyName) ??
          (value instanceof PDFName ? HAZARDOUS_VALUES.get(keyName)?.get(readerName(value)) : undefined);
        if (hazard) return hazard;
        pending.push(value);
      }
    }
  }
  return undefined;
}

/**
 * Parses with pdf-lib, refuses encryption and active content, and stores pdf-lib's re-serialisation, so the stored
 * file holds exactly the objects that were inspected (nothing a reader might find through a crafted xref table).
 */
async function sanitizePdf(
  bytes: Buffer,
  { maxPages, field }: { maxPages: number; field: string },
): Promise<Buffer> {
  const unreadable = (cause?: unknown) =>
    new AppError(400, 'validation_failed', 'PDF could not be read', {
      errors: [{ field, code: 'pdf_unreadable', message: 'PDF is damaged or not a PDF document' }],
      cause,
    });
  const pdfLib = await loadPdfLib();
  let doc: PDFDocument;
  try {
    // Encryption is detected below rather than by catching pdf-lib's error, which is not a distinct class at runtime.
    doc = await pdfLib.PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch (cause) {
    throw unreadable(cause);
  }
  if (doc.isEncrypted)
    throw unsupported(field, 'pdf_encrypted', 'Encrypted or password-protected PDFs are not accepted');
  const hazard = findHazard(doc, pdfLib);
  if (hazard) throw unsupported(field, hazard, HAZARD_MESSAGES[hazard]);

  let pageCount: number;
  try {
    pageCount = doc.getPageCount();
  } catch (cause) {
    throw unreadable(cause);
  }
  if (pageCount === 0) throw unreadable();
  if (pageCount > maxPages)
    throw invalidFile(field, 'too_many_pages', `PDF must have at most ${maxPages} pages`);
  try {
    return Buffer.from(await doc.save({ addDefaultPage: false, updateFieldAppearances: false }));
  } catch (cause) {
    throw unreadable(cause);
  }
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
}

/**
 * Accepts a PDF, JPEG or PNG (as allowed) by its magic bytes and returns it cleaned: images re-encoded in their own
 * format without metadata, PDFs re-serialised after refusing encryption, JavaScript, launch actions and attachments.
 */
export async function sanitizeDocument(
  bytes: Buffer,
  options: SanitizeDocumentOptions,
): Promise<SanitizedFile> {
  const { allowed, maxPixels, maxPages = 20, declaredType, field = '' } = options;
  const kind = await detectKind(bytes, allowed, field, declaredType);
  if (kind === 'pdf') return sanitized(await sanitizePdf(bytes, { maxPages, field }), kind);
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
