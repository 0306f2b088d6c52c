import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import {
  decodeBase64Document,
  sanitizeDocument,
  sanitizeSelfie,
} from '../../../src/modules/documents/sanitize.js';

const FIELD = '/dematDetails/0/clientMasterCopy';
const DOCUMENT_OPTIONS = { allowed: ['pdf', 'jpeg', 'png'] as const, maxPixels: 4096 * 4096, field: FIELD };
const SELFIE_OPTIONS = {
  maxBytes: 2 * 1024 * 1024,
  maxPixels: 4096 * 4096,
  maxDimension: 1024,
  field: '/image',
};

/** The status, top-level code and field code of the AppError that `run` rejects with. */
async function refusal(run: () => Promise<unknown> | unknown): Promise<[number, string, string | undefined]> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect([FIELD, SELFIE_OPTIONS.field]).toContain(error.errors?.[0]?.field);
    return [error.status, error.code, error.errors?.[0]?.code];
  }
  throw new Error('expected a refusal');
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures

async function cleanPdf(pages = 1): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++)
    doc.addPage([200, 200]).drawText(`Client master, page ${i + 1}`, { x: 10, y: 100 });
  return doc;
}

const save = async (doc: PDFDocument, useObjectStreams = true) =>
  Buffer.from(await doc.save({ useObjectStreams }));

