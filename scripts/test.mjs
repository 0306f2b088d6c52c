// Runs the suite on PGlite, then on PostgreSQL when TEST_DATABASE_URL is set (CI sets it).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const serverUrl = process.env.TEST_DATABASE_URL;
const vitest = (label, env) => {
  console.log(`\n=== test pass: ${label}, Node ${process.version} ===`);
  const result = spawnSync('npx', ['vitest', 'run', ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
};

if (!serverUrl && process.env.CI === 'true') {
  console.error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL pass cannot be skipped in CI.');
  process.exit(1);
}

const pglite = vitest('PGlite (embedded)', { TEST_DATABASE_URL: '' });
if (!serverUrl) {
  console.log('\nTEST_DATABASE_URL is not set: ran the PGlite pass only. Set it to also run on PostgreSQL.');
  process.exit(pglite);
}
const postgres = vitest(`PostgreSQL (${new URL(serverUrl).host})`, { TEST_DATABASE_URL: serverUrl });
process.exit(pglite || postgres);
