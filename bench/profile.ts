/**
 * Top self-time functions (and packages) of a V8 .cpuprofile, e.g. one written by
 * `npm run bench -- --cpu-prof`:  npx tsx bench/profile.ts bench/profiles/<file>.cpuprofile [top]
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/<package>` (scoped too), `src/…` for Pehchan's own code, else the runtime. */
function owner(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src|bench)\/(.+)$/.exec(url);
  if (own) return `${own[1]}/${own[2]!.split('/').slice(0, 2).join('/')}`;
  return url.startsWith('node:') ? 'node internals' : url === '' ? '(native/gc/idle)' : url;
}

/** From the last node_modules/ (a package's own src/ folder stays under its name), else from src/ or bench/. */
function shortPath(url: string): string {
  const packageAt = url.lastIndexOf('/node_modules/');
  return packageAt >= 0 ? url.slice(packageAt + 1) : url.replace(/^.*\/(src|bench)\//, '$1/');
}

/** Monotonic microseconds: V8 stamps profile samples with the same clock as process.hrtime. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

const sourceMaps = new Map<string, SourceMap | undefined>();

/**
 * Where a frame of the bundled server (dist/*.js) comes from, through the bundle's source map, so
 * time is still told by package and source file; other frames as they are.
 */
function originalPosition(url: string, line: number, column: number): { url: string; line: number } {
  if (!url.startsWith('file://')) return { url, line };
  if (!sourceMaps.has(url)) {
    const mapFile = `${fileURLToPath(url)}.map`;
    sourceMaps.set(
      url,
      existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : undefined,
    );
  }
  const entry = sourceMaps.get(url)?.findEntry(line, column);
  if (!entry || !('originalSource' in entry)) return { url, line };
  // Sources are relative to the file; drizzle-orm's published maps point one folder too high, at node_modules/src/….
  const source = new URL(entry.originalSource, url).href.replace(
    '/node_modules/src/',
    '/node_modules/drizzle-orm/src/',
  );
  return { url: source, line: entry.originalLine };
}

/**
 * Self time by function and by package; with `windows` (monotonic µs, see monotonicMicros) only the
 * samples taken in them, so one scenario's share can be cut out of a whole-run profile.
 */
export function summarise(profile: CpuProfile, top = 25, windows?: Array<{ from: number; to: number }>) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (windows && !windows.some((window) => at >= window.from && at <= window.to)) return;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  });
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)!.callFrame;
    const { url, line: lineNumber } = originalPosition(frame.url, frame.lineNumber, frame.columnNumber);
    const key = `${frame.functionName || '(anonymous)'}  ${shortPath(url)}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    const pkg = owner(url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  }
  const table = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, micros]) =>
          `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`,
      )
      .join('\n');
  return `total ${(total / 1000).toFixed(0)} ms sampled\n\nself time by function:\n${table(functions)}\n\nself time by package:\n${table(packages)}`;
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/profile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25)));
}
