/**
 * `npm run bench`: Pehchan under load (issues 6 and 16). See bench/README.md for what it measures and how;
 * bench/report.ts for the targets.
 *
 *   npm run bench                          # PostgreSQL: DATABASE_URL, or a fresh database on 127.0.0.1:5432
 *   npm run bench -- --db pglite           # embedded PGlite in a temporary DATA_DIR
 *   npm run bench -- --soak-seconds 30     # shorter soak (0: none); --duration, --warmup, --users too
 *   npm run bench -- --cpu-prof            # the server writes a .cpuprofile into bench/profiles; top functions printed
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import type { DatabaseHandle } from '../src/db/client.js';
import { serverNodeFlags } from '../scripts/start-command.js';
import { passingSelfie } from '../src/providers/cashfree-simulator/test-images.js';
import { passwordHashThreads } from '../src/config.js';
import { Argon2Pool } from '../src/modules/auth/argon2-pool.js';
import { ARGON2_OPTIONS, hashPassword } from '../src/modules/auth/passwords.js';
import { Argon2Capacity } from './argon2.js';
import { checkBaselineAnswers } from './baseline-check.js';
import { destroyAgent, expectStatus, pool } from './http.js';
import { fmt } from './format.js';
import { roundRobin, stopAllLoad } from './load.js';
import {
  benchServerEnv,
  freePort,
  hwmMb,
  idleRssMb,
  killAll,
  rssMb,
  RssSampler,
  startNode,
  stop,
  waitReady,
} from './processes.js';
import { monotonicMicros, summarise } from './profile.js';
import type { CpuProfile } from './profile.js';
import { goals, goalTable, information, informationTable, scenarioTable } from './report.js';
import type { Comparison, RunFigures } from './report.js';
import { alternate, ScenarioRecorder } from './scenario.js';
import type { Scenario, Target } from './scenario.js';
import { API_USERS, fillProfiles, insertAccounts, registerThroughApi, signUp } from './seed.js';
import type { SeedUser } from './seed.js';
import { runSoak } from './soak.js';
import { measureWebPages } from './web.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const POOL_MAX = '10';
/** Users whose getDetails output the update_data scenario sends back, and users who send selfies. */
const UPDATE_USERS = 2000;
const SELFIE_USERS = 256;
/** Accounts created through POST /v1/auth/register between the two idle RSS readings. */
const SIGN_UPS = 100;
/** Rounds of the alternating comparisons (getDetails and update_data against their baselines, login against argon2). */
const ROUNDS = 4;
/** ~200 KB of JPEG noise (the simulator passes high-contrast pictures). */
const SELFIE_SIZE = { width: 420, height: 560 };

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    users: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    'soak-seconds': { type: 'string', default: '180' },
    'cpu-prof': { type: 'boolean', default: false },
    /** Instead of npm start's Node flags, to compare settings: --node-flags="--max-old-space-size=256". */
    'node-flags': { type: 'string' },
  },
});
if (args.db !== 'postgres' && args.db !== 'pglite') throw new Error('--db must be postgres or pglite');
const usersWanted = Number(args.users);
const seconds = Number(args.duration);
const warmupSeconds = Number(args.warmup);
const soakSeconds = Number(args['soak-seconds']);

const cleanups: Array<() => Promise<void>> = [];
async function cleanUp() {
  stopAllLoad();
  destroyAgent();
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup().catch((error: unknown) => console.error('cleanup:', error));
}
let interrupted = false;
// `on`, not `once`: tsx relays the terminal's Ctrl-C as a second SIGINT, which would end the process at once if
// nothing listened any more, before the servers are stopped and the database dropped.
process.on('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  console.error('\ninterrupted: stopping the servers and dropping the benchmark database');
  killAll();
  void cleanUp().finally(() => process.exit(130));
});

const elapsed = (since: number) => `${fmt((performance.now() - since) / 1000, 1)} s`;

