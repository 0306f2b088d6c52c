import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// What `npm start` runs before the server: the web apps' build, skipped when their sources did not change.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = () =>
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT, encoding: 'utf8' });
const index = path.join(ROOT, 'web', 'onboard', 'dist', 'index.html');

describe('scripts/build-web.mjs', () => {
  it('builds the onboarding app within the first-screen budget, then skips the build while nothing changed', () => {
    const first = build();
    const built = statSync(index).mtimeMs;
    const second = build();
    expect(second).toBe('');
    expect(statSync(index).mtimeMs).toBe(built);
    // Either this run built it and printed the size, or an earlier one did with the same sources.
    if (first !== '') {
      const kb = Number(/first screen ([\d.]+) KB/.exec(first)?.[1]);
      expect(kb).toBeGreaterThan(0);
      expect(kb).toBeLessThanOrEqual(200);
    }
    expect(readFileSync(index, 'utf8')).toContain('/onboard/assets/');
  });

  it("bundles React's production build although the caller's NODE_ENV is not production", () => {
    expect(process.env['NODE_ENV']).toBe('test'); // vitest's, inherited by the build below
    build();
    const assets = path.join(ROOT, 'web', 'onboard', 'dist', 'assets');
    const scripts = readdirSync(assets).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    // A warning only React's development build carries.
    for (const file of scripts)
      expect(readFileSync(path.join(assets, file), 'utf8').includes('setstate-in-render'), file).toBe(false);
  });

  it('leaves a brotli and a gzip copy of every script, style sheet and page beside it, and none of the source maps', () => {
    build();
    for (const app of ['onboard', 'console']) {
      const dist = path.join(ROOT, 'web', app, 'dist');
      const assets = readdirSync(path.join(dist, 'assets')).map((file) => path.join(dist, 'assets', file));
      const texts = [path.join(dist, 'index.html'), ...assets.filter((file) => /\.(js|css)$/.test(file))];
      for (const file of texts) {
        const original = readFileSync(file);
        expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(original), file).toBe(true);
        expect(gunzipSync(readFileSync(`${file}.gz`)).equals(original), file).toBe(true);
      }
      for (const map of assets.filter((file) => file.endsWith('.map')))
        expect(existsSync(`${map}.br`)).toBe(false);
    }
  });
});