/** A minimal PDF written by hand, for constructs pdf-lib would not write itself. */
function rawPdf(catalogExtra: string, pageExtra = ''): Buffer {
  return Buffer.from(
    [
      '%PDF-1.7',
      `1 0 obj << /Type /Catalog /Pages 2 0 R ${catalogExtra} >> endobj`,
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ${pageExtra} >> endobj`,
      'trailer << /Root 1 0 R /Size 4 >>',
      '%%EOF',
    ].join('\n'),
    'latin1',
  );
}

const image = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } });

const GPS_EXIF = {
  IFD0: { Make: 'CanaryCam', Model: 'Leaky 3000' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '12/1 58/1 1/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '77/1 35/1 1/1',
  },
};

/** A valid PNG whose header claims `width`×`height` but holds a single pixel's data. */
async function pixelBombPng(width: number, height: number): Promise<Buffer> {
  const png = await image(1, 1).png().toBuffer();
  // IHDR data starts at byte 16: width, height; its CRC covers type + data (bytes 12-28).
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

// ---------------------------------------------------------------------------------------------------------------

describe('decodeBase64Document', () => {
  const payload = Buffer.from('%PDF-1.7 some bytes \u00ff\u00fe', 'latin1');

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('decodes plain, wrapped, data-URI, URL-safe and unpadded base64', () => {
    const base64 = payload.toString('base64');
    expect(decodeBase64Document(base64, { maxBytes: 100 })).toEqual({ bytes: payload });
    const wrapped = ` \n${base64.replace(/(.{8})/g, '$1\r\n')}\t `;
    expect(decodeBase64Document(wrapped, { maxBytes: 100 }).bytes.equals(payload)).toBe(true);
    expect(decodeBase64Document(`data:application/PDF;base64,${base64}`, { maxBytes: 100 })).toEqual({
      bytes: payload,
      declaredType: 'application/pdf',
    });
    expect(decodeBase64Document(`data:;base64,${base64}`, { maxBytes: 100 })).toEqual({ bytes: payload });
    expect(
      decodeBase64Document(`data:image/png;name=a.png;base64,${base64}`, { maxBytes: 100 }).declaredType,
    ).toBe('image/png');
    expect(decodeBase64Document(payload.toString('base64url'), { maxBytes: 100 }).bytes.equals(payload)).toBe(
      true,
    );
    expect(decodeBase64Document(base64.replace(/=+$/, ''), { maxBytes: 100 }).bytes.equals(payload)).toBe(
      true,
    );
  });

  it.each([
    ['not base64!', 'invalid character'],
    ['QUJD=RA==', 'padding in the middle'],
    ['QUJDR', 'impossible length'],
    ['QUJDRA=', 'wrong padding length'],
    ['QUJ+RA_-', 'mixed alphabets'],
    ['QUJDRB==', 'stray bits after the last byte'],
    ['QUJD\u0000RA==', 'a character the decoder would skip'],
    ['data:text/plain,hello', 'data URI without base64'],
  ])('refuses %j (%s) with 400 invalid_base64', async (input) => {
    expect(await refusal(() => decodeBase64Document(input, { maxBytes: 100, field: FIELD }))).toEqual([
      400,
      'validation_failed',
      'invalid_base64',
    ]);
  });

  it('refuses empty input', async () => {
    expect(await refusal(() => decodeBase64Document(' \n', { maxBytes: 100, field: FIELD }))).toEqual([
      400,
      'validation_failed',
      'empty_file',
    ]);
  });

  it('accepts exactly maxBytes and refuses one byte more with 413', async () => {
    expect(decodeBase64Document(Buffer.alloc(3, 1).toString('base64'), { maxBytes: 3 }).bytes).toHaveLength(
      3,
    );
    expect(decodeBase64Document(Buffer.alloc(5, 1).toString('base64'), { maxBytes: 5 }).bytes).toHaveLength(
      5,
    );
    expect(
      await refusal(() =>
        decodeBase64Document(Buffer.alloc(4, 1).toString('base64'), { maxBytes: 3, field: FIELD }),
      ),
    ).toEqual([413, 'payload_too_large', 'file_too_large']);
  });

  it('refuses an oversized input with 413 before decoding it', async () => {
    const from = vi.spyOn(Buffer, 'from');
    const oversized = 'A'.repeat(8 * 1024 * 1024);
    expect(
      await refusal(() => decodeBase64Document(oversized, { maxBytes: 5 * 1024 * 1024, field: FIELD })),
    ).toEqual([413, 'payload_too_large', 'file_too_large']);
    expect(from).not.toHaveBeenCalled();
  });

  it('does not count whitespace towards the size', () => {
    const base64 = Buffer.alloc(300, 7)
      .toString('base64')
      .replace(/(.{4})/g, '$1          ');
    expect(decodeBase64Document(base64, { maxBytes: 300 }).bytes).toHaveLength(300);
  });
});

describe('sanitizeDocument: type detection', () => {
  it('refuses a text file whatever it claims to be', async () => {
    const text = Buffer.from('just some text pretending to be a .jpg\n');
    expect(await refusal(() => sanitizeDocument(text, DOCUMENT_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'unsupported_file_type',
    ]);
    expect(
      await refusal(() => sanitizeDocument(text, { ...DOCUMENT_OPTIONS, declaredType: 'image/jpeg' })),
    ).toEqual([415, 'unsupported_media_type', 'unsupported_file_type']);
  });

  it.each([
    ['ELF binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...Array<number>(56).fill(0)])],
    ['HTML', Buffer.from('<!doctype html><html><script>alert(1)</script></html>')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
  ])('refuses %s', async (_label, bytes) => {
    expect(await refusal(() => sanitizeDocument(bytes, DOCUMENT_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'unsupported_file_type',
    ]);
  });

  it('refuses GIF and WebP images', async () => {
    for (const bytes of [await image(4, 4).gif().toBuffer(), await image(4, 4).webp().toBuffer()]) {
      expect(await refusal(() => sanitizeDocument(bytes, DOCUMENT_OPTIONS))).toEqual([
        415,
        'unsupported_media_type',
        'unsupported_file_type',
      ]);
    }
  });

  it('refuses a type outside the allowed list', async () => {
    const pdf = await save(await cleanPdf());
    expect(
      await refusal(() => sanitizeDocument(pdf, { ...DOCUMENT_OPTIONS, allowed: ['jpeg', 'png'] })),
    ).toEqual([415, 'unsupported_media_type', 'unsupported_file_type']);
  });

  it('refuses content that disagrees with the declared type', async () => {
    const jpeg = await image(8, 8).jpeg().toBuffer();
    expect(
      await refusal(() => sanitizeDocument(jpeg, { ...DOCUMENT_OPTIONS, declaredType: 'image/png' })),
    ).toEqual([415, 'unsupported_media_type', 'type_mismatch']);
    const result = await sanitizeDocument(jpeg, { ...DOCUMENT_OPTIONS, declaredType: 'image/jpg' });
    expect(result.contentType).toBe('image/jpeg');
  });

  it('refuses an empty file', async () => {
    expect(await refusal(() => sanitizeDocument(Buffer.alloc(0), DOCUMENT_OPTIONS))).toEqual([
      400,
      'validation_failed',
      'empty_file',
    ]);
  });
});

describe('sanitizeDocument: images', () => {
  it('re-encodes a JPEG without EXIF or GPS and applies its orientation', async () => {
    const original = await image(40, 20)
      .jpeg()
      .withExif(GPS_EXIF)
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const before = await sharp(original).metadata();
    expect(before.exif?.toString('latin1')).toContain('CanaryCam');
    expect(before.orientation).toBe(6);

    const result = await sanitizeDocument(original, DOCUMENT_OPTIONS);
    expect(result.contentType).toBe('image/jpeg');
    const after = await sharp(result.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([20, 40]);
    expect(result.bytes.toString('latin1')).not.toContain('CanaryCam');
    expect(result.bytes.toString('latin1')).not.toContain('GPS');
  });

  it('keeps a PNG a PNG and strips its metadata', async () => {
    const original = await image(30, 30, 4).png().withExif(GPS_EXIF).toBuffer();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const result = await sanitizeDocument(original, DOCUMENT_OPTIONS);
    expect(result.contentType).toBe('image/png');
    const after = await sharp(result.bytes).metadata();
    expect(after.format).toBe('png');
    expect(after.exif).toBeUndefined();
    expect(result.bytes.toString('latin1')).not.toContain('CanaryCam');
  });

  it('drops a payload appended to an image (polyglot)', async () => {
    const jpeg = await image(16, 16).jpeg().toBuffer();
    const polyglot = Buffer.concat([jpeg, Buffer.from('<script>alert("polyglot")</script>')]);
    const result = await sanitizeDocument(polyglot, DOCUMENT_OPTIONS);
    expect(result.bytes.toString('latin1')).not.toContain('polyglot');
  });

  it('returns size and sha256 of the stored bytes', async () => {
    const result = await sanitizeDocument(await image(10, 10).png().toBuffer(), DOCUMENT_OPTIONS);
    expect(result.size).toBe(result.bytes.length);
    expect(result.sha256).toBe(createHash('sha256').update(result.bytes).digest('hex'));
  });

  it('refuses a pixel bomb from its header, without decoding it', async () => {
    // Above sharp's own default limit, and between it and ours.
    for (const bomb of [await pixelBombPng(50_000, 50_000), await pixelBombPng(10_000, 10_000)]) {
      expect(bomb.length).toBeLessThan(200);
      const started = performance.now();
      expect(await refusal(() => sanitizeDocument(bomb, DOCUMENT_OPTIONS))).toEqual([
        400,
        'validation_failed',
        'image_too_large',
      ]);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('refuses an honest image above the pixel limit', async () => {
    const png = await image(200, 100).png().toBuffer();
    expect(await refusal(() => sanitizeDocument(png, { ...DOCUMENT_OPTIONS, maxPixels: 19_999 }))).toEqual([
      400,
      'validation_failed',
      'image_too_large',
    ]);
    await expect(sanitizeDocument(png, { ...DOCUMENT_OPTIONS, maxPixels: 20_000 })).resolves.toBeDefined();
  });

  it('refuses a truncated image', async () => {
    const jpeg = await image(64, 64).jpeg().toBuffer();
    expect(
      await refusal(() => sanitizeDocument(jpeg.subarray(0, jpeg.length / 2), DOCUMENT_OPTIONS)),
    ).toEqual([400, 'validation_failed', 'image_unreadable']);
  });
});

describe('sanitizeDocument: PDFs', () => {
  it('accepts a clean PDF, re-serialised, with its pages intact', async () => {
    const original = await save(await cleanPdf(2));
    const result = await sanitizeDocument(original, DOCUMENT_OPTIONS);
    expect(result.contentType).toBe('application/pdf');
    expect(result.size).toBe(result.bytes.length);
    expect(result.sha256).toBe(createHash('sha256').update(result.bytes).digest('hex'));
    expect((await PDFDocument.load(result.bytes)).getPageCount()).toBe(2);
  });

  it('refuses a JavaScript OpenAction stored inside an object stream (invisible to a byte grep)', async () => {
    const doc = await cleanPdf();
    const action = doc.context.register(
      doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') }),
    );
    doc.catalog.set(PDFName.of('OpenAction'), action);
    const bytes = await save(doc);
    expect(bytes.toString('latin1')).not.toContain('JavaScript');
    expect(await refusal(() => sanitizeDocument(bytes, DOCUMENT_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'pdf_javascript',
    ]);
  });

  it('refuses a document-level JavaScript name tree', async () => {
    const doc = await cleanPdf();
    const action = doc.context.register(
      doc.context.obj({ S: 'JavaScript', JS: PDFString.of('this.print()') }),
    );
    const tree = doc.context.register(doc.context.obj({ Names: [PDFString.of('init'), action] }));
    doc.catalog.set(PDFName.of('Names'), doc.context.obj({ JavaScript: tree }));
    expect(await refusal(async () => sanitizeDocument(await save(doc, false), DOCUMENT_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'pdf_javascript',
    ]);
  });

  it('refuses JavaScript hidden behind lower-case #xx name escapes', async () => {
    const bytes = rawPdf('', '/AA << /O << /S /#4aavaScript /#4a#53 (app.alert\\(1\\)) >> >>');
    expect(await refusal(() => sanitizeDocument(bytes, DOCUMENT_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'pdf_javascript',
    ]);
  });

  it('refuses an XFA form', async () => {
    const bytes = rawPdf('/AcroForm << /Fields [] /XFA 4 0 R >>');
    expect(await refusal(() => sanitizeDocument(bytes, DOCUMENT_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'pdf_javascript',
    ]);
  });

  it('refuses a Launch action', async () => {
    const doc = await cleanPdf();
    const link = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [0, 0, 100, 100],
      A: { S: 'Launch', F: PDFString.of('calc.exe') },
    });
    doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));
    expect(await refusal(async () => sanitizeDocument(await save(doc), DOCUMENT_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'pdf_launch_action',
    ]);
  });

  it('refuses an embedded file', async () => {
    const doc = await cleanPdf();
    await doc.attach(Buffer.from('MZ not really an exe'), 'invoice.exe', {
      mimeType: 'application/octet-stream',
    });
    expect(await refusal(async () => sanitizeDocument(await save(doc), DOCUMENT_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'pdf_embedded_file',
    ]);
  });

  it('refuses a FileAttachment annotation', async () => {
    const bytes = rawPdf(
      '',
      '/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS (a.txt) >>]',
    );
    expect(await refusal(() => sanitizeDocument(bytes, DOCUMENT_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'pdf_embedded_file',
    ]);
  });

  it('refuses an encrypted PDF', async () => {
    const doc = await cleanPdf();
    doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40 });
    for (const useObjectStreams of [true, false]) {
      expect(
        await refusal(async () => sanitizeDocument(await save(doc, useObjectStreams), DOCUMENT_OPTIONS)),
      ).toEqual([415, 'unsupported_media_type', 'pdf_encrypted']);
    }
  });

  it('accepts a harmless PDF whose keys look like JavaScript object members', async () => {
    const bytes = rawPdf('/constructor /__proto__ /toString (x)');
    await expect(sanitizeDocument(bytes, DOCUMENT_OPTIONS)).resolves.toMatchObject({
      contentType: 'application/pdf',
    });
  });

  it('drops objects a reader could reach but that were never part of the parsed document', async () => {
    const bytes = Buffer.concat([rawPdf(''), Buffer.from('\n%%EOF trailing garbage /JS (x)')]);
    const result = await sanitizeDocument(bytes, DOCUMENT_OPTIONS);
    expect(result.bytes.toString('latin1')).not.toContain('trailing garbage');
  });

  it('refuses more pages than allowed', async () => {
    const bytes = await save(await cleanPdf(3));
    expect(await refusal(() => sanitizeDocument(bytes, { ...DOCUMENT_OPTIONS, maxPages: 2 }))).toEqual([
      400,
      'validation_failed',
      'too_many_pages',
    ]);
  });

  it.each([
    ['garbage after the header', Buffer.from('%PDF-1.7\n\u0000\u0001 this is not a pdf at all')],
    [
      'a catalog without pages',
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>'),
    ],
    ['no pages', rawPdf('').toString('latin1').replace('/Kids [3 0 R] /Count 1', '/Kids [] /Count 0')],
  ])('refuses an unparseable PDF (%s) with 400 pdf_unreadable', async (_label, input) => {
    const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'latin1');
    expect(await refusal(() => sanitizeDocument(bytes, DOCUMENT_OPTIONS))).toEqual([
      400,
      'validation_failed',
      'pdf_unreadable',
    ]);
  });
});

describe('sanitizeSelfie', () => {
  it('returns a metadata-free JPEG scaled to fit maxDimension', async () => {
    const original = await image(3000, 2000, 4).png().withExif(GPS_EXIF).toBuffer();
    const result = await sanitizeSelfie(original, SELFIE_OPTIONS);
    expect(result.contentType).toBe('image/jpeg');
    const after = await sharp(result.bytes).metadata();
    expect([after.format, after.width, after.height]).toEqual(['jpeg', 1024, 683]);
    expect(after.exif).toBeUndefined();
    expect(result.sha256).toBe(createHash('sha256').update(result.bytes).digest('hex'));
  });

  it('does not enlarge a small selfie and applies orientation', async () => {
    const original = await image(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const after = await sharp((await sanitizeSelfie(original, SELFIE_OPTIONS)).bytes).metadata();
    expect([after.width, after.height, after.orientation]).toEqual([200, 300, undefined]);
  });

  it('refuses files over maxBytes with 413', async () => {
    const jpeg = await image(100, 100).jpeg().toBuffer();
    expect(
      await refusal(() => sanitizeSelfie(jpeg, { ...SELFIE_OPTIONS, maxBytes: jpeg.length - 1 })),
    ).toEqual([413, 'payload_too_large', 'file_too_large']);
  });

  it('refuses PDFs and other types', async () => {
    expect(await refusal(async () => sanitizeSelfie(await save(await cleanPdf()), SELFIE_OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'unsupported_file_type',
    ]);
  });

  it('refuses a pixel bomb', async () => {
    expect(
      await refusal(async () => sanitizeSelfie(await pixelBombPng(20_000, 20_000), SELFIE_OPTIONS)),
    ).toEqual([400, 'validation_failed', 'image_too_large']);
  });
});
