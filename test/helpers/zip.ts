import { inflateRawSync } from 'node:zlib';

/** The entries of a ZIP, read through its local headers (every entry is deflated). */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let at = 0;
  while (archive.readUInt32LE(at) === 0x04034b50) {
    const size = archive.readUInt32LE(at + 18);
    const nameLength = archive.readUInt16LE(at + 26);
    const name = archive.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const start = at + 30 + nameLength + archive.readUInt16LE(at + 28);
    entries.set(name, inflateRawSync(archive.subarray(start, start + size)));
    at = start + size;
  }
  return entries;
}
