import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';

// What keeps the embedded default's memory low: a smaller buffer cache, and a first start whose
// cluster creation (initdb, ~500 MB that PGlite never gives back) runs in a process that then exits.
let handle: DatabaseHandle | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await handle?.close();
  handle = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const open = (dir: string) =>
  openDatabase({
    url: undefined,
    dataDir: dir,
    connectTimeoutMs: 5000,
    statementTimeoutMs: 60_000,
    poolMax: 1,
  });

const setting = async (name: string) =>
  (
    (await handle!.sql.executeSql(`select current_setting('${name}') as value`, [])).rows[0] as {
      value: string;
    }
  ).value;

describe('the embedded database', () => {
  it('creates its cluster on first start and opens it with 32 MB of shared buffers', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-pglite-'));
    const heapBefore = process.memoryUsage().external;
    handle = await open(dataDir);
    expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(await setting('shared_buffers')).toBe('32MB');
    // initdb's WebAssembly memory (over 128 MB) was never in this process; the open cluster's is.
    expect(process.memoryUsage().external - heapBefore).toBeLessThan(300 * 1024 * 1024);
    await handle.close();

    handle = await open(dataDir);
    expect(await setting('shared_buffers')).toBe('32MB');
  }, 120_000);

  it('has the smaller buffer cache in memory too', async () => {
    handle = await openDatabase({
      url: 'memory://',
      dataDir: '',
      connectTimeoutMs: 5000,
      statementTimeoutMs: 60_000,
      poolMax: 1,
    });
    expect(await setting('shared_buffers')).toBe('32MB');
  });
});
