import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users, webhookEvents } from '../../src/db/schema/index.js';
import { freePort } from '../helpers/free-port.js';
import { collectPageErrors, launchBrowser, screenshotOnFailure, startStack } from './harness.js';
import type { E2EBrowser, Stack } from './harness.js';
import { auditScreen, newPerson } from './onboard.js';
import { verifyPehchanReturn } from '../helpers/kyc-link-return.js';

/*
 * A host application's KYC link, round trip: the host's backend creates a link, its page shows it in
 * an iframe (or sends the customer to it), receives the page's postMessage events, and gets the
 * customer back at its return URL with a result it verifies exactly as docs/kyc-links.md shows.
 */

const WEBHOOK_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

interface HostMessage {
  origin: string;
  data: { type: string; linkId: string; step?: string; redirectUrl?: string; status?: string };
}
interface HostReturn {
  params: Record<string, string>;
  verified: { linkId: string; status: string } | null;
}

/**
 * The host application: `/embed` shows the current link in an iframe and posts every message from
 * Pehchan's origin to `/messages`; `/kyc/done` is the return URL, verified on arrival. What it
 * received is read by the test outside the page.
 */
class Host {
  readonly messages: HostMessage[] = [];
  readonly returns: HostReturn[] = [];
  linkUrl = '';
  /** Pehchan's origin, the only one whose messages the page accepts. */
  pehchanOrigin = '';
  private waiters: (() => void)[] = [];
  private readonly server: http.Server;

  constructor(readonly url: string) {
    this.server = http.createServer((request, response) => void this.handle(request, response));
  }

