import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * The suite's own build of the server, as `npm start` builds and runs it (so a developer's dist/
 * is left alone); inside node_modules, where the bundle finds its external packages.
 */
export const BUILT_SERVER = path.join(
  REPO_ROOT,
  'node_modules',
  '.cache',
  'pehchan-reliability-dist',
  'server.js',
);

/** vitest globalSetup: one build before the files run, removed after. */
export default function buildServer() {
  const outdir = path.dirname(BUILT_SERVER);
  execFileSync(process.execPath, ['scripts/build.mjs', outdir], { cwd: REPO_ROOT, stdio: 'inherit' });
  return () => rmSync(outdir, { recursive: true, force: true });
}
