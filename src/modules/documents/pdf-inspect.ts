import { constants, inflateRawSync } from 'node:zlib';
import {
  decodePDFRawStream,
  ParseSpeeds,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFInvalidObject,
  PDFName,
  PDFObjectStreamParser,
  PDFRawStream,
  PDFStream,
  PDFXRefStreamParser,
} from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';
import type { PdfAnswer, PdfHazard, PdfJob, PdfLimits } from './pdf-refusals.js';

// Runs only inside the PDF worker (pdf-worker.ts): it replaces parts of pdf-lib's parser for the whole thread.

// ---------------------------------------------------------------------------------------------------------------
// Limits on parsing

class PdfLimitExceeded extends Error {}

/** What the document being parsed has cost so far. pdf-lib catches parse errors, so a breach is remembered here. */
class ParseBudget {
  private objects = 0;
  private inflated = 0;
  breach?: PdfLimitExceeded;

  constructor(private readonly limits: PdfLimits) {}

  exceeded(reason: string): PdfLimitExceeded {
    return (this.breach ??= new PdfLimitExceeded(reason));
  }

  countObject() {
    if (this.breach || ++this.objects > this.limits.maxObjects)
      throw this.exceeded(`more than ${this.limits.maxObjects} objects`);
  }

  /** Bytes the next decoding step may produce. */
  nextStepCap(): number {
    const cap = Math.min(this.limits.maxStreamBytes, this.limits.maxInflatedBytes - this.inflated);
    if (this.breach || cap <= 0) throw this.exceeded('too much compressed data');
    return cap;
  }

  spend(bytes: number) {
    this.inflated += bytes;
  }
}

/** The document being parsed on this thread, if any. */
let budget: ParseBudget | undefined;

