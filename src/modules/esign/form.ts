/*
 * The account opening form: the case snapshot as the customer submitted it, laid out as a PDF for
 * Aadhaar e-sign. Identity numbers are masked (never a full PAN, bank account or demat id); the
 * last page ends with the signature box whose position Cashfree is told (SIGNATURE_BOX).
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { keepLastFour, maskPan } from '../../providers/cashfree/index.js';
import { NOMINATION_OPT_OUT_DECLARATION } from '../profile/nomination-opt-out.js';

export interface FormCheck {
  type: string;
  outcome: string | null;
  reason: string | null;
  verificationId: string | null;
  referenceId: string | null;
}

export interface FormEvent {
  at: Date;
  fromStatus: string | null;
  toStatus: string | null;
  type: string;
  actorRole: string | null;
}

export interface FormInput {
  caseNumber: number;
  caseId: string;
  approvedAt: Date | null;
  /** The snapshot's profile: known sections get their labels, any other section is rendered as it is. */
  profile: Record<string, unknown>;
  selfie: { bytes: Buffer; contentType: string } | null;
  checks: FormCheck[];
  events: FormEvent[];
  generatedAt: Date;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 50;
/** Where the customer signs on the last page, in PDF points from the bottom left. */
export const SIGNATURE_BOX = { x1: 330, y1: 150, x2: 545, y2: 80 } as const;

const SECTION_LABELS: Record<string, string> = {
  panDetails: 'PAN details',
  profileDetails: 'Personal details',
  addressDetails: 'Address',
  bankDetails: 'Bank accounts',
  dematDetails: 'Demat accounts',
  nominationDetails: 'Nomination',
  fatcaDetails: 'FATCA / CRS declaration',
  pepDetails: 'Politically exposed person declaration',
  tradingPreferences: 'Trading preferences',
};

const FIELD_LABELS: Record<string, string> = {
  panNumber: 'PAN',
  dpID: 'DP ID',
  clientID: 'Client ID',
  ifsc: 'IFSC',
  mobileNo: 'Mobile number',
  dob: 'Date of birth',
  bankAccountNumber: 'Account number',
};

/** Fields never printed: internal ids, versions, and document references (the documents are kept apart). */
const HIDDEN_FIELDS = new Set(['_id', '__v', 'clientMasterCopy', 'url', 'documentId']);
const PAN_FIELDS = new Set(['panNumber', 'pan']);
const LAST_FOUR_FIELDS = new Set([
  'bankAccountNumber',
  'accountNumber',
  'clientID',
  'dematAccountNumber',
  'aadhaarNumber',
  'aadhaar',
  'uid',
]);
const PAN_PATTERN = /[A-Z]{5}[0-9]{4}[A-Z]/g;
/** Long digit runs in a section this form does not know (a nominee's account, an id): masked too. */
const LONG_NUMBER = /\d{8,}/g;
const CONTACT_FIELDS = /mobile|phone/i;

/** `panDetails` → `Pan details`, for a field or section without a label of its own. */
function labelOf(key: string): string {
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  if (SECTION_LABELS[key]) return SECTION_LABELS[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A scalar as printed: identity numbers masked by field, and by shape wherever else they appear. */
export function printable(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const text = String(value);
  if (PAN_FIELDS.has(key)) return maskPan(text);
  if (LAST_FOUR_FIELDS.has(key)) return keepLastFour(text);
  const panMasked = text.replace(PAN_PATTERN, (pan) => maskPan(pan));
  return CONTACT_FIELDS.test(key)
    ? panMasked
    : panMasked.replace(LONG_NUMBER, (digits) => keepLastFour(digits));
}

/**
 * Helvetica speaks WinAnsi only (Latin-1 and a few marks such as dashes and quotes): anything else (Devanagari,
 * emoji) prints as `?` rather than failing.
 */
const winAnsi = (text: string) =>
  text.replace(/[^\x20-\x7e\xa0-\xff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]/g, '?');

type Row = { label: string; value: string };

/** Label/value rows of one value of a section (an object, a list of objects, or a scalar). */
function rowsOf(value: unknown, prefix = ''): Row[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      typeof item === 'object' && item !== null
        ? [{ label: `${prefix}#${index + 1}`, value: '' }, ...rowsOf(item, `${prefix}  `)]
        : [{ label: `${prefix}#${index + 1}`, value: printable('', item) }],
    );
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => {
      if (HIDDEN_FIELDS.has(key)) return [];
      if (typeof inner === 'object' && inner !== null)
        return [{ label: `${prefix}${labelOf(key)}`, value: '' }, ...rowsOf(inner, `${prefix}  `)];
      return [{ label: `${prefix}${labelOf(key)}`, value: printable(key, inner) }];
    });
  }
  return [{ label: prefix.trim() || 'Value', value: printable('', value) }];
}

