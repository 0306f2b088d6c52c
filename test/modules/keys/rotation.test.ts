import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { openDatabase } from '../../../src/db/client.js';
import type { DatabaseHandle } from '../../../src/db/client.js';
import { userKeys } from '../../../src/db/schema/index.js';
import { KeyRing } from '../../../src/lib/crypto/index.js';
import { BlindIndexRefresh } from '../../../src/modules/profile/blind-index-refresh.js';
import { createTestDatabase, serverUrl } from '../../helpers/database.js';
import {
  authed,
  guardResponses,
  registerAndLogin,
  TEST_SECRETS,
  testConfig,
  useTestApp,
} from '../../helpers/app.js';
import { customer, contractExampleRequest } from '../profile/fixtures.js';
import type { Profile } from '../profile/fixtures.js';

const ctx = useTestApp();

const SECRET_A = TEST_SECRETS.KYC_SECRET;
const SECRET_B = 'rotated-kyc-secret-abcdefghijklmnopqrstuvwxyz012345';
const SECRET_C = 'unrelated-kyc-secret-abcdefghijklmnopqrstuvwxyz0123';

const opened: FastifyInstance[] = [];
afterAll(async () => {
  for (const app of opened) await app.close();
});

/** Another process of the service on the same database, configured with other secrets. */
async function appWith(env: Record<string, string>, database?: DatabaseHandle) {
  const config = testConfig(env);
  const app = await buildApp({ config, database: database ?? ctx.database.handle, logger: false });
  guardResponses(app, config);
  await app.ready();
  // Apps on a database of their own are closed by their test, before that database is.
  if (!database) opened.push(app);
  return app;
}

async function detailsOn(app: FastifyInstance, token: string) {
  return authed(app, token, { method: 'GET', url: '/v1/user/getDetails' });
}

/** Signed URLs differ per response; everything else must be identical. */
function comparable(profile: Profile) {
  return {
    ...profile,
    dematDetails: profile.dematDetails.map(({ clientMasterCopy, ...entry }) => ({
      ...entry,
      clientMasterCopy: clientMasterCopy && { ...clientMasterCopy, url: undefined },
    })),
  };
}