/** A fresh database on the local server, dropped afterwards; or DATABASE_URL as given (kept). */
async function postgresDatabase(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const name = `pehchan_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(`drop database if exists ${name} with (force)`);
    } finally {
      await client.end();
    }
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function openDb(url: string | undefined, dataDir: string): Promise<DatabaseHandle> {
  return openDatabase({ url, dataDir, connectTimeoutMs: 3000, statementTimeoutMs: 30_000, poolMax: 4 });
}

/** bench/baseline.ts in its own process, as a target for load; `stop` ends it. */
async function startBaseline(databaseUrl: string, sessionSecret: string, kycSecret: string) {
  const port = await freePort();
  const child = startNode(
    'baseline',
    'bench/baseline.ts',
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DB_POOL_MAX: POOL_MAX,
      SESSION_SECRET: sessionSecret,
      KYC_SECRET: kycSecret,
    },
    ROOT,
  );
  cleanups.push(() => stop(child));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(child, `${url}/health/ready`, performance.now());
  const rss = new RssSampler(child.pid);
  const target: Target = { url, pid: child.pid, rss };
  return {
    ...target,
    stop: async () => {
      rss.close();
      await stop(child);
    },
  };
}

async function main() {
  const runStarted = performance.now();
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  };
  console.log(`# Pehchan benchmark (${args.db}), ${machine.cores} × ${machine.cpu}, Node ${machine.node}`);
  console.log(
    `load average at start: ${machine.loadAverageAtStart.join(' ')} (other work on the machine makes numbers noisy)\n`,
  );

  const dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-bench-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const databaseUrl = args.db === 'postgres' ? await postgresDatabase() : undefined;
  const sessionSecret = randomBytes(48).toString('base64url');
  const kycSecret = randomBytes(48).toString('base64url');
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  const count = Math.max(usersWanted - API_USERS, 1);

  // PGlite has one owner at a time: the bench migrates and inserts accounts before the server opens it.
  let users: SeedUser[] = [];
  let insertMs = 0;
  if (args.db === 'pglite') {
    const started = performance.now();
    const handle = await openDb(undefined, dataDir);
    try {
      await handle.migrate();
      users = await insertAccounts(handle.sql, count, password, sessionSecret, kycSecret);
    } finally {
      await handle.close();
    }
    insertMs = performance.now() - started;
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const profileDir = path.join(ROOT, 'bench', 'profiles');
  if (args['cpu-prof']) mkdirSync(profileDir, { recursive: true });
  const serverEnv = benchServerEnv(port, dataDir, {
    // The built-in Cashfree simulator's own limit (about 100 calls a minute) would cap the load.
    SIMULATOR_RATE_LIMIT_PER_MINUTE: '0',
    SESSION_SECRET: sessionSecret,
    KYC_SECRET: kycSecret,
    JOBS_ENABLED: 'true',
    // The configured maximum; requests are also spread over SELFIE_USERS users.
    LIVELINESS_DAILY_LIMIT: '10000',
    DB_POOL_MAX: POOL_MAX,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  // The server runs bundled and with npm start's Node flags, as `npm start` runs it; the build is not part of the ready time.
  execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  const nodeFlags =
    args['node-flags'] === undefined ? serverNodeFlags() : args['node-flags'].split(' ').filter(Boolean);
  console.log(
    `server: node ${[...nodeFlags, 'dist/server.js'].join(' ')}${args['node-flags'] === undefined ? ' (npm start)' : ' (--node-flags)'}`,
  );
  const spawnedAt = performance.now();
  // --cpu-prof is refused in NODE_OPTIONS, so it goes on the command line.
  const server = startNode('pehchan', 'dist/server.js', serverEnv, ROOT, [
    ...nodeFlags,
    ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ]);
  cleanups.push(() => stop(server));
  const readyMs = await waitReady(server, `${base}/health/ready`, spawnedAt);
  const readyAt = monotonicMicros();
  console.log(
    `ready after ${fmt(readyMs)} ms (spawn to /health/ready 200${args.db === 'postgres' ? ', migrations on a fresh database included' : ''})`,
  );
  const sampler = new RssSampler(server.pid);
  cleanups.push(async () => sampler.close());
  const readyRssMb = rssMb(server.pid);
  const idleRss = { afterStartMb: await idleRssMb(server.pid), afterSignUpsMb: 0, signUps: SIGN_UPS };
  await signUp(base, SIGN_UPS, password);
  idleRss.afterSignUpsMb = await idleRssMb(server.pid);
  console.log(
    `server RSS when ready: ${fmt(readyRssMb)} MB; idle: ${fmt(idleRss.afterStartMb)} MB, ` +
      `${fmt(idleRss.afterSignUpsMb)} MB after ${SIGN_UPS} sign-ups through the API`,
  );

  // Seeding.
  const seedStarted = performance.now();
  let sqlHandle: DatabaseHandle | undefined;
  if (args.db === 'postgres') {
    const started = performance.now();
    sqlHandle = await openDb(databaseUrl, dataDir);
    cleanups.push(() => sqlHandle!.close());
    users = await insertAccounts(sqlHandle.sql, count, password, sessionSecret, kycSecret);
    insertMs = performance.now() - started;
  }
  const registerStarted = performance.now();
  users.push(...(await registerThroughApi(base, Math.min(API_USERS, usersWanted), password)));
  const registerMs = performance.now() - registerStarted;
  const profilesStarted = performance.now();
  await fillProfiles(base, users, 16);
  const profilesMs = performance.now() - profilesStarted;
  const seed = {
    users: users.length,
    insertSqlMs: Math.round(insertMs),
    registerAndLoginApiMs: Math.round(registerMs),
    profilesMs: Math.round(profilesMs),
    totalMs: Math.round(performance.now() - seedStarted + (args.db === 'pglite' ? insertMs : 0)),
  };
  console.log(
    `seeded ${users.length} users with complete profiles in ${fmt(seed.totalMs / 1000, 1)} s ` +
      `(SQL accounts ${fmt(insertMs / 1000, 1)} s, ${Math.min(API_USERS, usersWanted)} API register+login ${fmt(registerMs / 1000, 1)} s, ` +
      `update_data ×${users.length} ${fmt(profilesMs / 1000, 1)} s = ${fmt(users.length / (profilesMs / 1000))}/s)`,
  );

  // What the scenarios send: each re-saving user's own getDetails output, selfie users with consent.
  const updateUsers = users.slice(0, Math.min(UPDATE_USERS, users.length));
  const updateBodies = await pool(updateUsers, 16, async (user) => {
    const reply = await expectStatus(200, base, 'GET', '/v1/user/getDetails', { token: user.token });
    // Without __v (it acts as If-Match); clientMasterCopy stays the document object getDetails returned.
    const { __v: _version, ...data } = (
      JSON.parse(reply.body) as { data: Record<string, unknown> & { __v: number } }
    ).data;
    return data;
  });
  const selfieUsers = users.slice(-Math.min(SELFIE_USERS, users.length));
  await pool(selfieUsers, 16, (user) =>
    expectStatus(201, base, 'POST', '/v1/consents', {
      token: user.token,
      json: { purpose: 'kyc_verification', noticeVersion: '2026-11' },
    }),
  );
  const selfies = await Promise.all(
    [1, 2, 3, 4].map(async (seedValue) => {
      const image = await passingSelfie(seedValue, 'jpeg', SELFIE_SIZE.width, SELFIE_SIZE.height);
      const boundary = `----pehchanbench${randomBytes(8).toString('hex')}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="selfie.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        image,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { body, contentType: `multipart/form-data; boundary=${boundary}`, imageBytes: image.length };
    }),
  );

  // One counter for every update_data request (warm-ups, rounds, both sides, the soak), so no request sends the
  // income already stored: an identical profile is a no-op, which would make the scenario cheaper.
  let saves = 0;
  const updateRequest = (n: number) => {
    const index = n % updateUsers.length;
    const data = updateBodies[index]!;
    const body = {
      ...data,
      profileDetails: { ...(data.profileDetails as object), annualIncome: 1_000_000 + saves++ },
    };
    return {
      method: 'PUT' as const,
      path: '/v1/data/update_data',
      headers: {
        authorization: `Bearer ${updateUsers[index]!.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    };
  };
  const requests = {
    getDetails: () =>
      roundRobin((n) => ({
        method: 'GET',
        path: '/v1/user/getDetails',
        headers: { authorization: `Bearer ${users[n % users.length]!.token}` },
      })),
    update_data: () => roundRobin(updateRequest),
    login: () =>
      roundRobin((n) => ({
        method: 'POST',
        path: '/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: users[n % users.length]!.email, password }),
      })),
    liveliness_check: () =>
      roundRobin((n) => {
        const selfie = selfies[n % selfies.length]!;
        return {
          method: 'POST',
          path: '/v1/image/liveliness_check',
          headers: {
            authorization: `Bearer ${selfieUsers[n % selfieUsers.length]!.token}`,
            'content-type': selfie.contentType,
          },
          body: selfie.body,
        };
      }),
  };

  const scenarios: Scenario[] = [];
  const report = (scenario: Scenario) => {
    scenarios.push(scenario);
    const statuses = Object.entries(scenario.status)
      .map(([code, n]) => `${code}×${n}`)
      .join(' ');
    console.log(
      `${scenario.name.padEnd(20)} ${fmt(scenario.rps, 1).padStart(8)} req/s  p50 ${fmt(scenario.p50Ms, 1)} ms  p99 ${fmt(scenario.p99Ms, 1)} ms  ` +
        `errors ${scenario.errors}  [${statuses}]  CPU ${fmt(scenario.cpuMsPerRequest, 2)} ms/req  peak RSS ${fmt(scenario.peakRssMb)} MB`,
    );
    return scenario;
  };
  const pehchan = { url: base, pid: server.pid, rss: sampler };
  const recorder = (
    name: string,
    connections: number,
    build: () => ReturnType<typeof roundRobin>,
    target = pehchan,
  ) => new ScenarioRecorder(name, target, connections, build);

  console.log(
    `\nscenarios: ${warmupSeconds} s warm-up + ${seconds} s measured each; getDetails and update_data with their ` +
      `baselines${args.db === 'pglite' ? ' (PostgreSQL only)' : ''}, login and the argon2 capacity alternate in ${ROUNDS} rounds`,
  );
  /** Warm-up, then one round of the whole duration. */
  const measureAlone = async (scenario: ScenarioRecorder) => {
    await scenario.warmUp(warmupSeconds);
    await scenario.round(seconds);
    return report(scenario.result());
  };

  // The baselines read and write the same PostgreSQL database from their own process; PGlite has a single owner.
  const baseline =
    args.db === 'postgres' ? await startBaseline(databaseUrl!, sessionSecret, kycSecret) : undefined;
  if (baseline)
    await checkBaselineAnswers(base, baseline.url, users[0]!.token, [updateRequest(0), updateRequest(0)]);
  /** Pehchan's scenario, against its baseline in alternating rounds when there is one. */
  const compare = async (
    name: string,
    connections: number,
    build: () => ReturnType<typeof roundRobin>,
  ): Promise<Comparison> => {
    const pehchanSide = recorder(name, connections, build);
    if (!baseline) return { pehchan: await measureAlone(pehchanSide), baseline: undefined };
    const baselineSide = recorder(`baseline ${name}`, connections, build, baseline);
    await pehchanSide.warmUp(warmupSeconds);
    await baselineSide.warmUp(warmupSeconds);
    await alternate(ROUNDS, seconds, [(s) => pehchanSide.round(s), (s) => baselineSide.round(s)]);
    return { pehchan: report(pehchanSide.result()), baseline: report(baselineSide.result()) };
  };
  const getDetails = await compare('getDetails', 32, requests.getDetails);
  const updateData = await compare('update_data', 16, requests.update_data);
  await baseline?.stop();

  // The capacities are measured in the bench process while the server is idle, between login rounds: the
  // service's own hashing (PASSWORD_HASH_THREADS threads, as the server has them), and, where that keeps cores
  // back, every core hashing (information: what logins would reach if hashes had all the cores).
  const loginRecorder = recorder('login', 8, requests.login);
  const argon2 = new Argon2Capacity(passwordHashThreads(), hashPassword);
  const cores = availableParallelism();
  const allCoresPool = argon2.parallel < cores ? new Argon2Pool(cores) : undefined;
  const argon2AllCores =
    allCoresPool && new Argon2Capacity(cores, (password) => allCoresPool.hash(password, ARGON2_OPTIONS));
  await loginRecorder.warmUp(warmupSeconds);
  await alternate(ROUNDS, seconds, [
    (s) => loginRecorder.round(s),
    (s) => argon2.round(s),
    ...(argon2AllCores ? [(s: number) => argon2AllCores.round(s)] : []),
  ]);
  const login = report(loginRecorder.result());
  const capacity = argon2.result();
  const allCoresCapacity = argon2AllCores?.result();
  for (const [name, measured] of [
    ['argon2id capacity', capacity],
    ['argon2id, all cores', allCoresCapacity],
  ] as const) {
    if (!measured) continue;
    console.log(
      `${name.padEnd(20)} ${fmt(measured.hashesPerSecond, 1).padStart(8)} hashes/s (${measured.parallel} in parallel)  CPU ${fmt(measured.cpuMsPerHash, 2)} ms/hash`,
    );
  }

  await measureAlone(recorder('liveliness_check', 8, requests.liveliness_check));

  // The web apps' first screens in Chromium (bench/web.ts), while the server is up and idle.
  const web = await measureWebPages(base);

  const soak = soakSeconds > 0 ? await runSoak(base, soakSeconds, requests, sampler) : undefined;

  const overallPeakMb = hwmMb(server.pid);
  await stop(server);
  const exitCode = server.process.exitCode;
  const serverScenarios = scenarios.filter(
    (scenario) => scenario !== getDetails.baseline && scenario !== updateData.baseline,
  );
  const profileSummaries: Record<string, string> = {};
  if (args['cpu-prof']) {
    // The main thread's profile is the largest; tsx's loader thread writes a small one too.
    const main = readdirSync(profileDir)
      .filter((file) => file.includes(`.${server.pid}.`) && file.endsWith('.cpuprofile'))
      .map((file) => path.join(profileDir, file))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (main) {
      const profile = JSON.parse(readFileSync(main, 'utf8')) as CpuProfile;
      console.log(
        `\nserver CPU profile: ${path.relative(ROOT, main)} (inspect: npx tsx bench/profile.ts <file>)`,
      );
      for (const scenario of serverScenarios) {
        profileSummaries[scenario.name] = summarise(profile, 15, scenario.windows);
        console.log(`\n### ${scenario.name}\n${profileSummaries[scenario.name]}`);
      }
      profileSummaries.startup = summarise(profile, 15, [{ from: profile.startTime, to: readyAt }]);
      console.log(`\n### start-up (spawn to ready)\n${profileSummaries.startup}`);
    }
  }

  // Report.
  const figures: RunFigures = {
    db: args.db as RunFigures['db'],
    getDetails,
    updateData,
    login,
    scenarios,
    argon2HashesPerSecond: capacity.hashesPerSecond,
    argon2CpuMsPerHash: capacity.cpuMsPerHash,
    argon2Threads: capacity.parallel,
    argon2AllCores: allCoresCapacity && {
      hashesPerSecond: allCoresCapacity.hashesPerSecond,
      parallel: allCoresCapacity.parallel,
    },
    soak,
    readyMs,
    idleRss,
    peakRssMb: Math.max(...serverScenarios.map((scenario) => scenario.peakRssMb), soak?.peakRssMb ?? 0),
    web,
  };
  const targets = goals(figures);
  const notes = information(figures);
  const table = scenarioTable(scenarios);
  console.log(
    `\n## Results (${args.db}, ${users.length} users, ${new Date().toISOString().slice(0, 10)}, ${machine.cores} × ${machine.cpu})\n`,
  );
  console.log(table);
  console.log(`\n${goalTable(targets)}\n`);
  console.log(`${informationTable(notes, capacity.hashesPerSecond)}\n`);

  const results = {
    date: new Date().toISOString(),
    machine,
    db: args.db,
    settings: {
      users: users.length,
      warmupSeconds,
      seconds,
      rounds: ROUNDS,
      soakSeconds,
      poolMax: Number(POOL_MAX),
      selfieBytes: selfies[0]!.imageBytes,
      nodeFlags,
    },
    readyMs: Math.round(readyMs),
    readyRssMb: Number(readyRssMb.toFixed(1)),
    idleRss,
    seed,
    scenarios,
    argon2: {
      ...capacity,
      hashesPerSecond: Number(capacity.hashesPerSecond.toFixed(1)),
      cpuMsPerHash: Number(capacity.cpuMsPerHash.toFixed(2)),
    },
    argon2AllCores: allCoresCapacity && {
      ...allCoresCapacity,
      hashesPerSecond: Number(allCoresCapacity.hashesPerSecond.toFixed(1)),
      cpuMsPerHash: Number(allCoresCapacity.cpuMsPerHash.toFixed(2)),
    },
    soak,
    web,
    serverPeakRssMb: overallPeakMb,
    serverExitCode: exitCode,
    targets,
    information: notes,
    profileSummaries,
    table,
  };
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote bench/results.json · total ${elapsed(runStarted)}`);
}

main()
  .catch((error: unknown) => {
    console.error('benchmark failed:', error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
