import autocannon from 'autocannon';
import type { Instance, Request, RequestParams, Result } from 'autocannon';

export interface Measurement {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers + socket errors + timeouts. */
  errors: number;
  status: Record<string, number>;
  socketErrors: number;
  timeouts: number;
}

const running = new Set<Instance>();

/** Stops every load generator still running (SIGINT). */
export function stopAllLoad() {
  for (const instance of running) instance.stop();
}

export function load(url: string, connections: number, seconds: number, requests: Request[]): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    // Timeout above any latency the targets allow, so a stall shows up as an error rather than a hang.
    const instance = autocannon({ url, connections, duration: seconds, timeout: 20, requests }, (error, result: Result) => {
      running.delete(instance);
      if (error) return reject(error);
      const status = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
      resolve({
        connections,
        seconds: result.duration,
        requests: result.requests.total,
        rps: result.requests.total / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.non2xx + result.errors + result.timeouts,
        status,
        socketErrors: result.errors,
        timeouts: result.timeouts,
      });
    });
    running.add(instance);
  });
}

/**
 * One request template whose every instance is built by `build(n)` with a global counter, so
 * consecutive requests (over all connections) go round-robin over the users.
 */
export function roundRobin(build: (n: number) => RequestParams): Request[] {
  let n = 0;
  return [{ setupRequest: (request) => ({ ...request, ...build(n++) }) }];
}