  static async start(): Promise<Host> {
    const port = await freePort();
    const host = new Host(`http://127.0.0.1:${port}`);
    await new Promise<void>((resolve) => host.server.listen(port, '127.0.0.1', resolve));
    return host;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves once `find` finds something in what the host received (the test's timeout bounds it). */
  async waitFor<T>(find: () => T | undefined): Promise<T> {
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private received(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const html = (body: string) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="en"><title>Host shop</title><link rel="icon" href="data:,"><main>${body}</main></html>`,
      );
    };
    if (url.pathname === '/embed') {
      return html(`<h1>Host shop</h1>
        <iframe title="Identity verification" src="${this.linkUrl}" width="400" height="700"></iframe>
        <script>
          window.addEventListener('message', (event) => {
            if (event.origin !== ${JSON.stringify(this.pehchanOrigin)}) return;
            fetch('/messages', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ origin: event.origin, data: event.data }),
            });
          });
        </script>`);
    }
    if (url.pathname === '/messages' && request.method === 'POST') {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      this.messages.push(JSON.parse(body) as HostMessage);
      response.statusCode = 204;
      response.end();
      return this.received();
    }
    if (url.pathname === '/kyc/done') {
      const verified = verifyPehchanReturn(url.toString(), WEBHOOK_SECRET);
      this.returns.push({ params: Object.fromEntries(url.searchParams), verified });
      html(`<h1>${verified ? 'Welcome back' : 'Could not verify the return'}</h1>`);
      return this.received();
    }
    response.statusCode = 404;
    response.end();
  }
}

let stack: Stack;
let browser: E2EBrowser;
let host: Host;
let apiKey: string;

beforeAll(async () => {
  // The stack's allow-list names the host: the host starts first.
  host = await Host.start();
  stack = await startStack({ env: { LINK_REDIRECT_ORIGINS: host.url, WEBHOOK_SECRET } });
  host.pehchanOrigin = stack.url;
  apiKey = (await stack.app.services.apiKeys.create({ name: 'host shop', scopes: ['links:write'] })).key;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await host?.close();
});

/** The host's backend creates a link for a customer new to Pehchan. */
async function createLink() {
  const person = newPerson('Meera Iyer');
  const externalId = `shop-${person.mobileNo}`;
  const response = await fetch(`${stack.url}/v1/integration/kyc-links`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({
      externalId,
      name: person.name,
      email: person.email,
      mobileNo: person.mobileNo,
      redirectUrl: `${host.url}/kyc/done?order=42`,
    }),
  });
  expect(response.status).toBe(201);
  const { data } = (await response.json()) as { data: { linkId: string; url: string } };
  return { ...data, externalId };
}

async function linkView(linkId: string) {
  const response = await fetch(`${stack.url}/v1/integration/kyc-links/${linkId}`, {
    headers: { 'x-api-key': apiKey },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { status: string } }).data;
}

async function webhookTypes(externalId: string) {
  const db = stack.app.database.db;
  const [user] = await db.select().from(users).where(eq(users.externalId, externalId));
  const events = await db.select().from(webhookEvents).where(eq(webhookEvents.userId, user!.id));
  return events.map((event) => event.type).sort();
}

/** The host's verified record of the customer's return for this link. */
async function verifiedReturn(linkId: string) {
  const back = await host.waitFor(() => host.returns.find((entry) => entry.params['linkId'] === linkId));
  expect(Object.keys(back.params).sort()).toEqual(['linkId', 'order', 'signature', 'status', 'ts']);
  expect(back.verified).toEqual({ linkId, status: 'draft' });
  return back;
}

/** A second opening of a used link, in another browser: the page says so. */
async function openedAgain(url: string): Promise<Page> {
  const page = await browser.newPage('mobile');
  await page.goto(url);
  await page.getByRole('heading', { name: 'This link was already used' }).waitFor();
  return page;
}

describe('a KYC link', () => {
  it('embedded in the host page: events to the host, a signed return, then the link is used', async () => {
    const link = await createLink();
    host.linkUrl = link.url;
    const page = await browser.newPage('desktop');
    screenshotOnFailure(page, 'kyc-link-embedded');
    const errors = collectPageErrors(page);
    await page.goto(`${host.url}/embed`);

    // The token is exchanged in the frame and the journey begins: the customer confirms their contacts.
    const frame = page.frameLocator('iframe[title="Identity verification"]');
    await frame.getByRole('button', { name: 'Send a code by SMS' }).waitFor();
    const step = await host.waitFor(() => host.messages.find((m) => m.data.type === 'pehchan:step'));
    expect(step).toEqual({
      origin: stack.url,
      data: { type: 'pehchan:step', linkId: link.linkId, step: 'contact' },
    });
    expect((await linkView(link.linkId)).status).toBe('opened');

    // The status page offers the way back to the host for any link session. The reload keeps the
    // session: the refresh cookie is same-site (127.0.0.1, another port), so the frame sends it.
    const pehchan = page.frames().find((candidate) => candidate.url().startsWith(stack.url))!;
    await pehchan.goto(`${stack.url}/onboard/status`);
    await frame.getByText('You have not submitted your details yet.').waitFor();
    await frame.getByRole('button', { name: `Return to ${new URL(host.url).host}` }).click();

    const completed = await host.waitFor(() =>
      host.messages.find((m) => m.data.type === 'pehchan:completed'),
    );
    expect(completed.origin).toBe(stack.url);
    expect(completed.data).toMatchObject({ linkId: link.linkId, status: 'draft' });
    // The event's URL verifies as the return does.
    expect(verifyPehchanReturn(completed.data.redirectUrl!, WEBHOOK_SECRET)).toEqual({
      linkId: link.linkId,
      status: 'draft',
    });
    // The frame sends the whole page back to the host (the click allows the top navigation).
    await page.waitForURL(`${host.url}/kyc/done?**`);
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await verifiedReturn(link.linkId);

    expect((await linkView(link.linkId)).status).toBe('completed');
    expect(await webhookTypes(link.externalId)).toEqual(['kyc_link.completed', 'kyc_link.opened']);
    expect(errors).toEqual([]);
    await page.context().close();

    const again = await openedAgain(link.url);
    await auditScreen(again, 'kyc-link-used');
    await again.context().close();
  });

  it('opened as a page of its own: back to the host with a signed result', async () => {
    const link = await createLink();
    const page = await browser.newPage('mobile');
    screenshotOnFailure(page, 'kyc-link-top');
    const errors = collectPageErrors(page);
    await page.goto(link.url);
    await page.getByRole('button', { name: 'Send a code by SMS' }).waitFor();
    // The token left the address bar as soon as it was read.
    expect(page.url()).not.toContain('#');

    await page.goto(`${stack.url}/onboard/status`);
    await page.getByRole('button', { name: `Return to ${new URL(host.url).host}` }).click();
    await page.waitForURL(`${host.url}/kyc/done?**`);
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await verifiedReturn(link.linkId);
    expect((await linkView(link.linkId)).status).toBe('completed');
    expect(errors).toEqual([]);
    await page.context().close();

    await (await openedAgain(link.url)).context().close();
  });
});
