import autocannon from 'autocannon';
import type { Instance, Request, RequestParams, Result } from 'autocannon';

/** One autocannon run: counts, status codes and every request's latency. */
export interface Run {
  seconds: number;
  requests: number;
  /** Non-2xx answers + socket errors + timeouts. */
  errors: number;
  status: Record<string, number>;
  socketErrors: number;
  timeouts: number;
  latenciesMs: number[];
}

const running = new Set<Instance>();

/** Stops every load generator still running (SIGINT). */
export function stopAllLoad() {
  for (const instance of running) instance.stop();
}

export function load(url: string, connections: number, seconds: number, requests: Request[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const latenciesMs: number[] = [];
    // Timeout above any latency the targets allow, so a stall shows up as an error rather than a hang.
    const instance = autocannon(
      { url, connections, duration: seconds, timeout: 20, requests },
      (error, result: Result) => {
        running.delete(instance);
        if (error) return reject(error);
        const status = Object.fromEntries(
          Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
        );
        resolve({
          seconds: result.duration,
          requests: result.requests.total,
          errors: result.non2xx + result.errors + result.timeouts,
          status,
          socketErrors: result.errors,
          timeouts: result.timeouts,
          latenciesMs,
        });
      },
    );
    // Kept per request, so that runs split into rounds still give exact percentiles.
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
      latenciesMs.push(responseTimeMs);
    });
    running.add(instance);
  });
}

/** The `p`-th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * One request template whose every instance is built by `build(n)` with a global counter, so
 * consecutive requests (over all connections) go round-robin over the users.
 */
export function roundRobin(build: (n: number) => RequestParams): Request[] {
  let n = 0;
  return [{ setupRequest: (request) => ({ ...request, ...build(n++) }) }];
}
