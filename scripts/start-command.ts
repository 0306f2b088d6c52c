import { readFileSync } from 'node:fs';

/**
 * The Node flags `npm start` runs the server with (package.json's start script), so the benchmark
 * and the tests that start the built server run it exactly as production does.
 */
export function serverNodeFlags(): string[] {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  const match = /&& node ((?:--\S+ )*)dist\/server\.js$/.exec(packageJson.scripts.start);
  if (!match)
    throw new Error(
      `package.json's start script is not "… && node [--flags] dist/server.js": ${packageJson.scripts.start}`,
    );
  return match[1]!.split(' ').filter(Boolean);
}
