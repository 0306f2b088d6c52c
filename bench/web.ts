/**
 * The web apps' first screens in Chromium (issue 16): the JavaScript each one downloads, and how long it takes to
 * become usable. See bench/README.md ("Web pages") for the definitions; bench/report.ts for the budgets.
 *
 *   npx tsx bench/web.ts                 # builds, starts dist/server.js on a temporary PGlite, measures, stops
 *   npx tsx bench/web.ts --runs 3        # fewer cold loads per page and profile (default 5)
 *
 * `npm run bench` calls measureWebPages() on its own server.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContextOptions, CDPSession, Response } from 'playwright-core';
import { serverNodeFlags } from '../scripts/start-command.js';
import { fmt } from './format.js';
import { benchServerEnv, freePort, killAll, startNode, stop, waitReady } from './processes.js';
import type { Child } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Cold loads per page and profile; the median is reported. */
export const WEB_RUNS = 5;
/** The main thread must stay free of long tasks (≥ 50 ms) this long after the form is ready. */
const QUIET_MS = 500;
const PAGE_TIMEOUT_MS = 60_000;

/** What a new visitor lands on: a signed-out customer at /onboard/ and a signed-out reviewer at /console/. */
export const WEB_PAGES = [
  { key: 'onboard', name: 'onboarding first screen (sign-in)', path: '/onboard/' },
  { key: 'console', name: 'console first screen (sign-in)', path: '/console/' },
] as const;
export type WebPageKey = (typeof WEB_PAGES)[number]['key'];

interface Profile {
  key: 'desktop' | 'phone';
  label: string;
  context: BrowserContextOptions;
  throttle?: (cdp: CDPSession) => Promise<void>;
}

/** Lighthouse's mobile settings, applied by DevTools: 4× slower CPU, 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
const PHONE_NETWORK = {
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const PROFILES: Profile[] = [
  {
    key: 'desktop',
    label: 'desktop (1280×800, no throttling)',
    context: { viewport: { width: 1280, height: 800 } },
  },
  {
    key: 'phone',
    label: 'phone (360×800, 4× CPU slowdown, 1.6 Mbit/s, 150 ms RTT)',
    context: { viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    throttle: async (cdp) => {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PHONE_NETWORK });
    },
  },
];

/**
 * Runs in the page before its own scripts (through DevTools, so the pages' CSP does not apply): records long tasks,
 * and the moment the sign-in form is usable: an email field and a submit button in the document, laid out (non-zero
 * size), neither disabled (checked after every change to the document); the time is taken after the next frame, once
 * it is painted.
 */
