import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { KeyRing } from '../../src/lib/crypto/index.js';
import { sealNewUser } from '../../src/modules/auth/new-user.js';
import { hashPassword } from '../../src/modules/auth/passwords.js';
import { createAuthRepository } from '../../src/modules/auth/repository.js';
import { testConfig } from '../helpers/app.js';
import { freePort } from '../helpers/free-port.js';
import { checkResponse } from '../helpers/response-guard.js';
import { APPROVED_PERSONA, writeFakeCamera } from './fake-camera.js';
import type { FakeCamera } from './fake-camera.js';

/*
 * The browser tests' harness (`npm run test:e2e`, files `test/e2e/**\/*.e2e.ts`). It installs nothing:
 * Chromium is Debian's (/usr/bin/chromium, `apt-get install -y chromium`; .ci/run installs it).
 *
 *   import { startStack, launchBrowser, checkAccessibility, screenshot } from './harness.js';
 *
 *   const stack = await startStack({ env: { LINK_REDIRECT_ORIGINS: 'http://127.0.0.1:4000' } });
 *     The real Pehchan (buildApp from src/, as `npm run dev` runs it) with NODE_ENV=development, on
 *     embedded PGlite in a temporary DATA_DIR, jobs running, listening on a free loopback port, with
 *     the built-in Cashfree simulator on another. PUBLIC_URL is the stack's own URL, so DigiLocker
 *     and e-mailed links come back to it. `env` overrides any setting.
 *     stack.url           http://127.0.0.1:<port>
 *     stack.simulatorUrl  the simulator (GET /simulator/personas lists who one can be)
 *     stack.app, stack.config
 *     stack.outbox(to)    the development outbox's messages to an email address or mobile, newest first
 *     stack.close()       stops the server and deletes its data
 *     Every /v1/ response is scanned by test/helpers/response-guard.ts; a leak fails the test.
 *     E2E_LOG_LEVEL=info shows the server's log (one readable line per request).
 *
 *   const browser = await launchBrowser({ persona: 'sandbox_pan_holder' });
 *     Headless Chromium whose camera shows that simulator persona's selfie (default: the persona that
 *     is approved with no human; fake-camera.ts). Camera permission is granted without a prompt.
 *     browser.newPage('mobile' | 'desktop', contextOptions?)  a page in a fresh context (own cookies)
 *       at 360 px (a phone: touch, mobile viewport) or 1280 px wide; contextOptions adds e.g. `locale`.
 *     browser.camera   the fake camera file; browser.browser, playwright's Browser; browser.close()
 *     setViewport(page, 'mobile' | 'desktop') resizes an open page; VIEWPORTS has both sizes.
 *     The frames are 480×640 (portrait). The simulator's face match compares the whole picture, so a
 *     selfie step passes when it uploads the whole frame as the camera gives it: not cropped, not
 *     mirrored (mirror the preview with CSS only), and without asking getUserMedia for 640×480, which
 *     Chromium meets by cropping (`{ facingMode: 'user' }`, optionally `aspectRatio: 3 / 4`, is right).
 *
 *   await checkAccessibility(page, 'signup at 360 px, hi');
 *     Runs axe-core on the page as it is; throws, listing each, on serious or critical violations.
 *     Returns every violation (moderate and minor too).
 *
 *   await screenshot(page, 'signup-360-hi');
 *     A full-page PNG in test/e2e/artifacts/ (gitignored), kept as the run's artefact; returns its path.
 *   screenshotOnFailure(page, 'journey');   inside a test: a FAILED-journey.png if that test fails
 *   const errors = collectPageErrors(page); uncaught exceptions and console errors, to expect empty
 *
 *   const reviewer = await createStaff(stack, 'reviewer');
 *     A staff account (reviewer or admin) as `npm run user:create` makes it: { userId, email, name,
 *     password, role }. Its first sign-in enrols the second factor (console.ts signs staff in).
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

export const VIEWPORTS = {
  mobile: { width: 360, height: 780 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface OutboxMessage {
  channel: 'email' | 'sms';
  template: string;
  to: string;
  subject: string | null;
  text: string;
  createdAt: string;
}

export interface Stack {
  url: string;
  simulatorUrl: string;
  app: FastifyInstance;
  config: Config;
  outbox(to: string): Promise<OutboxMessage[]>;
  close(): Promise<void>;
}

export async function startStack(options: { env?: Record<string, string> } = {}): Promise<Stack> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-e2e-'));
  const config = testConfig({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    SIMULATOR_PORT: '0',
    JOBS_ENABLED: 'true',
    LOG_LEVEL: process.env['E2E_LOG_LEVEL'] ?? 'silent',
    ...options.env,
  });
  const app = await buildApp({ config });
  const secrets = [config.sessionSecret, config.kycSecret];
  // The API's answers only: the onboarding app's bundles legitimately hold field names and example values.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.url.startsWith('/v1/') && typeof payload === 'string')
      checkResponse(request.url, payload, secrets);
    return payload;
  });
  try {
    await app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const simulator = app.provider.simulator;
  if (!simulator)
    throw new Error('the stack runs without Cashfree credentials, so it must have its simulator');
  return {
    url,
    simulatorUrl: simulator.url,
    app,
    config,
    async outbox(to) {
      const response = await fetch(`${url}/v1/dev/outbox?limit=100&to=${encodeURIComponent(to)}`);
      if (!response.ok) throw new Error(`the outbox answered ${response.status}`);
      return ((await response.json()) as { data: OutboxMessage[] }).data;
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface E2EBrowser {
  browser: Browser;
  camera: FakeCamera;
  newPage(viewport?: ViewportName, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(options: { persona?: string } = {}): Promise<E2EBrowser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install -y chromium\``);
  const cameraDir = mkdtempSync(path.join(tmpdir(), 'pehchan-camera-'));
  const camera = await writeFakeCamera({ persona: options.persona ?? APPROVED_PERSONA, dir: cameraDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${camera.file}`,
    ],
  });
  return {
    browser,
    camera,
    async newPage(viewport = 'desktop', contextOptions = {}) {
      const mobile = viewport === 'mobile';
      const context = await browser.newContext({
        viewport: VIEWPORTS[viewport],
        ...(mobile ? { isMobile: true, hasTouch: true } : {}),
        ...contextOptions,
      });
      return context.newPage();
    },
    async close() {
      await browser.close();
      rmSync(cameraDir, { recursive: true, force: true });
    },
  };
}

/** Resizes an open page to one of the two widths every screen is checked at. */
/**
 * A test file's stack and browser: started before its tests, closed after them. Read them in the tests and
 * hooks (`e2e.stack`), which run after the start.
 */
