import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PGliteOptions } from '@electric-sql/pglite';

/**
 * PGlite's start parameters with a smaller buffer cache. PostgreSQL's default 128 MB of shared
 * buffers lives in the WebAssembly memory, which never shrinks: 32 MB holds a development or
 * trial database's working set and saves about 110 MB of RSS.
 */
export const pgliteOptions = (): PGliteOptions => ({
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
});

const CREATE_TIMEOUT_MS = 120_000;

/**
 * Creates the embedded cluster in `directory` on first start, in a short-lived child process: PGlite
 * keeps the memory its initdb used (about 500 MB of RSS) for as long as the process lives, so the
 * server opens a cluster that already exists. Does nothing when the cluster is there.
 */
export async function createPgliteCluster(directory: string): Promise<void> {
  if (existsSync(path.join(directory, 'PG_VERSION'))) return;
  const script = [
    `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});`,
    `const db = new PGlite(process.argv[1]);`,
    `await db.waitReady;`,
    `await db.close();`,
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, directory], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: CREATE_TIMEOUT_MS,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0)
    throw new Error(`creating the embedded database in ${directory} failed (${code}): ${stderr}`);
}
