import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { passwordHashThreads } from '../src/config.js';

const children = new Set<ChildProcess>();

/**
 * The environment every bench starts Pehchan in: loopback only, the per-IP and per-account limits lifted,
 * fresh secrets, warnings only in the log, and the README's glibc advice (one arena per thread would let the
 * argon2 and libvips threads grow RSS). `extra` adds to it or replaces a value (the secrets, for one).
 */
export function benchServerEnv(
  port: number,
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    SIMULATOR_PORT: '0',
    DATA_DIR: dataDir,
    BENCHMARK_MODE: 'true',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: randomBytes(48).toString('base64url'),
    KYC_SECRET: randomBytes(48).toString('base64url'),
    MALLOC_ARENA_MAX: '2',
    // The server hashes on as many threads as the bench measures the capacity on (both read this).
    PASSWORD_HASH_THREADS: String(passwordHashThreads()),
    ...extra,
  };
}

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Last lines of stderr/stdout, shown when the child fails. */
  output: string[];
}

/** A free loopback port, picked by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs `node <script>` (with `--import tsx` for TypeScript) directly, not through a CLI wrapper
 * process, so the pid is the server's own and /proc/<pid>/status shows its memory.
 */
export function startNode(
  name: string,
  script: string,
  env: Record<string, string>,
  cwd: string,
  nodeArgs: string[] = [],
): Child {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  children.add(child);
  child.once('exit', () => children.delete(child));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, pid: child.pid, process: child, output };
}

/** Polls `url` until it answers 200; returns milliseconds since `startedAt`. */
export async function waitReady(
  child: Child,
  url: string,
  startedAt: number,
  timeoutMs = 60_000,
): Promise<number> {
  const deadline = startedAt + timeoutMs;
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`${child.name} exited with ${child.process.exitCode}:\n${child.output.join('\n')}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return performance.now() - startedAt;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${child.name} was not ready within ${timeoutMs} ms:\n${child.output.join('\n')}`);
}

/** SIGTERM (graceful: lets --cpu-prof write its profile), then SIGKILL after `graceMs`. */
export async function stop(child: Child, graceMs = 25_000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Last resort on SIGINT or a crash of the bench itself: no child outlives it. */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // the process is gone
  }
}

const CLOCK_TICKS_PER_SECOND =
  Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) a process has used so far, in seconds; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may contain spaces: fields are counted after it (utime is field 14).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export const rssMb = (pid: number) => (statusKb(pid, 'VmRSS') ?? 0) / 1024;
export const hwmMb = (pid: number) => (statusKb(pid, 'VmHWM') ?? 0) / 1024;

/** RSS of a process left alone: after `settleSeconds`, the average of five readings 200 ms apart. */
export async function idleRssMb(pid: number, settleSeconds = 2): Promise<number> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(settleSeconds * 1000);
  let total = 0;
  for (let reading = 0; reading < 5; reading++) {
    total += rssMb(pid);
    await sleep(200);
  }
  return total / 5;
}

/** Samples a process's RSS every 200 ms; `window()` starts a new peak, `samples` keeps the time series. */
export class RssSampler {
  readonly samples: Array<{ at: number; mb: number }> = [];
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }

  private sample() {
    const mb = rssMb(this.pid);
    if (mb === 0) return;
    this.samples.push({ at: Date.now(), mb });
    this.peak = Math.max(this.peak, mb);
  }

  /** Peak since the last call, and starts a new window. */
  window(): number {
    this.sample();
    const peak = this.peak;
    this.peak = 0;
    return peak;
  }

  close() {
    clearInterval(this.timer);
  }
}