const PROBE = `(() => {
  const state = { longTasks: [], ready: undefined };
  Object.defineProperty(window, '__pehchanWebBench', { value: state });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push([entry.startTime, entry.startTime + entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const usable = (element) => {
    if (!element || element.disabled || element.getAttribute('aria-disabled') === 'true') return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const observer = new MutationObserver(() => {
    if (!usable(document.querySelector('input[type="email"]'))) return;
    if (!usable(document.querySelector('button[type="submit"]'))) return;
    observer.disconnect();
    // The next frame's callback runs before its paint; a message posted from it arrives after.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { state.ready = performance.now(); };
      channel.port2.postMessage(undefined);
    });
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface ProbeState {
  now: number;
  ready: number | undefined;
  lastLongTaskEnd: number;
  longTasks: number;
  longTaskMs: number;
  fcp: number | undefined;
}
const READ_PROBE = `(() => {
  const state = window.__pehchanWebBench;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    now: performance.now(),
    ready: state.ready,
    lastLongTaskEnd: state.longTasks.reduce((last, task) => Math.max(last, task[1]), 0),
    longTasks: state.longTasks.length,
    longTaskMs: state.longTasks.reduce((sum, task) => sum + task[1] - task[0], 0),
    fcp: fcp ? fcp.startTime : undefined,
  };
})()`;

export interface WebScript {
  /** Path of the script on the server. */
  path: string;
  /** Body bytes as sent (after any Content-Encoding), response headers excluded. */
  wireBytes: number;
  /** Body bytes once decoded. */
  bytes: number;
  gzipBytes: number;
  brotliBytes: number;
  contentEncoding: string;
}

export interface WebTiming {
  /** Medians over the runs, in ms from navigation start. */
  ttiMs: number;
  fcpMs: number;
  ttiRunsMs: number[];
  fcpRunsMs: number[];
  /** Long tasks (≥ 50 ms) on the main thread until interactive, and their total time: medians over the runs. */
  longTasks: number;
  longTaskMs: number;
}

export interface WebPageFigures {
  key: WebPageKey;
  name: string;
  path: string;
  /** Every script the page requested until the network was idle. */
  scripts: WebScript[];
  js: { requests: number; wireBytes: number; bytes: number; gzipBytes: number; brotliBytes: number };
  desktop: WebTiming;
  phone: WebTiming;
}

export type WebResult =
  | {
      status: 'measured';
      chromium: string;
      runs: number;
      profiles: Record<Profile['key'], string>;
      pages: WebPageFigures[];
    }
  | { status: 'skipped' | 'failed'; reason: string };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;

function isScript(response: Response): boolean {
  return (
    response.request().resourceType() === 'script' ||
    (response.headers()['content-type'] ?? '').includes('javascript')
  );
}

interface Load {
  ttiMs: number;
  fcpMs: number;
  longTasks: number;
  longTaskMs: number;
  /** `body` only for the scripts not in `known`. */
  scripts: Array<{ path: string; wireBytes: number; contentEncoding: string; body: Buffer | undefined }>;
}

/** One cold load: a new context (empty cache, no cookies), the page opened, waited on until interactive and idle. */
async function load(browser: Browser, url: string, profile: Profile, known: Set<string>): Promise<Load> {
  const context = await browser.newContext({ ...profile.context, serviceWorkers: 'block' });
  try {
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    if (profile.throttle) await profile.throttle(await context.newCDPSession(page));
    const responses: Response[] = [];
    page.on('response', (response) => {
      if (isScript(response)) responses.push(response);
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    const deadline = performance.now() + PAGE_TIMEOUT_MS;
    let state: ProbeState;
    for (;;) {
      state = (await page.evaluate(READ_PROBE)) as ProbeState;
      if (
        state.ready !== undefined &&
        state.fcp !== undefined &&
        state.now - Math.max(state.ready, state.fcp, state.lastLongTaskEnd) >= QUIET_MS
      )
        break;
      if (errors.length > 0) throw new Error(`${url}: ${errors.join('; ')}`);
      if (performance.now() > deadline)
        throw new Error(`${url}: the sign-in form was not usable and quiet within ${PAGE_TIMEOUT_MS} ms`);
      await sleep(100);
    }
    // Scripts the page still fetches after its first screen (a lazily loaded chunk) count too.
    await page.waitForLoadState('networkidle', { timeout: PAGE_TIMEOUT_MS });
    // Bodies are read before the context closes, each script's once (the caller keeps its sizes).
    const scripts = await Promise.all(
      responses.map(async (script) => {
        const scriptPath = new URL(script.url()).pathname;
        return {
          path: scriptPath,
          wireBytes: (await script.request().sizes()).responseBodySize,
          contentEncoding: script.headers()['content-encoding'] ?? 'none',
          body: known.has(scriptPath) ? undefined : await script.body(),
        };
      }),
    );
    // Interactive: the form painted (never before the first contentful paint) and the main thread free since.
    const ttiMs = Math.max(state.ready!, state.fcp!, state.lastLongTaskEnd);
    return { ttiMs, fcpMs: state.fcp!, longTasks: state.longTasks, longTaskMs: state.longTaskMs, scripts };
  } finally {
    await context.close();
  }
}

/**
 * Opens each page cold `runs` times per profile (after one load of each not counted, which warms the server's file
 * reads and Chromium's own start), pages alternating within a round so that a machine slowing down hits both alike.
 */
export async function measureWebPages(base: string, runs = WEB_RUNS): Promise<WebResult> {
  if (!existsSync(CHROMIUM)) {
    const reason = `${CHROMIUM} is missing (apt-get install -y chromium): web pages not measured`;
    console.log(reason);
    return { status: 'skipped', reason };
  }
  console.log(
    `\nweb pages: Chromium, each page cold ${runs} times per profile (after one warm-up load), median; ` +
      `JavaScript counted over every script request until the network is idle`,
  );
  let browser: Browser | undefined;
  try {
    // Ctrl-C is the caller's to handle (bench/run.ts drops its database first); Playwright still kills Chromium on exit.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      handleSIGINT: false,
    });
    const timings = new Map<string, Load[]>();
    const scriptSets = new Map<WebPageKey, Map<string, WebScript>>();
    for (const page of WEB_PAGES) scriptSets.set(page.key, new Map());
    for (const profile of PROFILES) {
      for (let run = 0; run <= runs; run++) {
        for (const page of WEB_PAGES) {
          const seen = scriptSets.get(page.key)!;
          const result = await load(browser, `${base}${page.path}`, profile, new Set(seen.keys()));
          if (run === 0) continue;
          const key = `${page.key} ${profile.key}`;
          timings.set(key, [...(timings.get(key) ?? []), result]);
          // The same scripts on every load, unless one arrives late: the union is kept, each once.
          for (const script of result.scripts) {
            const known = seen.get(script.path);
            if (known) {
              known.wireBytes = Math.max(known.wireBytes, script.wireBytes);
              continue;
            }
            const body = script.body;
            if (!body) continue;
            seen.set(script.path, {
              path: script.path,
              wireBytes: script.wireBytes,
              bytes: body.length,
              gzipBytes: gzipSync(body).length,
              brotliBytes: brotliCompressSync(body).length,
              contentEncoding: script.contentEncoding,
            });
          }
        }
      }
    }
    const timing = (key: string): WebTiming => {
      const loads = timings.get(key)!;
      return {
        ttiMs: median(loads.map((entry) => entry.ttiMs)),
        fcpMs: median(loads.map((entry) => entry.fcpMs)),
        ttiRunsMs: loads.map((entry) => Math.round(entry.ttiMs)),
        fcpRunsMs: loads.map((entry) => Math.round(entry.fcpMs)),
        longTasks: median(loads.map((entry) => entry.longTasks)),
        longTaskMs: median(loads.map((entry) => entry.longTaskMs)),
      };
    };
    const pages = WEB_PAGES.map((page): WebPageFigures => {
      const scripts = [...scriptSets.get(page.key)!.values()];
      const sum = (field: 'wireBytes' | 'bytes' | 'gzipBytes' | 'brotliBytes') =>
        scripts.reduce((total, script) => total + script[field], 0);
      return {
        ...page,
        scripts,
        js: {
          requests: scripts.length,
          wireBytes: sum('wireBytes'),
          bytes: sum('bytes'),
          gzipBytes: sum('gzipBytes'),
          brotliBytes: sum('brotliBytes'),
        },
        desktop: timing(`${page.key} desktop`),
        phone: timing(`${page.key} phone`),
      };
    });
    const result: WebResult = {
      status: 'measured',
      chromium: browser.version(),
      runs,
      profiles: { desktop: PROFILES[0]!.label, phone: PROFILES[1]!.label },
      pages,
    };
    for (const page of pages) {
      console.log(
        `${page.name}: ${page.js.requests} script${page.js.requests === 1 ? '' : 's'}, ${kb(page.js.wireBytes)} as sent (${kb(page.js.gzipBytes)} gzipped); ` +
          `interactive after ${fmt(page.desktop.ttiMs)} ms desktop, ${fmt(page.phone.ttiMs)} ms phone`,
      );
    }
    return result;
  } catch (error) {
    const reason = `web pages: ${error instanceof Error ? error.message : String(error)}`;
    console.error(reason);
    return { status: 'failed', reason };
  } finally {
    await browser?.close();
  }
}

/** The figures as a Markdown table, one row per page and profile. */
export function webTable(result: WebResult): string {
  if (result.status !== 'measured') return `web pages not measured: ${result.reason}`;
  const rows = result.pages.flatMap((page) =>
    (['desktop', 'phone'] as const).map(
      (profile) =>
        `| ${page.name} (\`${page.path}\`) | ${profile} | ${page.js.requests} | ${kb(page.js.wireBytes)} | ` +
        `${kb(page.js.bytes)} | ${kb(page.js.gzipBytes)} | ${kb(page.js.brotliBytes)} | ` +
        `${fmt(page[profile].fcpMs)} ms | ${fmt(page[profile].ttiMs)} ms | ${page[profile].ttiRunsMs.join(', ')} | ` +
        `${page[profile].longTasks}, ${fmt(page[profile].longTaskMs)} ms |`,
    ),
  );
  return [
    `Chromium ${result.chromium}, ${result.runs} cold loads each, medians; desktop: ${result.profiles.desktop}; ` +
      `phone: ${result.profiles.phone}`,
    '',
    '| page | profile | scripts | JS as sent | JS decoded | gzip | brotli | first contentful paint | time to interactive | TTI runs (ms) | long tasks until TTI |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    ...rows,
  ].join('\n');
}