describe('KYC_SECRET rotation', () => {
  it('keeps data readable through the rotation and re-wraps every key under the new secret', async () => {
    const holder = await customer(ctx.app);
    const request = await contractExampleRequest();
    expect((await holder.update(request)).statusCode).toBe(200);
    const before = await holder.profile();

    // Step 1: the new secret is current, the old one still configured.
    const rotating = await appWith({ KYC_SECRET: SECRET_B, KYC_SECRET_PREVIOUS: SECRET_A });
    const during = await detailsOn(rotating, holder.token);
    expect(during.statusCode).toBe(200);
    expect(comparable((during.json() as { data: Profile }).data)).toEqual(comparable(before));
    // Links signed under the old secret keep working until they expire.
    const link = await rotating.inject({ method: 'GET', url: before.dematDetails[0]!.clientMasterCopy!.url });
    expect(link.statusCode).toBe(200);
    // The PAN's blind index is still the old secret's, and is found through it.
    const rival = await registerAndLogin(rotating);
    const taken = await authed(rotating, rival.token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: { panDetails: request.panDetails },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'pan_already_registered' });
    // Writes during the rotation go on under the same data key.
    const written = await authed(rotating, holder.token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: { profileDetails: { ...request.profileDetails, occupation: 'Architect' } },
    });
    expect(written.statusCode).toBe(200);

    // Without the old secret, nothing can be read before the keys are re-wrapped.
    const tooEarly = await appWith({ KYC_SECRET: SECRET_B });
    const refused = await detailsOn(tooEarly, holder.token);
    expect(refused.statusCode).toBe(500);
    expect(refused.json()).toMatchObject({ code: 'internal_error', detail: 'Internal server error' });

    // Step 2: re-wrap, and recompute blind indexes.
    const result = await rotating.services.keys.rewrapAll(2);
    expect(result.failed).toBe(0);
    expect(result.rewrapped).toBeGreaterThanOrEqual(1);
    expect(result.checked).toBeGreaterThanOrEqual(result.rewrapped);
    // What npm run keys:rewrap runs after the keys (src/cli/rewrap-keys.ts).
    const refresh = new BlindIndexRefresh(
      ctx.database.handle.db,
      rotating.services.keys,
      new KeyRing({ current: SECRET_B, previous: SECRET_A }),
    );
    expect(await refresh.run(2)).toBeGreaterThanOrEqual(4);
    const onlyB = new KeyRing({ current: SECRET_B });
    const [stored] = await ctx.database.handle.db
      .select()
      .from(userKeys)
      .where(eq(userKeys.userId, holder.id));
    expect(onlyB.needsRewrap(stored!.wrappedKey)).toBe(false);
    // Nothing left to do the second time.
    expect(await rotating.services.keys.rewrapAll()).toMatchObject({ rewrapped: 0, failed: 0 });
    expect(await refresh.run()).toBe(0);

    // Step 3: the old secret is gone.
    const after = await appWith({ KYC_SECRET: SECRET_B });
    const read = await detailsOn(after, holder.token);
    expect(read.statusCode).toBe(200);
    expect(comparable((read.json() as { data: Profile }).data)).toEqual(
      comparable({
        ...before,
        __v: 2,
        profileDetails: { ...before.profileDetails, occupation: 'Architect' },
      }),
    );
    const document = await after.inject({
      method: 'GET',
      url: `/v1/documents/${before.dematDetails[0]!.clientMasterCopy!._id}`,
      headers: { authorization: `Bearer ${holder.token}` },
    });
    expect(document.statusCode).toBe(200);
    // The refreshed blind index still keeps the PAN to one account.
    const again = await authed(after, rival.token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: { panDetails: request.panDetails },
    });
    expect(again.statusCode).toBe(409);
    // The holder's own unchanged data is still recognised as unchanged.
    const echo = await authed(after, holder.token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: { bankDetails: before.bankDetails },
    });
    expect(echo.statusCode).toBe(200);
    expect((echo.json() as { data: Profile }).data.__v).toBe(2);
  });

  it('counts a key no configured secret opens as failed and leaves it alone', async () => {
    const user = await customer(ctx.app);
    await user.update({ panDetails: (await contractExampleRequest()).panDetails });
    const foreign = new KeyRing({ current: SECRET_C }).newDataKey(user.id).wrapped;
    await ctx.database.handle.db
      .update(userKeys)
      .set({ wrappedKey: foreign })
      .where(eq(userKeys.userId, user.id));
    const rotating = await appWith({ KYC_SECRET: SECRET_B, KYC_SECRET_PREVIOUS: SECRET_A });
    const result = await rotating.services.keys.rewrapAll();
    expect(result.failed).toBe(1);
    const [row] = await ctx.database.handle.db.select().from(userKeys).where(eq(userKeys.userId, user.id));
    expect(row!.wrappedKey).toBe(foreign);
  });
});

describe('npm run keys:rewrap (src/cli/rewrap-keys.ts)', () => {
  const run = promisify(execFile);
  const tsx = path.resolve('node_modules/.bin/tsx');

  it('re-wraps the keys of a database and prints what it did', async () => {
    // The CLI opens the database itself: a PostgreSQL database of its own, or PGlite in a directory.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-rewrap-'));
    const target = serverUrl ? await createTestDatabase() : undefined;
    const open = () =>
      target
        ? Promise.resolve(target.handle)
        : openDatabase({
            url: undefined,
            dataDir,
            connectTimeoutMs: 5000,
            statementTimeoutMs: 30_000,
            poolMax: 1,
          });
    try {
      let database = await open();
      await database.migrate();
      const before = await appWith({ KYC_SECRET: SECRET_A }, database);
      const user = await customer(before);
      expect((await user.update(await contractExampleRequest())).statusCode).toBe(200);
      const profile = await user.profile();
      await before.close();
      if (!target) await database.close();

      const { stdout } = await run(tsx, ['src/cli/rewrap-keys.ts'], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATA_DIR: dataDir,
          DATABASE_URL: target?.url ?? '',
          SESSION_SECRET: TEST_SECRETS.SESSION_SECRET,
          KYC_SECRET: SECRET_B,
          KYC_SECRET_PREVIOUS: SECRET_A,
        },
        timeout: 60_000,
      });
      expect(stdout).toBe('checked 1, rewrapped 1\nblind indexes refreshed: 4\n');

      database = await open();
      const after = await appWith({ KYC_SECRET: SECRET_B }, database);
      const read = await detailsOn(after, user.token);
      expect(read.statusCode).toBe(200);
      expect(comparable((read.json() as { data: Profile }).data)).toEqual(comparable(profile));
      await after.close();
      await database.close();
    } finally {
      await target?.drop();
    }
  }, 120_000);
});
