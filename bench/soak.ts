import { fmt } from './format.js';
import { load, percentile } from './load.js';
import type { roundRobin } from './load.js';
import type { RssSampler } from './processes.js';

export type SoakRequests = Record<
  'getDetails' | 'update_data' | 'login' | 'liveliness_check',
  () => ReturnType<typeof roundRobin>
>;
export type Soak = Awaited<ReturnType<typeof runSoak>>;

/** Mixed traffic at once; 5xx counted over the whole soak, RSS growth from the end of the warm-up to the end. */
export async function runSoak(
  base: string,
  soakSeconds: number,
  requests: SoakRequests,
  sampler: RssSampler,
) {
  const warmupEnd = Math.min(30, Math.max(5, Math.round(soakSeconds / 6)));
  console.log(
    `\nsoak: ${soakSeconds} s of mixed traffic (getDetails 8, update_data 4, login 2, liveliness_check 2 connections); RSS baseline after ${warmupEnd} s`,
  );
  sampler.window();
  const started = Date.now();
  const mix: Array<[keyof typeof requests, number]> = [
    ['getDetails', 8],
    ['update_data', 4],
    ['login', 2],
    ['liveliness_check', 2],
  ];
  const results = await Promise.all(
    mix.map(([name, connections]) => load(base, connections, soakSeconds, requests[name]())),
  );
  const peakRssMb = sampler.window();
  // Averages over 5 s, so one garbage-collection cycle does not decide the figure.
  const averageBetween = (from: number, to: number) => {
    const window = sampler.samples.filter(
      (sample) => sample.at >= started + from * 1000 && sample.at <= started + to * 1000,
    );
    return window.reduce((sum, sample) => sum + sample.mb, 0) / Math.max(window.length, 1);
  };
  const rssAfterWarmupMb = averageBetween(warmupEnd - 5, warmupEnd);
  const rssEndMb = averageBetween(soakSeconds - 5, soakSeconds);
  const status5xx = results.reduce(
    (sum, result) =>
      sum +
      Object.entries(result.status)
        .filter(([code]) => code.startsWith('5'))
        .reduce((n, [, count]) => n + count, 0),
    0,
  );
  const perScenario = Object.fromEntries(
    mix.map(([name], index) => {
      const { latenciesMs, ...counts } = results[index]!;
      return [name, { ...counts, p50Ms: percentile(latenciesMs, 50), p99Ms: percentile(latenciesMs, 99) }];
    }),
  );
  const soak = {
    seconds: soakSeconds,
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    status5xx,
    rssAfterWarmupMb: Number(rssAfterWarmupMb.toFixed(1)),
    rssEndMb: Number(rssEndMb.toFixed(1)),
    rssGrowthPercent: Number(((100 * (rssEndMb - rssAfterWarmupMb)) / rssAfterWarmupMb).toFixed(2)),
    peakRssMb,
    perScenario,
  };
  console.log(
    `soak: ${soak.requests} requests, ${soak.errors} errors, ${status5xx} × 5xx, ` +
      `RSS ${fmt(rssAfterWarmupMb)} MB after warm-up → ${fmt(rssEndMb)} MB at the end (${fmt(soak.rssGrowthPercent, 1)} %), peak ${fmt(peakRssMb)} MB`,
  );
  return soak;
}
