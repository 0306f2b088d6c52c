import type { Request } from 'autocannon';
import { load, percentile } from './load.js';
import type { Run } from './load.js';
import { cpuSeconds } from './processes.js';
import type { RssSampler } from './processes.js';
import { monotonicMicros } from './profile.js';

/** A server under measurement: where to send load, and the process whose CPU and memory count. */
export interface Target {
  url: string;
  pid: number;
  rss: RssSampler;
}

export interface Scenario {
  name: string;
  connections: number;
  rounds: number;
  seconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  status: Record<string, number>;
  socketErrors: number;
  timeouts: number;
  peakRssMb: number;
  /** The server's CPU time (user + system) per answered request. */
  cpuMsPerRequest: number;
  /** When it was measured, in monotonic µs: cuts its share out of the server's CPU profile. */
  windows: Array<{ from: number; to: number }>;
}

/** Measures one scenario in one or more rounds, and adds them up as if they were one run. */
export class ScenarioRecorder {
  private readonly runs: Run[] = [];
  private readonly windows: Array<{ from: number; to: number }> = [];
  private cpu = 0;
  private peakRssMb = 0;

  constructor(
    readonly name: string,
    private readonly target: Target,
    private readonly connections: number,
    private readonly requests: () => Request[],
  ) {}

  async warmUp(seconds: number): Promise<void> {
    await load(this.target.url, this.connections, seconds, this.requests());
  }

  async round(seconds: number): Promise<void> {
    this.target.rss.window();
    const cpuBefore = cpuSeconds(this.target.pid);
    const from = monotonicMicros();
    this.runs.push(await load(this.target.url, this.connections, seconds, this.requests()));
    this.windows.push({ from, to: monotonicMicros() });
    this.cpu += cpuSeconds(this.target.pid) - cpuBefore;
    this.peakRssMb = Math.max(this.peakRssMb, this.target.rss.window());
  }

  result(): Scenario {
    const sum = (pick: (run: Run) => number) => this.runs.reduce((total, run) => total + pick(run), 0);
    const latencies = this.runs.flatMap((run) => run.latenciesMs);
    const status: Record<string, number> = {};
    for (const run of this.runs)
      for (const [code, count] of Object.entries(run.status)) status[code] = (status[code] ?? 0) + count;
    const requests = sum((run) => run.requests);
    const seconds = sum((run) => run.seconds);
    return {
      name: this.name,
      connections: this.connections,
      rounds: this.runs.length,
      seconds,
      requests,
      rps: requests / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      errors: sum((run) => run.errors),
      status,
      socketErrors: sum((run) => run.socketErrors),
      timeouts: sum((run) => run.timeouts),
      peakRssMb: this.peakRssMb,
      cpuMsPerRequest: (1000 * this.cpu) / Math.max(requests, 1),
      windows: this.windows,
    };
  }
}

/**
 * Runs measurements that are compared with each other in alternating rounds (A B A B …), so that
 * a shared machine speeding up or slowing down during the run affects both sides alike.
 */
export async function alternate(
  rounds: number,
  seconds: number,
  sides: Array<(seconds: number) => Promise<void>>,
) {
  for (let round = 0; round < rounds; round++) {
    for (const side of sides) await side(seconds / rounds);
  }
}
