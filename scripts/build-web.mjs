// Builds the web apps (web/<app>/ with Vite) into web/<app>/dist/, only when their sources changed:
// a hash of the sources, the OpenAPI types they compile against and the lockfile is kept beside the
// output, so `npm start` costs a few milliseconds when nothing changed.
// Fails when the first screen's JavaScript (the entry chunk and the chunks it imports statically)
// is over the budget, gzipped. Writes a brotli and a gzip copy beside each text file, which the server
// sends to browsers that accept them (a phone downloads 130 KB of script instead of 430 KB).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APPS = ['onboard', 'console'];
const FIRST_SCREEN_BUDGET_BYTES = 200 * 1024;
const STAMP = '.source-hash';

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'dist' || entry.name === 'node_modules' ? [] : filesUnder(full);
    return [full];
  });
}

function sourceHash(app) {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(path.join(ROOT, 'web', app)),
    // Code every app imports: the API client, the session, i18n, the form fields.
    ...filesUnder(path.join(ROOT, 'web', 'shared')),
    path.join(ROOT, 'web', 'tsconfig.json'),
    path.join(ROOT, 'openapi', 'schema.d.ts'),
    // The address step's list of states comes from the service's own.
    path.join(ROOT, 'src', 'modules', 'profile', 'india.ts'),
    path.join(ROOT, 'package-lock.json'),
    // How they are built.
    fileURLToPath(import.meta.url),
  ].sort();
  for (const file of inputs) {
    hash.update(path.relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Gzipped size of the entry script and every chunk it pulls in with a static import. */
function firstScreenBytes(outDir) {
  const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8'));
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  const seen = new Set();
  const visit = (chunk) => {
    if (seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const key of chunk.imports ?? []) visit(manifest[key]);
  };
  visit(entry);
  let total = 0;
  for (const file of seen) total += gzipSync(readFileSync(path.join(outDir, file))).length;
  return total;
}

const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt|webmanifest)$/;

/** `file.br` and `file.gz` beside every text file of the output, compressed once at their best. */
function precompress(outDir) {
  for (const file of filesUnder(outDir)) {
    if (!COMPRESSIBLE.test(file) || file.includes(`${path.sep}.vite${path.sep}`)) continue;
    const content = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  }
}

export async function buildWebApps({ force = false } = {}) {
  for (const app of APPS) {
    const outDir = path.join(ROOT, 'web', app, 'dist');
    const stampFile = path.join(outDir, STAMP);
    const hash = sourceHash(app);
    if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) continue;
    const started = Date.now();
    // Always the production build: a NODE_ENV inherited from the caller (vitest's `test`, a shell's
    // `development`) would make Vite bundle React's development build, and the stamp would keep it.
    process.env.NODE_ENV = 'production';
    const { build } = await import('vite');
    await build({
      configFile: path.join(ROOT, 'web', app, 'vite.config.ts'),
      logLevel: 'warn',
      build: { manifest: true },
    });
    const bytes = firstScreenBytes(outDir);
    const kb = (bytes / 1024).toFixed(1);
    console.log(
      `web/${app}: built in ${Date.now() - started} ms; first screen ${kb} KB of JavaScript gzipped`,
    );
    if (bytes > FIRST_SCREEN_BUDGET_BYTES) {
      throw new Error(
        `web/${app}: the first screen's JavaScript is ${kb} KB gzipped, over the 200 KB budget`,
      );
    }
    precompress(outDir);
    writeFileSync(stampFile, hash);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWebApps({ force: process.argv.includes('--force') });
}