/** Writes lines top to bottom, starting a new page when one is full. */
class Writer {
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly document: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage() {
    this.page = this.document.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  get currentPage() {
    return this.page;
  }

  ensure(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }

  heading(text: string, size = 13) {
    this.ensure(size + 14);
    this.y -= size + 8;
    this.page.drawText(winAnsi(text), { x: MARGIN, y: this.y, size, font: this.bold });
    this.y -= 4;
  }

  line(text: string, size = 9) {
    this.ensure(size + 4);
    this.y -= size + 4;
    this.page.drawText(winAnsi(text).slice(0, 120), { x: MARGIN, y: this.y, size, font: this.font });
  }

  row({ label, value }: Row) {
    this.ensure(13);
    this.y -= 13;
    this.page.drawText(winAnsi(label).slice(0, 45), { x: MARGIN, y: this.y, size: 9, font: this.bold });
    this.page.drawText(winAnsi(value).slice(0, 75), { x: MARGIN + 200, y: this.y, size: 9, font: this.font });
  }

  /** Text wrapped at the margins, `indent` points in from the left one. */
  paragraph(text: string, { size = 9, indent = 0 } = {}) {
    const width = PAGE.width - 2 * MARGIN - indent;
    const lines: string[] = [];
    for (const word of winAnsi(text).split(' ')) {
      const last = lines.at(-1);
      const longer = last === undefined ? word : `${last} ${word}`;
      if (last !== undefined && this.font.widthOfTextAtSize(longer, size) <= width)
        lines[lines.length - 1] = longer;
      else lines.push(word);
    }
    for (const line of lines) {
      this.ensure(size + 3);
      this.y -= size + 3;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font: this.font });
    }
    this.y -= 3;
  }

  space(height: number) {
    this.y -= height;
  }

  image(draw: (page: PDFPage, top: number) => number) {
    this.y = draw(this.page, this.y);
  }
}

/** What an investor who opted out of nomination agreed to, signed with the form (SEBI's Annexure-B). */
function optOutDeclaration(writer: Writer) {
  const declaration = NOMINATION_OPT_OUT_DECLARATION;
  writer.heading(declaration.title, 10);
  writer.paragraph(declaration.confirmation);
  writer.paragraph(declaration.understanding);
  const [first, second, third] = declaration.points;
  for (const [marker, point] of [
    ['i', first],
    ['ii', second],
    ['iii', third],
  ] as const)
    writer.paragraph(`(${marker}) ${point}`, { indent: 12 });
  writer.paragraph(declaration.voluntary);
}

/** The account opening form as a PDF; the signature box is on its last page. */
export async function buildAccountOpeningForm(input: FormInput): Promise<{ pdf: Buffer; pages: number }> {
  const document = await PDFDocument.create();
  document.setTitle(`Account opening form, case ${input.caseNumber}`);
  document.setProducer('Pehchan');
  document.setCreationDate(input.generatedAt);
  const font = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const writer = new Writer(document, font, bold);

  writer.heading('Account opening form', 18);
  writer.line(`Case ${input.caseNumber} (${input.caseId})`);
  writer.line(
    `Approved ${input.approvedAt?.toISOString() ?? '-'}; generated ${input.generatedAt.toISOString()}`,
  );
  writer.line('Identity numbers are masked on this form; the full values are kept encrypted by the service.');

  if (input.selfie) {
    const { bytes, contentType } = input.selfie;
    const image =
      contentType === 'image/png' ? await document.embedPng(bytes) : await document.embedJpg(bytes);
    const scaled = image.scaleToFit(120, 150);
    writer.ensure(scaled.height + 20);
    writer.image((page, top) => {
      page.drawImage(image, {
        x: PAGE.width - MARGIN - scaled.width,
        y: top - scaled.height - 10,
        ...scaled,
      });
      page.drawText('Selfie (liveliness passed)', {
        x: PAGE.width - MARGIN - scaled.width,
        y: top - scaled.height - 22,
        size: 7,
        font,
      });
      return top;
    });
  }

  const scalars = Object.entries(input.profile).filter(
    ([key, value]) => !HIDDEN_FIELDS.has(key) && (typeof value !== 'object' || value === null),
  );
  writer.heading('Applicant');
  for (const [key, value] of scalars) writer.row({ label: labelOf(key), value: printable(key, value) });

  // Known sections first, in the form's order, then whatever other sections the snapshot holds.
  const sections = Object.entries(input.profile).filter(
    ([key, value]) => !HIDDEN_FIELDS.has(key) && typeof value === 'object' && value !== null,
  );
  const order = Object.keys(SECTION_LABELS);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  sections.sort(([a], [b]) => rank(a) - rank(b));
  for (const [key, value] of sections) {
    writer.heading(labelOf(key));
    for (const row of rowsOf(value)) writer.row(row);
    if (key === 'nominationDetails' && (value as { optOut?: unknown }).optOut === true)
      optOutDeclaration(writer);
  }

  writer.newPage();
  writer.heading('Verification evidence');
  for (const check of input.checks) {
    writer.row({
      label: labelOf(check.type),
      value: `${check.outcome ?? 'pending'}${check.reason ? ` (${check.reason})` : ''}`,
    });
    writer.line(
      `    verification ${check.verificationId ?? '-'}, provider reference ${check.referenceId ?? '-'}`,
      8,
    );
  }
  writer.heading('Case history');
  for (const event of input.events) {
    const move = event.toStatus ? `${event.fromStatus ?? '-'} -> ${event.toStatus}` : event.type;
    writer.line(`${event.at.toISOString()}  ${move}  by ${event.actorRole ?? 'system'}`, 8);
  }

  // The declaration and the box share the last page, the text above the box.
  writer.ensure(SIGNATURE_BOX.y1 + 70 - MARGIN);
  writer.heading('Declaration');
  writer.line(
    'I confirm that the information in this form is true and complete, and I sign it with my Aadhaar e-sign.',
  );
  const page = writer.currentPage;
  const box = SIGNATURE_BOX;
  page.drawRectangle({
    x: box.x1,
    y: box.y2,
    width: box.x2 - box.x1,
    height: box.y1 - box.y2,
    borderColor: rgb(0.3, 0.3, 0.3),
    borderWidth: 1,
  });
  page.drawText('Signature of the applicant (Aadhaar e-sign)', { x: box.x1, y: box.y2 - 12, size: 8, font });
  return { pdf: Buffer.from(await document.save()), pages: document.getPageCount() };
}
