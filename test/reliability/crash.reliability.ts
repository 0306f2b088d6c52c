import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileWriter, profiledCustomer, request, sectionVersions } from './helpers/api.js';
import { killAll, sleep, startServer } from './helpers/server.js';
import type { ServerProcess } from './helpers/server.js';
import { createScratchDatabase, servicesAvailable } from './helpers/services.js';
import type { ScratchDatabase } from './helpers/services.js';

const available = await servicesAvailable();

describe.runIf(available)('kill -9 in the middle of a stream of update_data calls', () => {
  let database: ScratchDatabase;
  let server: ServerProcess;
  const env = () => ({ DATABASE_URL: database.url, JOBS_ENABLED: 'false', BENCHMARK_MODE: 'true' });

  beforeAll(async () => {
    database = await createScratchDatabase();
    server = await startServer({ name: 'crash', env: env() });
  });

  afterAll(async () => {
    await killAll();
    await database?.drop();
  });

  it('keeps every profile equal to its last acknowledged version or the one in flight, never half-written', async () => {
    const customers = await Promise.all([1, 2, 3].map(() => profiledCustomer(server.url)));
    const writers = customers.map((customer) =>
      new ProfileWriter(() => server.url, customer, { stopOnNetworkError: true }).start(),
    );
    // Let every stream get well under way, then kill at an arbitrary moment inside a request.
    const deadline = Date.now() + 30_000;
    while (writers.some((writer) => writer.acknowledged.length < 10) && Date.now() < deadline)
      await sleep(50);
    await sleep(Math.floor(Math.random() * 40));
    server.signal('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    await Promise.all(writers.map((writer) => writer.finished()));

    server = await startServer({ name: 'crash-restarted', env: env(), port: server.port });
    for (const [index, writer] of writers.entries()) {
      expect(writer.acknowledged.length, 'acknowledged writes before the kill').toBeGreaterThanOrEqual(10);
      expect(writer.statuses.every((status) => status === 200)).toBe(true);
      const details = await request(server.url, 'GET', '/v1/user/getDetails', {
        token: customers[index]!.token,
      });
      expect(details.status).toBe(200);
      const versions = Object.values(sectionVersions(details.body.data));
      // One request's body in every section…
      expect(new Set(versions).size, JSON.stringify(versions)).toBe(1);
      // …and that request is the last acknowledged one, or the one the kill interrupted.
      const allowed = [writer.acknowledged.at(-1), writer.inFlight].filter(
        (version) => version !== undefined,
      );
      expect(allowed).toContain(versions[0]);
    }
  });
});