export function stackAndBrowser(options: { env?: Record<string, string>; persona?: string } = {}): {
  readonly stack: Stack;
  readonly browser: E2EBrowser;
} {
  let stack: Stack | undefined;
  let browser: E2EBrowser | undefined;
  beforeAll(async () => {
    stack = await startStack({ env: options.env });
    browser = await launchBrowser({ persona: options.persona });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the stack and browser start in beforeAll, before the tests');
    return value;
  };
  return {
    get stack() {
      return started(stack);
    },
    get browser() {
      return started(browser);
    },
  };
}

export function setViewport(page: Page, viewport: ViewportName): Promise<void> {
  return page.setViewportSize(VIEWPORTS[viewport]);
}

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

let axeSource: string | undefined;

/**
 * axe-core on the page as it is now. Its script is evaluated through the DevTools protocol rather than
 * added as a <script> element, which the service's Content-Security-Policy (script-src 'self') would refuse.
 */
export async function checkAccessibility(page: Page, label: string): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document | { exclude: string[][] }): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    // react-aria's live announcer briefly holds a role=img node labelled by an element that may be gone
    // by the time axe looks: a screen-reader-only echo of text the page itself shows, not page content.
    return (await axe.run({ exclude: [['[data-live-announcer]']] })).violations;
  });
  const typed = violations as AxeViolation[];
  const blocking = typed.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (blocking.length > 0) {
    const list = blocking
      .map(
        (violation) =>
          `- ${violation.id} (${violation.impact}): ${violation.help}\n` +
          violation.nodes.map((node) => `    at ${node.target.join(' ')}`).join('\n') +
          `\n    see ${violation.helpUrl}`,
      )
      .join('\n');
    throw new Error(`${label}: ${blocking.length} serious or critical accessibility violation(s):\n${list}`);
  }
  return typed;
}

/** A full-page PNG in test/e2e/artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Inside a test: if it fails, the page as it was then, in test/e2e/artifacts/FAILED-<name>.png. */
export function screenshotOnFailure(page: Page, name: string): void {
  onTestFailed(async () => {
    await screenshot(page, `FAILED-${name}`).catch(() => undefined);
  });
}

/** The page's uncaught exceptions and console errors from now on, as they happen. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

/** What a screen reader gets for a field: aria-invalid, and the texts aria-describedby points to. */
export async function fieldState(input: Locator): Promise<{ invalid: boolean; describedBy: string[] }> {
  return input.evaluate((element) => ({
    invalid: element.getAttribute('aria-invalid') === 'true',
    describedBy: (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? `#${id} missing`),
  }));
}

/** Counts the page's POST requests to one API path, from now on. */
export function countRequests(page: Page, pathname: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === pathname) count += 1;
  });
  return () => count;
}

export interface StaffMember {
  userId: string;
  email: string;
  name: string;
  password: string;
  role: 'reviewer' | 'admin';
}

let staffCounter = 0;

/**
 * A staff account in the stack's database, made as `npm run user:create` makes one (no second factor
 * yet: its first sign-in enrols it).
 */
export async function createStaff(
  stack: Stack,
  role: 'reviewer' | 'admin',
  name = role === 'admin' ? 'Meera Admin' : 'Ravi Reviewer',
): Promise<StaffMember> {
  staffCounter += 1;
  const email = `staff-${Date.now()}-${staffCounter}@example.com`;
  const password = `amber-kettle-${staffCounter}-harbour-57`;
  const keyRing = new KeyRing({ current: stack.config.kycSecret, previous: stack.config.kycSecretPrevious });
  const created = await createAuthRepository(stack.app.database.db).insertUser(
    sealNewUser(keyRing, {
      email,
      name,
      mobileNo: `98${String(Date.now()).slice(-6)}${String(staffCounter).padStart(2, '0')}`,
      passwordHash: await hashPassword(password),
      role,
    }),
  );
  if (!created) throw new Error(`could not create ${email}`);
  return { userId: created.id, email, name, password, role };
}
