import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PURGE_SESSIONS_JOB, SETTLE_ABANDONED_VERIFICATIONS_JOB } from '../../src/jobs/definitions.js';
import { sessions, verifications } from '../../src/db/schema/index.js';
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
});