/** Checks the zlib header as pdf-lib's own inflater does, then inflates at most `cap` bytes. */
function inflateCapped(data: Uint8Array, cap: number, current: ParseBudget): Uint8Array {
  const [cmf = 0, flags = 0] = data;
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) + flags) % 31 !== 0 || flags & 0x20)
    throw new Error('Invalid zlib header');
  try {
    // Raw inflate skips the Adler-32 check, which pdf-lib does not make either; a sync flush accepts a truncated end.
    return inflateRawSync(data.subarray(2), { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw current.exceeded('stream too large');
    throw error;
  }
}

/** pdf-lib's decoder for a non-Flate filter, read block by block so that its output stops at `cap`. */
function decodeCapped(
  data: Uint8Array,
  filter: PDFName,
  params: PDFObject | undefined,
  cap: number,
  context: PDFContext,
  current: ParseBudget,
): Uint8Array {
  const dict = context.obj({ Filter: filter });
  if (params) dict.set(PDFName.of('DecodeParms'), params);
  // The block-level interface pdf-lib's decoders share (protected in its typings).
  const stream = decodePDFRawStream(PDFRawStream.of(dict, data)) as unknown as {
    eof: boolean;
    buffer: Uint8Array;
    bufferLength: number;
    readBlock(): void;
  };
  while (!stream.eof) {
    stream.readBlock();
    if (stream.bufferLength > cap) throw current.exceeded('stream too large');
  }
  return stream.buffer.subarray(0, stream.bufferLength);
}

/** A stream's contents through all its filters, every step capped and counted towards the document's total. */
function decodeWithinBudget(raw: PDFRawStream, current: ParseBudget): Uint8Array {
  const { dict } = raw;
  const filter = dict.lookup(PDFName.of('Filter'));
  const params = dict.lookup(PDFName.of('DecodeParms'));
  let steps: Array<[PDFName, PDFObject | undefined]>;
  if (filter === undefined) steps = [];
  else if (filter instanceof PDFName) steps = [[filter, params]];
  else if (filter instanceof PDFArray)
    steps = filter
      .asArray()
      .map((_, index) => [
        filter.lookup(index, PDFName),
        params instanceof PDFArray ? params.lookup(index) : undefined,
      ]);
  else throw new Error('Invalid /Filter');

  let data = raw.contents;
  for (const [name, stepParams] of steps) {
    const cap = current.nextStepCap();
    // pdf-lib ignores /DecodeParms for Flate; so does this.
    data =
      name === PDFName.of('FlateDecode')
        ? inflateCapped(data, cap, current)
        : decodeCapped(data, name, stepParams, cap, dict.context, current);
    current.spend(data.length);
  }
  return data;
}

const parseObjectStream = PDFObjectStreamParser.forStream;
const assignObject = PDFContext.prototype.assign;

/**
 * pdf-lib inflates object streams and cross-reference streams with its own, unbounded decoder
 * (`ByteStream.fromPDFRawStream`), and walks a cross-reference stream's /Size entries whatever the data holds. Here
 * object streams are decoded within the budget first and handed over undecoded; cross-reference streams are not
 * decoded at all (pdf-lib finds objects by scanning the file and keeps only the trailer entries); and every object
 * assigned while parsing is counted.
 */
function installParseLimits() {
  PDFObjectStreamParser.forStream = (raw, shouldWaitForTick) => {
    const current = budget;
    if (!current) return parseObjectStream(raw, shouldWaitForTick);
    const dict = raw.dict.clone(raw.dict.context);
    dict.delete(PDFName.of('Filter'));
    dict.delete(PDFName.of('DecodeParms'));
    return parseObjectStream(PDFRawStream.of(dict, decodeWithinBudget(raw, current)), shouldWaitForTick);
  };
  PDFXRefStreamParser.forStream = (raw) => {
    const trailerOnly = {
      parseIntoContext() {
        const get = (key: string) => raw.dict.get(PDFName.of(key));
        raw.dict.context.trailerInfo = {
          Root: get('Root'),
          Encrypt: get('Encrypt'),
          Info: get('Info'),
          ID: get('ID'),
        };
        return [];
      },
    };
    return trailerOnly as unknown as PDFXRefStreamParser;
  };
  PDFContext.prototype.assign = function (this: PDFContext, ...args: Parameters<PDFContext['assign']>) {
    budget?.countObject();
    assignObject.apply(this, args);
  };
}

installParseLimits();

// ---------------------------------------------------------------------------------------------------------------
// Active content

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
    // Action types.
    'S',
    new Map<string, PdfHazard>([
      ['JavaScript', 'pdf_javascript'],
      ['Launch', 'pdf_launch_action'],
      ['GoToE', 'pdf_embedded_file'],
      // A reader following these opens another file (a UNC path leaks the reviewer's credentials) or a URL.
      ['GoToR', 'pdf_external_action'],
      ['SubmitForm', 'pdf_external_action'],
      ['URI', 'pdf_external_action'],
      ['ImportData', 'pdf_external_action'],
      // Viewer menu commands, media players and 3D engines.
      ['Named', 'pdf_active_content'],
      ['Rendition', 'pdf_active_content'],
      ['Sound', 'pdf_active_content'],
      ['Movie', 'pdf_active_content'],
      ['GoTo3DView', 'pdf_active_content'],
      ['RichMediaExecute', 'pdf_active_content'],
    ]),
  ],
  ['Type', new Map<string, PdfHazard>([['EmbeddedFile', 'pdf_embedded_file']])],
  [
    'Subtype',
    new Map<string, PdfHazard>([
      ['FileAttachment', 'pdf_embedded_file'],
      ['RichMedia', 'pdf_active_content'],
      ['Sound', 'pdf_active_content'],
      ['Movie', 'pdf_active_content'],
      ['3D', 'pdf_active_content'],
    ]),
  ],
]);

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
function findHazard(doc: PDFDocument): PdfHazard | undefined {
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

// ---------------------------------------------------------------------------------------------------------------
// The check

async function parse(job: PdfJob): Promise<PDFDocument | 'pdf_unreadable' | 'document_too_complex'> {
  const current = new ParseBudget(job.limits);
  budget = current;
  try {
    // Encryption is detected by the caller rather than by catching pdf-lib's error, which is not a distinct class.
    const doc = await PDFDocument.load(job.bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      // The worker has nothing else to do: no pauses between objects.
      parseSpeed: ParseSpeeds.Fastest,
    });
    return current.breach ? 'document_too_complex' : doc;
  } catch {
    return current.breach ? 'document_too_complex' : 'pdf_unreadable';
  } finally {
    budget = undefined;
  }
}

/**
 * Parses within the limits, refuses encryption and active content, and answers pdf-lib's re-serialisation, so the
 * stored file holds exactly the objects that were inspected (nothing a reader might find through a crafted xref
 * table, and no object pdf-lib could not parse, which it would otherwise copy through unread).
 */
export async function inspectPdf(job: PdfJob): Promise<PdfAnswer> {
  const doc = await parse(job);
  if (typeof doc === 'string') return { refused: doc };
  if (doc.isEncrypted) return { refused: 'pdf_encrypted' };
  const hazard = findHazard(doc);
  if (hazard) return { refused: hazard };
  for (const [ref, object] of doc.context.enumerateIndirectObjects())
    if (object instanceof PDFInvalidObject) doc.context.delete(ref);

  try {
    const pageCount = doc.getPageCount();
    if (pageCount === 0) return { refused: 'pdf_unreadable' };
    if (pageCount > job.maxPages) return { refused: 'too_many_pages' };
    return { accepted: await doc.save({ addDefaultPage: false, updateFieldAppearances: false }) };
  } catch {
    return { refused: 'pdf_unreadable' };
  }
}
