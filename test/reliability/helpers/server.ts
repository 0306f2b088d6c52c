import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { TEST_SECRETS } from '../../helpers/app.js';
import { freePort } from '../../helpers/free-port.js';
import { serverNodeFlags } from '../../../scripts/start-command.js';
import { BUILT_SERVER } from './build.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const READY_TIMEOUT_MS = 45_000;
/** Lines of output kept per process, to explain a failure without flooding the report. */
const KEPT_LINES = 200;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<ChildProcess>();
const outputs: Array<() => string> = [];

/**
 * Every process started here; `killAll` in afterAll makes sure none outlives its file, even when a
 * test failed half-way.
 */
export async function killAll(): Promise<void> {
  const children = [...running];
  const gone = children.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(gone);
}

/**
 * Registers an afterEach that prints the output of every process this file started when a test
 * failed: a crashed process explains itself there.
 */
export function printServerOutputOnFailure() {
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.error(outputs.map((output) => output()).join('\n'));
  });
}

interface Spawned {
  child: ChildProcess;
  exited: Promise<Exit>;
  /** Set once the process has exited. */
  exit(): Exit | undefined;
  output(): string;
}

/**
 * `node <args>` from the repository root, with exactly `env` (plus PATH and HOME): a developer's
 * DATABASE_URL or shell settings must not leak in. `onLine` sees every output line.
 */
function spawnTracked(
  name: string,
  args: string[],
  env: Record<string, string>,
  onLine: (line: string) => void = () => undefined,
): Spawned {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  const keep = (stream: NodeJS.ReadableStream, label: string) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(`[${name} ${label}] ${line}`);
        if (lines.length > KEPT_LINES) lines.shift();
        onLine(line);
      }
    });
  };
  keep(child.stdout!, 'out');
  keep(child.stderr!, 'err');
  let finished: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      finished = { code, signal };
      resolve(finished);
    });
  });
  const output = () => lines.join('\n');
  outputs.push(output);
  return { child, exited, exit: () => finished, output };
}

export interface ServerProcess {
  name: string;
  url: string;
  port: number;
  /** The in-process Cashfree simulator's URL, when the server runs without Cashfree credentials. */
  simulatorUrl: string | undefined;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** How the process ended; undefined while it runs. */
  readonly exit: Exit | undefined;
  signal(signal: NodeJS.Signals): void;
}

export interface StartOptions {
  name: string;
  env: Record<string, string>;
  /** Reuse a port (a restart that clients reconnect to); a free one otherwise. */
  port?: number;
}

/**
 * Starts the built server (what `npm start` runs) as a real process on loopback, with the given settings on top of test
 * defaults, and waits until `/health/ready` answers 200.
 */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-reliability-'));
  let simulatorUrl: string | undefined;
  const spawned = spawnTracked(
    options.name,
    [...serverNodeFlags(), BUILT_SERVER],
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SIMULATOR_RATE_LIMIT_PER_MINUTE: '0',
      ...TEST_SECRETS,
      ...options.env,
    },
    (line) => {
      // Logged (at warn) before the server listens, so it is known once the server is ready.
      if (line.includes('built-in simulator')) simulatorUrl = /"url":"(http[^"]+)"/.exec(line)?.[1];
    },
  );
  void spawned.exited.then(() => rmSync(dataDir, { recursive: true, force: true }));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const early = spawned.exit();
    if (early)
      throw new Error(
        `${options.name} exited before it was ready (${JSON.stringify(early)}):\n${spawned.output()}`,
      );
    const status = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      spawned.child.kill('SIGKILL');
      throw new Error(`${options.name} was not ready within ${READY_TIMEOUT_MS} ms:\n${spawned.output()}`);
    }
    await sleep(100);
  }

  return {
    name: options.name,
    url,
    port,
    get simulatorUrl() {
      return simulatorUrl;
    },
    exited: spawned.exited,
    get exit() {
      return spawned.exit();
    },
    signal: (signal) => {
      spawned.child.kill(signal);
    },
  };
}

export interface SimulatorProcess {
  url: string;
  /** What Pehchan needs to use it as its Cashfree. */
  env: Record<string, string>;
}

/**
 * The Cashfree simulator as a process of its own (`npm run simulator`), for several Pehchan
 * processes that must share one provider, as they would share Cashfree.
 */
export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const port = await freePort();
  const credentials = { id: 'reliability-client', secret: 'reliability-secret-0123456789' };
  let listening: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (listening = resolve));
  const spawned = spawnTracked(
    'simulator',
    [
      '--import',
      'tsx',
      'src/providers/cashfree-simulator/standalone.ts',
      '--port',
      String(port),
      '--client-id',
      credentials.id,
      '--client-secret',
      credentials.secret,
      '--rate-limit-per-minute',
      '0',
    ],
    {},
    (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) listening(match[1]!);
    },
  );
  const started = await Promise.race([
    url,
    spawned.exited.then(() => undefined),
    sleep(READY_TIMEOUT_MS).then(() => undefined),
  ]);
  if (!started) throw new Error(`the simulator did not start:\n${spawned.output()}`);
  return {
    url: started,
    env: { CF_CLIENT_ID: credentials.id, CF_CLIENT_SECRET: credentials.secret, CF_BASE_URL: started },
  };
}
