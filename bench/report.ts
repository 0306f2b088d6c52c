/*
 * The targets and the tables a run prints. Only ratios measured in the same run, errors and the soak's RSS
 * growth pass or miss (and, on PGlite, the idle RSS): they hold on a slow machine as on a fast one. Absolute
 * figures (latencies, throughput, the time to ready) are printed as information, beside the machine's argon2id
 * capacity, so that a reader can tell a slow machine from a slow change.
 */
import { fmt } from './format.js';
import type { Scenario } from './scenario.js';
import type { Soak } from './soak.js';
import { kb, WEB_PAGES } from './web.js';
import type { WebPageKey, WebResult } from './web.js';

export interface Goal {
  name: string;
  value: string;
  target: string;
  pass: boolean | undefined;
}

export interface Information {
  name: string;
  value: string;
  /** Absolute figures depend on the machine: they are printed with its argon2id capacity. */
  absolute: boolean;
}

/** Pehchan's scenario and its baseline's, measured in alternating rounds. */
export interface Comparison {
  pehchan: Scenario;
  baseline: Scenario | undefined;
}

export interface RunFigures {
  db: 'postgres' | 'pglite';
  getDetails: Comparison;
  updateData: Comparison;
  login: Scenario;
  scenarios: Scenario[];
  argon2HashesPerSecond: number;
  /** CPU per hash while the capacity was measured (all the measuring process's threads). */
  argon2CpuMsPerHash: number;
  /** The service's hash threads (PASSWORD_HASH_THREADS), which the capacity was measured on. */
  argon2Threads: number;
  /** Every core hashing, measured only where the service keeps cores back from hashing. */
  argon2AllCores: { hashesPerSecond: number; parallel: number } | undefined;
  soak: Soak | undefined;
  readyMs: number;
  /** Idle RSS of the server once ready, and after the sign-ups through the API. */
  idleRss: { afterStartMb: number; afterSignUpsMb: number; signUps: number };
  peakRssMb: number;
  /** The web apps' first screens in Chromium (bench/web.ts); undefined when not measured at all. */
  web?: WebResult;
}

const IDLE_RSS_LIMIT_MB = 300;

/**
 * First-screen JavaScript budgets in KB (1,024 bytes), a little above the sizes of 2026-12-03 (onboarding 109.5 KB as
 * sent, brotli, 128.5 KB gzipped; console 96.6 KB, 112.7 KB): room for a few screens' worth of strings and code, not
 * for another library on the first screen. "As sent" is what a phone downloads; gzipped is the code's weight
 * whatever a proxy in front does. bench/README.md explains both.
 */
export const WEB_BUDGETS_KB: Record<WebPageKey, { sent: number; gzip: number }> = {
  onboard: { sent: 120, gzip: 140 },
  console: { sent: 106, gzip: 125 },
};

function webGoals(web: WebResult | undefined): Goal[] {
  if (!web) return [];
  return WEB_PAGES.flatMap(({ key, name }): Goal[] => {
    const budget = WEB_BUDGETS_KB[key];
    const page = web.status === 'measured' ? web.pages.find((entry) => entry.key === key) : undefined;
    if (!page) {
      const value = web.status === 'skipped' ? 'n/a (no Chromium)' : 'failed';
      const pass = web.status === 'skipped' ? undefined : false;
      return [
        { name: `${name}: JavaScript as sent`, value, target: `≤ ${budget.sent} KB`, pass },
        { name: `${name}: JavaScript gzipped`, value, target: `≤ ${budget.gzip} KB`, pass },
      ];
    }
    return [
      {
        name: `${name}: JavaScript as sent (${page.js.requests} script${page.js.requests === 1 ? '' : 's'})`,
        value: kb(page.js.wireBytes),
        target: `≤ ${budget.sent} KB`,
        pass: page.js.wireBytes <= budget.sent * 1024,
      },
      {
        name: `${name}: JavaScript gzipped`,
        value: kb(page.js.gzipBytes),
        target: `≤ ${budget.gzip} KB`,
        pass: page.js.gzipBytes <= budget.gzip * 1024,
      },
    ];
  });
}

function webInformation(web: WebResult | undefined): Information[] {
  if (web?.status !== 'measured') return [];
  return web.pages.flatMap((page) => [
    {
      name: `${page.name}: time to interactive, desktop; phone (median of ${web.runs} cold loads)`,
      value: `${fmt(page.desktop.ttiMs)}; ${fmt(page.phone.ttiMs)} ms`,
      absolute: true,
    },
    {
      name: `${page.name}: first contentful paint, desktop; phone`,
      value: `${fmt(page.desktop.fcpMs)}; ${fmt(page.phone.fcpMs)} ms`,
      absolute: true,
    },
  ]);
}

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : NaN);

function cpuGoal(name: string, { pehchan, baseline }: Comparison, limit: number): Goal {
  if (!baseline)
    return {
      name: `${name} server CPU / baseline's`,
      value: 'n/a (PGlite)',
      target: `≤ ${limit}`,
      pass: undefined,
    };
  const value = ratio(pehchan.cpuMsPerRequest, baseline.cpuMsPerRequest);
  return {
    name: `${name} server CPU per request / baseline's (${fmt(pehchan.cpuMsPerRequest, 2)} / ${fmt(baseline.cpuMsPerRequest, 2)} ms)`,
    value: fmt(value, 2),
    target: `≤ ${limit}`,
    pass: value <= limit,
  };
}

