import { chmodSync, lstatSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';

// The embedded database on disk, whichever database the other tests use.
const openEmbedded = (dataDir: string) =>
  openDatabase({ url: undefined, dataDir, connectTimeoutMs: 5000, statementTimeoutMs: 60_000, poolMax: 1 });

/** Every entry under `root` (itself included) whose group or other permission bits are set. */
function readableByOthers(root: string): string[] {
  const found: string[] = [];
  const visit = (entry: string) => {
    const stat = lstatSync(entry);
    if (stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o777;
    if (stat.isDirectory() ? mode !== 0o700 : mode & 0o077) found.push(`${entry} ${mode.toString(8)}`);
    if (stat.isDirectory()) for (const child of readdirSync(entry)) visit(path.join(entry, child));
  };
  visit(root);
  return found;
}

function openToEveryone(root: string) {
  const visit = (entry: string) => {
    const stat = lstatSync(entry);
    chmodSync(entry, stat.isDirectory() ? 0o777 : 0o666);
    if (stat.isDirectory()) for (const child of readdirSync(entry)) visit(path.join(entry, child));
  };
  visit(root);
}

describe('the embedded database directory', () => {
  it('is owner-only after a start, also for an install whose files were 0666, and stays so as data is written', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'pehchan-perms-')), 'data');
    const first = await openEmbedded(dataDir);
    await first.migrate();
    await first.close();
    // An install made by an older version: everything readable (and writable) by every local user.
    writeFileSync(path.join(dataDir, 'kyc_secret.key'), 'a secret\n', { mode: 0o644 });
    openToEveryone(dataDir);
    expect(readableByOthers(dataDir).length).toBeGreaterThan(900);

    const database = await openEmbedded(dataDir);
    try {
      await database.migrate();
      // New relations, index and WAL segments: files PGlite creates while running.
      await database.sql.executeSql(
        `create table permission_probe (value text);
         insert into permission_probe select repeat(md5(g::text), 20) from generate_series(1, 5000) g;
         create index permission_probe_value on permission_probe (value);
         checkpoint;`,
      );
      expect(readableByOthers(dataDir)).toEqual([]);
    } finally {
      await database.close();
    }
    expect(readableByOthers(dataDir)).toEqual([]);
  }, 180_000);

  it('creates a missing DATA_DIR as 0700', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'pehchan-perms-')), 'nested', 'data');
    const database = await openEmbedded(dataDir);
    await database.close();
    expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readableByOthers(dataDir)).toEqual([]);
  }, 120_000);
});
