import type { FastifyInstance } from 'fastify';

/*
 * `GET /`, as ROOT_PAGE says: `links`, a small page for a newcomer with a link to each thing a browser can
 * open (the default outside production); `docs`, a redirect to the API reference (the production
 * default); `none`, no route, so a 404 like any unknown path. Not part of the API: hidden from OpenAPI.
 */

export type RootPage = 'links' | 'docs' | 'none';

interface Destination {
  /** Linked when a route at this path, or under it when it ends in `/`, is registered. */
  path: string;
  title: string;
  text: string;
}

const DESTINATIONS: Destination[] = [
  {
    path: '/onboard/',
    title: 'Onboarding',
    text: 'Sign up and complete KYC as a customer would, selfie included.',
  },
  {
    path: '/console/',
    title: 'Console',
    text: 'Staff: review cases, manage API keys and webhooks.',
  },
  {
    path: '/docs',
    title: 'API reference',
    text: 'Every endpoint with its schemas and error codes (OpenAPI 3.1, also at /openapi.json).',
  },
  {
    path: '/v1/dev/outbox',
    title: 'Development outbox',
    text: 'The emails and SMS the service would have sent, with their links and codes (JSON).',
  },
];

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

function isServed(destination: Destination, routes: ReadonlySet<string>): boolean {
  const { path } = destination;
  if (routes.has(path)) return true;
  return (
    path.endsWith('/') && [...routes].some((route) => route === path.slice(0, -1) || route.startsWith(path))
  );
}

function page(links: Destination[], simulatorUrl: string | undefined): string {
  const items = links.map(
    ({ path, title, text }) =>
      `<li><a href="${escapeHtml(path)}">${escapeHtml(title)}</a><p>${escapeHtml(text)}</p></li>`,
  );
  if (simulatorUrl)
    items.push(
      `<li><a href="${escapeHtml(`${simulatorUrl}/simulator/personas`)}">Cashfree simulator personas</a>` +
        '<p>Who you can be at DigiLocker, with the selfie that passes for each (JSON). No Cashfree credentials are set, so the built-in simulator answers every check.</p></li>',
    );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pehchan</title>
<link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fafafa; }
  main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem; }
  h1 { margin: 0 0 0.25rem; font-size: 1.75rem; }
  ul { list-style: none; margin: 1.5rem 0; padding: 0; }
  li { margin: 0 0 1rem; padding: 0.75rem 1rem; background: #fff; border: 1px solid #d0d0d0; border-radius: 0.5rem; }
  li p { margin: 0.25rem 0 0; color: #444; }
  a { color: #0b4fa8; font-weight: 600; font-size: 1.125rem; }
  a:focus-visible { outline: 3px solid #0b4fa8; outline-offset: 2px; }
  footer { color: #444; font-size: 0.875rem; }
  code { font-size: 0.875rem; }
</style>
</head>
<body>
<main>
<h1>Pehchan</h1>
<p>KYC onboarding for Indian fintech. Where to go from here:</p>
<ul>
${items.join('\n')}
</ul>
<footer><p>This page is <code>ROOT_PAGE=links</code>, the default outside production. In production <code>/</code> redirects to the API reference (<code>ROOT_PAGE=docs</code>) or answers 404 (<code>ROOT_PAGE=none</code>).</p></footer>
</main>
</body>
</html>
`;
}

/**
 * Registers `GET /` on the root instance. Called before the other routes: the page links only what is
 * registered (the console and the development outbox may not be), so it watches every route added after it.
 */
export function registerHome(
  app: FastifyInstance,
  options: { rootPage: RootPage; simulatorUrl?: string },
): void {
  if (options.rootPage === 'none') return;
  if (options.rootPage === 'docs') {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs'));
    return;
  }
  const routes = new Set<string>();
  app.addHook('onRoute', (route) => {
    routes.add(route.url);
  });
  let html: string | undefined;
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    html ??= page(
      DESTINATIONS.filter((destination) => isServed(destination, routes)),
      options.simulatorUrl,
    );
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