export function goals(run: RunFigures): Goal[] {
  const loginRatio = ratio(run.login.rps, run.argon2HashesPerSecond);
  const errors = run.scenarios.reduce((sum, scenario) => sum + scenario.errors, 0);
  const { afterStartMb, afterSignUpsMb, signUps } = run.idleRss;
  const idleMb = Math.max(afterStartMb, afterSignUpsMb);
  return [
    cpuGoal('getDetails', run.getDetails, 1.25),
    cpuGoal('update_data', run.updateData, 1.5),
    {
      name: `login / argon2id capacity on the service's ${run.argon2Threads} hash thread${run.argon2Threads === 1 ? '' : 's'} (${fmt(run.login.rps, 1)} / ${fmt(run.argon2HashesPerSecond, 1)} hashes/s)`,
      value: fmt(loginRatio, 2),
      target: '≥ 0.9',
      pass: loginRatio >= 0.9,
    },
    { name: 'errors (all scenarios)', value: String(errors), target: '0', pass: errors === 0 },
    ...(run.soak
      ? [
          {
            name: `soak: ${run.soak.seconds} s of mixed traffic, ${fmt(run.soak.requests)} requests`,
            value: `${run.soak.status5xx} × 5xx`,
            target: '0',
            pass: run.soak.status5xx === 0,
          },
          {
            name: `soak RSS growth after warm-up (${fmt(run.soak.rssAfterWarmupMb)} → ${fmt(run.soak.rssEndMb)} MB)`,
            value: `${fmt(run.soak.rssGrowthPercent, 1)} %`,
            target: '< 10 %',
            pass: run.soak.rssGrowthPercent < 10,
          },
        ]
      : []),
    ...(run.db === 'pglite'
      ? [
          {
            name: `idle RSS on PGlite after start, after ${signUps} sign-ups`,
            value: `${fmt(afterStartMb)}, ${fmt(afterSignUpsMb)} MB`,
            target: `< ${IDLE_RSS_LIMIT_MB} MB`,
            pass: idleMb < IDLE_RSS_LIMIT_MB,
          },
        ]
      : []),
    ...webGoals(run.web),
  ];
}

export function information(run: RunFigures): Information[] {
  const throughput = ({ pehchan, baseline }: Comparison, name: string): Information[] =>
    baseline
      ? [
          {
            name: `${name} req/s / baseline's`,
            value: fmt(ratio(pehchan.rps, baseline.rps), 2),
            absolute: false,
          },
        ]
      : [];
  const { afterStartMb, afterSignUpsMb, signUps } = run.idleRss;
  return [
    ...throughput(run.getDetails, 'getDetails'),
    ...throughput(run.updateData, 'update_data'),
    {
      name: `getDetails throughput${run.db === 'pglite' ? ' on PGlite' : ''}`,
      value: `${fmt(run.getDetails.pehchan.rps, 1)} req/s`,
      absolute: true,
    },
    {
      // Where login's shortfall is: in the server, or in what shares its cores (PostgreSQL, the load generator).
      name: `login: server CPU per login / argon2id CPU per hash (${fmt(run.login.cpuMsPerRequest, 2)} / ${fmt(run.argon2CpuMsPerHash, 2)} ms)`,
      value: fmt(ratio(run.login.cpuMsPerRequest, run.argon2CpuMsPerHash), 2),
      absolute: false,
    },
    ...(run.argon2AllCores
      ? [
          {
            // What PASSWORD_HASH_THREADS' core kept back costs logins at their peak.
            name: `login / argon2id capacity of all ${run.argon2AllCores.parallel} cores hashing (${fmt(run.login.rps, 1)} / ${fmt(run.argon2AllCores.hashesPerSecond, 1)} hashes/s)`,
            value: fmt(ratio(run.login.rps, run.argon2AllCores.hashesPerSecond), 2),
            absolute: false,
          },
        ]
      : []),
    { name: 'update_data p99', value: `${fmt(run.updateData.pehchan.p99Ms, 1)} ms`, absolute: true },
    {
      name: `ready after start${run.db === 'postgres' ? ' (fresh database, migrations included)' : ''}`,
      value: `${fmt(run.readyMs)} ms`,
      absolute: true,
    },
    {
      name: `peak RSS of the server${run.soak ? ' (soak included)' : ''}`,
      value: `${fmt(run.peakRssMb)} MB`,
      absolute: true,
    },
    ...(run.db === 'postgres'
      ? [
          {
            name: `idle RSS after start, after ${signUps} sign-ups`,
            value: `${fmt(afterStartMb)}, ${fmt(afterSignUpsMb)} MB`,
            absolute: true,
          },
        ]
      : []),
    ...webInformation(run.web),
  ];
}

export function scenarioTable(scenarios: Scenario[]): string {
  return [
    '| scenario | connections | req/s | p50 | p99 | errors | server CPU per request | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...scenarios.map(
      (s) =>
        `| ${s.name} | ${s.connections} | ${fmt(s.rps, 1)} | ${fmt(s.p50Ms, 1)} ms | ${fmt(s.p99Ms, 1)} ms | ${s.errors} | ` +
        `${fmt(s.cpuMsPerRequest, 2)} ms | ${fmt(s.peakRssMb)} MB |`,
    ),
  ].join('\n');
}

export function goalTable(list: Goal[]): string {
  return [
    '| target | value | wanted | |',
    '|---|---:|---|---|',
    ...list.map(
      (t) =>
        `| ${t.name} | ${t.value} | ${t.target} | ${t.pass === undefined ? 'n/a' : t.pass ? 'PASS' : 'MISS'} |`,
    ),
  ].join('\n');
}

export function informationTable(list: Information[], argon2HashesPerSecond: number): string {
  const machine = `argon2id ${fmt(argon2HashesPerSecond, 1)} hashes/s`;
  return [
    '| information (no target) | value | this machine |',
    '|---|---:|---|',
    ...list.map((row) => `| ${row.name} | ${row.value} | ${row.absolute ? machine : ''} |`),
  ].join('\n');
}