/** `npx tsx bench/web.ts`: the built server on a temporary PGlite, as `npm start` runs it, measured, then stopped. */
async function main() {
  const { values: args } = parseArgs({ options: { runs: { type: 'string', default: String(WEB_RUNS) } } });
  const runs = Number(args.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-web-bench-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  let server: Child | undefined;
  let interrupted = false;
  // `on`, not `once`: tsx relays the terminal's Ctrl-C as a second SIGINT, which would end the process at once if
  // nothing listened any more, before the server is stopped and the data removed.
  process.on('SIGINT', () => {
    if (interrupted) return;
    interrupted = true;
    console.error('\ninterrupted: stopping the server');
    killAll();
    // The data directory goes once the server is gone: it may still be writing into it.
    const exited =
      server && server.process.exitCode === null && server.process.signalCode === null
        ? new Promise((resolve) => server!.process.once('exit', resolve))
        : Promise.resolve();
    void exited.finally(() => {
      removeDataDir();
      process.exit(130);
    });
  });
  try {
    execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = startNode('pehchan', 'dist/server.js', benchServerEnv(port, dataDir), ROOT, serverNodeFlags());
    try {
      await waitReady(server, `${base}/health/ready`, performance.now());
      const result = await measureWebPages(base, runs);
      console.log(`\n${webTable(result)}`);
      if (result.status !== 'measured') process.exitCode = 1;
    } finally {
      await stop(server);
    }
  } finally {
    removeDataDir();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error('web bench failed:', error);
    process.exitCode = 1;
  });
}
