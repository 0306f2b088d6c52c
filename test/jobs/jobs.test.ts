import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PURGE_SESSIONS_JOB, SETTLE_ABANDONED_VERIFICATIONS_JOB } from '../../src/jobs/definitions.js';
import { sessions, verifications } from '../../src/db/schema/index.js';
import { Jobs } from '../../src/jobs/index.js';
import type { SqlExecutor } from '../../src/db/client.js';
import { registerAndLogin, useTestApp } from '../helpers/app.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe('background jobs', () => {
  it('runs the session purge job through pg-boss and deletes only ended sessions', async () => {
    const ended = await registerAndLogin(ctx.app);
    const live = await registerAndLogin(ctx.app);
    const sid = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
    const db = ctx.database.handle.db;
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sid(ended.token)));

    const jobId = await ctx.app.jobs!.send(PURGE_SESSIONS_JOB, {});
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const purged = await waitFor(
      async () =>
        (
          await db
            .select()
            .from(sessions)
            .where(eq(sessions.id, sid(ended.token)))
        ).length === 0,
    );
    expect(purged).toBe(true);
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sid(live.token))),
    ).toHaveLength(1);
  });

  it('marks verifications a crashed process left pending as indeterminate, and only those', async () => {
    const db = ctx.database.handle.db;
    await db.insert(verifications).values([
      {
        verificationId: 'abandoned_1',
        kind: 'pan_lite',
        request: {},
        createdAt: new Date(Date.now() - 3600_000),
      },
      { verificationId: 'in_flight_1', kind: 'pan_lite', request: {} },
    ]);
    await ctx.app.jobs!.send(SETTLE_ABANDONED_VERIFICATIONS_JOB, {});
    const settled = await waitFor(async () => {
      const [row] = await db
        .select()
        .from(verifications)
        .where(eq(verifications.verificationId, 'abandoned_1'));
      return row?.status === 'indeterminate';
    });
    expect(settled).toBe(true);
    const [fresh] = await db
      .select()
      .from(verifications)
      .where(eq(verifications.verificationId, 'in_flight_1'));
    expect(fresh?.status).toBe('pending');
  });

  it('refuses to send a job nobody defined', async () => {
    await expect(ctx.app.jobs!.send('no.such-job', {})).rejects.toThrow(/unknown job/);
  });

  it('neither runs nor records a job that a poll under way hands over after the system stopped', async () => {
    const queue = 'test.fetched-while-stopping';
    let releaseFetch!: () => void;
    const fetchHeld = new Promise<void>((resolve) => {
      releaseFetch = resolve;
    });
    let fetchStarted!: () => void;
    const fetching = new Promise<void>((resolve) => {
      fetchStarted = resolve;
    });
    let databaseClosed = false;
    // The worker's poll for this queue runs, then its answer waits until the system has stopped
    // and the database has closed, as when a poll is under way at shutdown.
    const sql: SqlExecutor = {
      async executeSql(text, values) {
        if (databaseClosed) throw new Error('Cannot use a pool after calling end on the pool');
        const result = await ctx.database.handle.sql.executeSql(text, values);
        if (values?.[0] === queue && /SKIP LOCKED/i.test(text)) {
          fetchStarted();
          await fetchHeld;
        }
        return result;
      },
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const jobs = new Jobs(sql, ctx.app.log, { supervise: false });
      let ran = false;
      jobs.define({
        name: queue,
        handler: async () => {
          ran = true;
        },
      });
      await jobs.prepare();
      await jobs.send(queue, {});
      await jobs.start();
      await fetching;
      await jobs.stop(1000);
      databaseClosed = true;
      releaseFetch();
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(ran).toBe(false);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
