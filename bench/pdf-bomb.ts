/**
 * `npx tsx bench/pdf-bomb.ts`: what hostile PDFs cost the built server (issue 10). Builds Pehchan, starts it as
 * `npm start` does on an embedded database, registers a customer, then uploads each attack as the client master copy
 * while probing `GET /health/live` every 20 ms and sampling the server's RSS every 20 ms. Prints per attack: the
 * answer, its time, the server's RSS before, at peak and 3 s after, and the median and slowest /health/live meanwhile.
 * The issue's target: RSS back within 100 MB of where it started, /health/live under 100 ms throughout.
 *
 *   npx tsx bench/pdf-bomb.ts                 # default attacks: a 1 GB and a 3 GB object-stream bomb, floods
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PDFDocument } from 'pdf-lib';
import { serverNodeFlags } from '../scripts/start-command.js';
import {
  objectFlood,
  objectStreamBomb,
  objectStreamFlood,
  xrefStreamBomb,
} from '../test/modules/documents/hostile-pdfs.js';
import { call, destroyAgent, expectStatus } from './http.js';
import { benchServerEnv, freePort, killAll, rssMb, startNode, stop, waitReady } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'node_modules', '.cache', `pehchan-pdf-bomb-${process.pid}`);
const GB = 1024 ** 3;
const SAMPLE_MS = 20;
const SETTLE_MS = 3000;

/** Baselines first: /health/live with no upload, and during an honest one-page PDF's upload. */
const ATTACKS: Array<[string, (() => Promise<Buffer> | Buffer) | undefined]> = [
  ['a clean one-page PDF', cleanPdf],
  ['no upload (2 s of probes)', undefined],
  ['object stream inflating to 1 GB', () => objectStreamBomb(GB)],
  ['object stream inflating to 3 GB', () => objectStreamBomb(3 * GB)],
  ['cross-reference stream, 1 GB and /Size 2e9', () => xrefStreamBomb(GB)],
  ['120,000 tiny objects', () => objectFlood(120_000)],
  ['100,000 objects in one object stream', () => objectStreamFlood(100_000)],
];

async function cleanPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Client master list', { x: 50, y: 700 });
  return Buffer.from(await doc.save());
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function seedProfile(clientMasterCopy: string) {
  return {
    dematDetails: [
      { depository: 'NSDL', dpID: 'IN301234', clientID: '65432109', primary: true, clientMasterCopy },
    ],
  };
}

/** Probes /health/live one request at a time until stopped; the median and slowest answers in ms. */
function probeLiveness(base: string) {
  let running = true;
  const latencies: number[] = [];
  const done = (async () => {
    while (running) {
      const started = performance.now();
      await call(base, 'GET', '/health/live');
      latencies.push(performance.now() - started);
      await sleep(SAMPLE_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      latencies.sort((a, b) => a - b);
      return {
        median: latencies[Math.floor(latencies.length / 2)] ?? 0,
        slowest: latencies.at(-1) ?? 0,
        probes: latencies.length,
      };
    },
  };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-pdf-bomb-'));
  execFileSync(process.execPath, ['scripts/build.mjs', OUT], { cwd: ROOT, stdio: 'inherit' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startNode(
    'pehchan',
    path.join(OUT, 'server.js'),
    benchServerEnv(port, dataDir, { SIMULATOR_RATE_LIMIT_PER_MINUTE: '0' }),
    ROOT,
    serverNodeFlags(),
  );
  try {
    await waitReady(server, `${base}/health/ready`, performance.now());
    const email = `bomb-${randomBytes(4).toString('hex')}@example.com`;
    const password = `Bench-${randomBytes(9).toString('base64url')}`;
    await expectStatus(201, base, 'POST', '/v1/auth/register', {
      json: { name: 'Bench User', email, password, confirmedPassword: password, mobileNo: '9876543210' },
    });
    const login = await expectStatus(200, base, 'POST', '/v1/auth/login', { json: { email, password } });
    const { token } = JSON.parse(login.body) as { token: string };
    // PGlite's start-up memory is given back over the first seconds.
    await sleep(3 * SETTLE_MS);

    console.log(
      `\n# hostile PDFs against the built server (Node ${process.version}, ${serverNodeFlags().join(' ')})`,
    );
    console.log(
      `load average: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')} on ${availableParallelism()} cores`,
    );
    console.log(
      '| attack | file | answer | time | RSS before | RSS peak | RSS 3 s after | /health/live median, slowest |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [name, build] of ATTACKS) {
      const pdf = build ? await build() : undefined;
      const before = rssMb(server.pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), SAMPLE_MS);
      const probe = probeLiveness(base);
      const started = performance.now();
      const reply = pdf
        ? await call(base, 'PUT', '/v1/data/update_data', {
            token,
            json: seedProfile(pdf.toString('base64')),
          })
        : await sleep(2000).then(() => ({ status: 0, body: '{}' }));
      const took = performance.now() - started;
      const live = await probe.stop();
      clearInterval(sampler);
      await sleep(SETTLE_MS);
      const after = rssMb(server.pid);
      const code = (JSON.parse(reply.body) as { errors?: Array<{ code: string }> }).errors?.[0]?.code ?? '';
      console.log(
        `| ${name} | ${pdf ? `${fmt(pdf.length / 1024)} KB` : ''} | ${reply.status || ''} ${code} | ${fmt(took)} ms | ${fmt(before)} MB | ${fmt(peak)} MB | ${fmt(after)} MB (${after - before >= 0 ? '+' : ''}${fmt(after - before)}) | ${fmt(live.median, 1)} ms, ${fmt(live.slowest, 1)} ms (${live.probes} probes) |`,
      );
    }
    await eventLoopDelayInProcess();
  } finally {
    destroyAgent();
    await stop(server);
    rmSync(OUT, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The same documents through sanitizeDocument in this process (the source, under tsx), with Node's own event-loop
 * delay histogram: what the PDF check alone costs the event loop, apart from the HTTP body, the database and the
 * machine's load. Each document runs twice; the second run finds a warm worker where the first left one.
 */
async function eventLoopDelayInProcess() {
  const { sanitizeDocument } = await import('../src/modules/documents/sanitize.js');
  console.log('\n# sanitizeDocument in process: event-loop delay (monitorEventLoopDelay, 5 ms resolution)');
  console.log('| document | answer | time (1st, 2nd) | event-loop delay max (1st, 2nd) |');
  console.log('|---|---|---|---|');
  for (const [name, build] of ATTACKS) {
    if (!build) continue;
    const pdf = await build();
    const runs: Array<{ answer: string; ms: number; delayMs: number }> = [];
    for (let run = 0; run < 2; run++) {
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const started = performance.now();
      let answer = 'accepted';
      try {
        await sanitizeDocument(pdf, { allowed: ['pdf'], maxPixels: 1, field: '/clientMasterCopy' });
      } catch (error) {
        answer = (error as { errors?: Array<{ code: string }> }).errors?.[0]?.code ?? String(error);
      }
      delay.disable();
      runs.push({ answer, ms: performance.now() - started, delayMs: delay.max / 1e6 });
    }
    console.log(
      `| ${name} | ${runs[0]!.answer} | ${runs.map((run) => `${fmt(run.ms)} ms`).join(', ')} | ${runs.map((run) => `${fmt(run.delayMs)} ms`).join(', ')} |`,
    );
  }
}

process.once('SIGINT', () => {
  killAll();
  process.exit(130);
});
await main();
