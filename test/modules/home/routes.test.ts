import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerHome } from '../../../src/modules/home/routes.js';
import type { RootPage } from '../../../src/modules/home/routes.js';
import { useTestApp } from '../../helpers/app.js';

/** The hrefs of a page's links, in order. */
const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((match) => match[1]!);

describe('GET / in the app, outside production', () => {
  const context = useTestApp();

  it('is a page linking what a newcomer can open: onboarding, the console, the API reference, the outbox, the simulator personas', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toMatch(/^<!doctype html>\n<html lang="en">/);
    const simulator = context.app.provider.simulator!.url;
    const links = hrefs(response.body);
    expect(links).toEqual(
      expect.arrayContaining(['/docs', '/v1/dev/outbox', `${simulator}/simulator/personas`]),
    );
    expect(links).toEqual(expect.arrayContaining(['/onboard/', '/console/']));
    // The web apps answer 503 until built (the browser suite builds them and follows those links too).
    const webApps = new Set(['/onboard/', '/console/']);
    for (const link of links.filter((href) => href.startsWith('/') && !webApps.has(href))) {
      expect((await context.app.inject({ method: 'GET', url: link })).statusCode, link).toBeLessThan(400);
    }
  });

  it('is left out of the API description', async () => {
    const spec = (await context.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(spec.paths)).not.toContain('/');
  });
});

const servers: ReturnType<typeof Fastify>[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

/** A bare server with the home route and the given routes, as the app registers them (home first). */
async function serverWith(rootPage: RootPage, paths: string[]) {
  const app = Fastify();
  servers.push(app);
  registerHome(app, { rootPage });
  for (const path of paths) app.get(path, async () => 'ok');
  await app.ready();
  return app;
}

describe('GET /, as ROOT_PAGE says', () => {
  it('links the onboarding app, the console and the outbox only when they are served', async () => {
    const bare = await serverWith('links', ['/docs']);
    expect(hrefs((await bare.inject({ method: 'GET', url: '/' })).body)).toEqual(['/docs']);

    const full = await serverWith('links', ['/onboard/*', '/console/*', '/docs', '/v1/dev/outbox']);
    expect(hrefs((await full.inject({ method: 'GET', url: '/' })).body)).toEqual([
      '/onboard/',
      '/console/',
      '/docs',
      '/v1/dev/outbox',
    ]);
  });

  it('redirects to the API reference with ROOT_PAGE=docs (the production default)', async () => {
    const app = await serverWith('docs', ['/docs']);
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/docs');
  });

  it('is not a route with ROOT_PAGE=none', async () => {
    const app = await serverWith('none', ['/docs']);
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
  });
});
