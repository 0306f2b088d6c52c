import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';

/** The repository (or installed package) root: the nearest folder above this module with a package.json. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the server module');
    dir = parent;
  }
  return dir;
}

const BASE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
];

/**
 * The onboarding pages' own policy: the API's (default-src 'self') plus camera frames and previews
 * drawn from blob: URLs, and framing by the KYC links' allowed hosts only.
 */
export function webAppContentSecurityPolicy(config: Config): string {
  return [
    ...BASE_POLICY,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "frame-src 'self' blob:",
    "object-src 'self' blob:",
    `frame-ancestors ${["'self'", ...config.linkRedirectOrigins].join(' ')}`,
  ].join('; ');
}

/**
 * The staff console's policy: never framed (a reviewer's clicks must not be hijacked by another
 * page), images from the API and data: (the enrolment QR code), PDF pages drawn into canvases by a
 * same-origin worker.
 */
export function consoleContentSecurityPolicy(): string {
  return [
    ...BASE_POLICY,
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

interface WebApp {
  name: string;
  /** Headers on every answer under /<name>/ (the page, its assets and its redirect). */
  headers(config: Config): Record<string, string>;
}

/** The apps scripts/build-web.mjs builds, each with its own policy. */
const WEB_APPS: WebApp[] = [
  {
    name: 'onboard',
    headers: (config) => ({
      'content-security-policy': webAppContentSecurityPolicy(config),
      'permissions-policy': 'camera=(self), geolocation=(self), microphone=()',
      // A host may open its KYC link as a popup and listen for the page's events: the opener must stay
      // reachable, which the API's COOP same-origin would cut. Without link origins, the API's policy stays.
      ...(config.linkRedirectOrigins.length > 0 ? { 'cross-origin-opener-policy': 'unsafe-none' } : {}),
    }),
  },
  {
    name: 'console',
    headers: () => ({
      'content-security-policy': consoleContentSecurityPolicy(),
      'permissions-policy': 'camera=(), geolocation=(), microphone=()',
    }),
  },
];

/**
 * Serves each single-page app built by scripts/build-web.mjs at /<app>/: hashed assets cached for a
 * year, every other path under it answered with index.html (the app routes in the browser).
 */
export async function registerWebApps(
  app: FastifyInstance,
  config: Config,
  webRoot = path.join(packageRoot(), 'web'),
) {
  for (const { name, headers: headersOf } of WEB_APPS) {
    const headers = headersOf(config);
    const dist = path.join(webRoot, name, 'dist');
    const prefix = `/${name}/`;
    await app.register(async (scope) => {
      scope.addHook('onSend', async (_request, reply) => {
        reply.headers(headers);
        // frame-ancestors decides who may frame the page; the API's blanket SAMEORIGIN would undo it.
        reply.removeHeader('x-frame-options');
      });
      scope.get(`/${name}`, { schema: { hide: true } }, (_request, reply) => reply.redirect(prefix, 301));
      if (!existsSync(path.join(dist, 'index.html'))) {
        scope.get(`${prefix}*`, { schema: { hide: true } }, async () => {
          throw new AppError('service_unavailable', `The ${name} pages are not built: run npm run build`);
        });
        return;
      }
      await scope.register(fastifyStatic, {
        root: dist,
        prefix,
        wildcard: false,
        index: false,
        schemaHide: true,
        // The build writes brotli and gzip copies beside each file (scripts/build-web.mjs).
        preCompressed: true,
        setHeaders: (reply, filePath) => {
          const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
          reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      const sendIndex = (_request: FastifyRequest, reply: FastifyReply) =>
        reply.header('cache-control', 'no-cache').sendFile('index.html');
      scope.get(prefix, { schema: { hide: true } }, sendIndex);
      scope.get(`${prefix}*`, { schema: { hide: true } }, (request, reply) => {
        // A bundle from an earlier build is gone: a 404, not the page, which the browser would run as a script.
        if (request.url.startsWith(`${prefix}assets/`)) throw new AppError('not_found', 'No such file');
        return sendIndex(request, reply);
      });
    });
  }
}
