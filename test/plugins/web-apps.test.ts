import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { testConfig } from '../helpers/app.js';

// A built app's shape, as scripts/build-web.mjs leaves it: index.html and hashed assets.
const webRoot = mkdtempSync(path.join(tmpdir(), 'pehchan-web-'));
mkdirSync(path.join(webRoot, 'onboard', 'dist', 'assets'), { recursive: true });
writeFileSync(path.join(webRoot, 'onboard', 'dist', 'index.html'), '<!doctype html><title>onboard</title>');
const script = 'console.log("the first screen");'.repeat(50);
writeFileSync(path.join(webRoot, 'onboard', 'dist', 'assets', 'index-abc123.js'), script);
writeFileSync(
  path.join(webRoot, 'onboard', 'dist', 'assets', 'index-abc123.js.br'),
  brotliCompressSync(script),
);
writeFileSync(path.join(webRoot, 'onboard', 'dist', 'assets', 'index-abc123.js.gz'), gzipSync(script));
mkdirSync(path.join(webRoot, 'console', 'dist'), { recursive: true });
writeFileSync(path.join(webRoot, 'console', 'dist', 'index.html'), '<!doctype html><title>console</title>');

let database: TestDatabase;
let app: FastifyInstance;
let unbuilt: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ LINK_REDIRECT_ORIGINS: 'https://broker.example.in,https://app.example.com' });
  app = await buildApp({ config, database: database.handle, logger: false, webRoot });
  unbuilt = await buildApp({
    config: testConfig(),
    database: database.handle,
    logger: false,
    webRoot: mkdtempSync(path.join(tmpdir(), 'pehchan-web-empty-')),
  });
});

afterAll(async () => {
  await app?.close();
  await unbuilt?.close();
  await database?.drop();
});

describe('the onboarding app at /onboard/', () => {
  it('serves index.html for the app and for every page the app routes in the browser', async () => {
    for (const url of ['/onboard/', '/onboard/steps/pan', '/onboard/link']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<title>onboard</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('answers 404 for a bundle that is not there (an earlier build’s), not the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/onboard/assets/index-gone.js' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('redirects /onboard to /onboard/', async () => {
    const response = await app.inject({ method: 'GET', url: '/onboard' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/onboard/');
  });

  it('caches hashed assets for a year', async () => {
    const response = await app.inject({ method: 'GET', url: '/onboard/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the build’s brotli or gzip copy to a browser that accepts it, and the file to one that does not', async () => {
    const get = (encoding?: string) =>
      app.inject({
        method: 'GET',
        url: '/onboard/assets/index-abc123.js',
        headers: encoding ? { 'accept-encoding': encoding } : {},
      });
    const brotli = await get('gzip, deflate, br');
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['vary']).toContain('accept-encoding');
    expect(brotli.rawPayload.equals(brotliCompressSync(script))).toBe(true);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('gzip')).headers['content-encoding']).toBe('gzip');
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('may be framed by the KYC links’ allowed origins only, and may use the camera', async () => {
    const response = await app.inject({ method: 'GET', url: '/onboard/steps/selfie' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'self' https://broker.example.in https://app.example.com");
    expect(csp).toContain("script-src 'self'");
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['permissions-policy']).toContain('camera=(self)');
  });

  it('keeps the opener of a KYC link opened as a popup when link origins are configured, and only then', async () => {
    const withLinks = await app.inject({ method: 'GET', url: '/onboard/link' });
    expect(withLinks.headers['cross-origin-opener-policy']).toBe('unsafe-none');
    const withoutLinks = await unbuilt.inject({ method: 'GET', url: '/onboard/link' });
    expect(withoutLinks.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('leaves the API’s own headers alone', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    expect(String(response.headers['content-security-policy'])).not.toContain('frame-ancestors https://');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers 503 with a problem saying how to build the pages when they are not built', async () => {
    const response = await unbuilt.inject({ method: 'GET', url: '/onboard/steps/pan' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toContain('npm run build');
  });
});

describe('the staff console at /console/', () => {
  it('serves index.html for the console and every page it routes in the browser', async () => {
    for (const url of ['/console/', '/console/cases/0193a7c2', '/console/admin/staff']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>console</title>');
    }
    const redirect = await app.inject({ method: 'GET', url: '/console' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/console/');
  });

  it('may be framed by no one, not even the KYC links’ hosts, and may not use the camera', async () => {
    const response = await app.inject({ method: 'GET', url: '/console/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('broker.example.in');
    expect(csp).toContain("script-src 'self'");
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['permissions-policy']).toContain('camera=()');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('keeps the onboarding policy to the onboarding pages', async () => {
    const response = await app.inject({ method: 'GET', url: '/onboard/' });
    expect(String(response.headers['content-security-policy'])).not.toContain("frame-ancestors 'none'");
  });
});
