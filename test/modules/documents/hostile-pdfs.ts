import { once } from 'node:events';
import { createDeflate, deflateSync } from 'node:zlib';

// Hostile PDFs written byte by byte (pdf-lib would not write most of them), shared by the unit tests,
// the HTTP tests and bench/pdf-bomb.ts.

/** Objects 1-3 of every document here: a catalog, its page tree and one page. */
function basicObjects(catalogExtra = '', pageExtra = ''): string[] {
  return [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ${pageExtra} >>`,
  ];
}

/** A PDF whose object `n` (from 1) is `objects[n - 1]`; pdf-lib reads objects in order, no xref needed. */
export function pdfOf(objects: Array<string | Buffer>, trailer = '<< /Root 1 0 R >>'): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1')];
  objects.forEach((body, index) => {
    parts.push(Buffer.from(`${index + 1} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n'));
  });
  parts.push(Buffer.from(`trailer\n${trailer}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A one-page PDF with `catalogExtra` in its catalog and `pageExtra` in its page (e.g. an /OpenAction, /Annots). */
export const pdfWith = (catalogExtra: string, pageExtra = '') => pdfOf(basicObjects(catalogExtra, pageExtra));

/** A stream object: `dict` entries plus /Length, then `data` as is. */
export const streamObject = (dict: string, data: Buffer) =>
  Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`),
    data,
    Buffer.from('\nendstream'),
  ]);

/**
 * zlib (level 9) of `prefix` followed by `fillBytes` spaces, streamed, so that a stream inflating to a gigabyte
 * never needs a gigabyte here: about 1 KB of output per MB of input, at some 500 MB/s.
 */
export async function deflatedPadding(prefix: string, fillBytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const ended = once(deflate, 'end');
  deflate.write(prefix);
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = fillBytes; left > 0; left -= chunk.length) {
    if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return Buffer.concat(parts);
}

/**
 * An object stream holding `objects` (numbered from `firstNumber`), compressed with `filters` (each a deflate) and
 * followed by `paddingBytes` of spaces inside the compressed data: a compression bomb when the padding is large.
 */
export async function objectStream(
  objects: string[],
  {
    firstNumber,
    paddingBytes = 0,
    filters = 1,
  }: { firstNumber: number; paddingBytes?: number; filters?: number },
): Promise<Buffer> {
  let offset = 0;
  const header: string[] = [];
  for (const [index, object] of objects.entries()) {
    header.push(`${firstNumber + index} ${offset}`);
    offset += object.length + 1;
  }
  const head = `${header.join(' ')}\n`;
  let data = await deflatedPadding(`${head}${objects.join('\n')}\n`, paddingBytes);
  for (let extra = 1; extra < filters; extra++) data = deflateSync(data, { level: 9 });
  const filter = filters === 1 ? '/FlateDecode' : `[${' /FlateDecode'.repeat(filters)} ]`;
  return streamObject(`/Type /ObjStm /N ${objects.length} /First ${head.length} /Filter ${filter}`, data);
}

/** A valid one-page PDF whose object stream (object 4, holding object 5) inflates to about `inflatedBytes`. */
export async function objectStreamBomb(inflatedBytes: number, filters = 1): Promise<Buffer> {
  const stream = await objectStream(['<< /Padding true >>'], {
    firstNumber: 5,
    paddingBytes: inflatedBytes,
    filters,
  });
  return pdfOf([...basicObjects(), stream]);
}

/** A valid one-page PDF with `count` object streams, each inflating to about `inflatedBytes`. */
export async function manyObjectStreams(count: number, inflatedBytes: number): Promise<Buffer> {
  const streams: Buffer[] = [];
  for (let index = 0; index < count; index++) {
    const number = 4 + 2 * index;
    streams.push(await objectStream(['<< >>'], { firstNumber: number + 1, paddingBytes: inflatedBytes }));
    streams.push(Buffer.from('null'));
  }
  return pdfOf([...basicObjects(), ...streams]);
}

/** A valid one-page PDF whose cross-reference stream inflates to about `inflatedBytes` and claims a huge /Size. */
export async function xrefStreamBomb(inflatedBytes: number): Promise<Buffer> {
  const data = await deflatedPadding('', inflatedBytes);
  const xref = streamObject('/Type /XRef /Size 2000000000 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode', data);
  return pdfOf([...basicObjects(), xref]);
}

/** A valid one-page PDF followed by `count` tiny indirect objects. */
export function objectFlood(count: number): Buffer {
  return pdfOf([...basicObjects(), ...Array.from({ length: count }, () => '<<>>')]);
}

/** A valid one-page PDF whose single object stream holds `count` tiny objects. */
export async function objectStreamFlood(count: number): Promise<Buffer> {
  const stream = await objectStream(
    Array.from({ length: count }, () => '<<>>'),
    { firstNumber: 5 },
  );
  return pdfOf([...basicObjects(), stream]);
}
