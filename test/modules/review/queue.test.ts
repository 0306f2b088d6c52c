import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { kycCases, users } from '../../../src/db/schema/index.js';
import { slaBadge } from '../../../src/modules/review/queue.js';
import { authed, TEST_SECRETS, useTestApp } from '../../helpers/app.js';
import { promoteAndLogin } from '../../helpers/staff.js';
import { caseAwaitingReview, submittedAt } from './cases.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });
const HOUR = 3_600_000;

type Staff = Awaited<ReturnType<typeof promoteAndLogin>>;
type Applicant = Awaited<ReturnType<typeof caseAwaitingReview>>;
interface Row {
  caseId: string;
  number: number;
  externalId: string | null;
  status: string;
  panMasked: string | null;
  reasons: string[];
  ageHours: number | null;
  sla: string | null;
  assignee: { id: string; name: string | null } | null;
}

let reviewer: Staff;
let otherReviewer: Staff;
/** Five cases submitted on 1-2 January 2001, for the order and the pages. */
let early: Applicant[];
/** Submitted 20 hours ago (due soon), 1 hour ago (ok), and one sent back to the customer. */
let dueSoon: Applicant;
let recent: Applicant;
let sentBack: Applicant;

const list = (query: string, who: { token: string } = reviewer) =>
  authed(ctx.app, who.token, { method: 'GET', url: `/v1/review/cases?${query}` });

async function rows(query: string, who: { token: string } = reviewer): Promise<Row[]> {
  const response = await list(query, who);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data;
}

const ids = (page: Row[]) => page.map((row) => row.caseId);

/** Sets a submission time to the microsecond, which a JavaScript Date cannot hold. */
const submittedAtExactly = (caseId: string, timestamp: string) =>
  ctx.database.handle.db
    .update(kycCases)
    .set({ submittedAt: sql`${timestamp}::timestamptz` })
    .where(eq(kycCases.id, caseId));

beforeAll(async () => {
  [reviewer, otherReviewer] = await Promise.all([
    promoteAndLogin(ctx.app, ctx.database, 'reviewer'),
    promoteAndLogin(ctx.app, ctx.database, 'reviewer'),
  ]);
  // One after another: every test customer has the same mobile number, and each reads its SMS code by that number.
  const applicants: Applicant[] = [];
  for (let index = 0; index < 8; index++) applicants.push(await caseAwaitingReview(ctx));
  early = applicants.slice(0, 5);
  [dueSoon, recent, sentBack] = applicants.slice(5) as [Applicant, Applicant, Applicant];

  // Two a microsecond apart, two at the same time (their ids decide), one a day later.
  await submittedAtExactly(early[0]!.caseId, '2001-01-01T00:00:00.000001Z');
  await submittedAtExactly(early[1]!.caseId, '2001-01-01T00:00:00.000002Z');
  await submittedAtExactly(early[2]!.caseId, '2001-01-01T00:00:01Z');
  await submittedAtExactly(early[3]!.caseId, '2001-01-01T00:00:01Z');
  await submittedAtExactly(early[4]!.caseId, '2001-01-02T00:00:00Z');
  await submittedAt(ctx, dueSoon.caseId, new Date(Date.now() - 20 * HOUR));
  await submittedAt(ctx, recent.caseId, new Date(Date.now() - HOUR - 60_000));

  const requested = await authed(ctx.app, reviewer.token, {
    method: 'POST',
    url: `/v1/review/cases/${sentBack.caseId}/decision`,
    payload: {
      decision: 'request_changes',
      reasonCodes: ['documents_unclear'],
      userMessage: 'Please upload the whole page.',
    },
  });
  expect(requested.statusCode).toBe(200);
}, 240_000);

const EARLY_WINDOW = 'submittedFrom=2001-01-01T00:00:00Z&submittedTo=2001-01-03T00:00:00Z';

describe('the order and the pages', () => {
  const oldestFirst = () => {
    const tied = [early[2]!.caseId, early[3]!.caseId].sort();
    return [early[0]!.caseId, early[1]!.caseId, ...tied, early[4]!.caseId];
  };

  async function walk(query: string, limit: number): Promise<{ seen: string[]; pages: number }> {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(
        `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json();
      expect(page.data.length).toBeLessThanOrEqual(limit);
      seen.push(...ids(page.data));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    return { seen, pages };
  }

  it('lists oldest submission first, then by id, and pages through every case once', async () => {
    expect(ids(await rows(EARLY_WINDOW))).toEqual(oldestFirst());
    // One case a page: each cursor holds its place to the microsecond.
    expect(await walk(EARLY_WINDOW, 1)).toEqual({ seen: oldestFirst(), pages: 5 });
    expect(await walk(EARLY_WINDOW, 2)).toEqual({ seen: oldestFirst(), pages: 3 });
    // A page that ends exactly at the last case has no next one.
    expect((await list(`${EARLY_WINDOW}&limit=5`)).json().nextCursor).toBeNull();
  });

  it('lists newest first when asked', async () => {
    const newestFirst = oldestFirst().reverse();
    expect(ids(await rows(`${EARLY_WINDOW}&order=newest`))).toEqual(newestFirst);
    expect(await walk(`${EARLY_WINDOW}&order=newest`, 2)).toEqual({ seen: newestFirst, pages: 3 });
  });

  it('shows 20 cases a page unless asked, and counts every case by status', async () => {
    const response = await list('');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body.data.length).toBeLessThanOrEqual(20);
    expect(body.counts.needs_review).toBeGreaterThanOrEqual(7);
    expect(body.counts.action_required).toBeGreaterThanOrEqual(1);
    // The counts ignore the filters: they label the status tabs.
    expect((await list(`${EARLY_WINDOW}&status=approved`)).json().counts).toEqual(body.counts);
  });
});

describe('age and SLA', () => {
  it('gives each case its age and, while it awaits review, its SLA badge', async () => {
    const byId = new Map((await rows('limit=100')).map((row) => [row.caseId, row]));
    expect(byId.get(recent.caseId)).toMatchObject({ ageHours: 1, sla: 'ok' });
    expect(byId.get(dueSoon.caseId)).toMatchObject({ ageHours: 20, sla: 'due_soon' });
    expect(byId.get(early[0]!.caseId)!.sla).toBe('breached');
    expect(byId.get(early[0]!.caseId)!.ageHours).toBeGreaterThan(24 * 365 * 25);
    const back = byId.get(sentBack.caseId)!;
    expect(back).toMatchObject({ status: 'action_required', sla: null });
    expect(back.ageHours).toBeGreaterThanOrEqual(0);
  });

  it('marks the last quarter of REVIEW_SLA_HOURS due soon and the time past it breached', () => {
    const submitted = new Date('2026-12-01T00:00:00Z');
    const at = (hours: number) => submitted.getTime() + hours * HOUR;
    expect(slaBadge('needs_review', submitted, at(0), 24)).toBe('ok');
    expect(slaBadge('needs_review', submitted, at(17.99), 24)).toBe('ok');
    expect(slaBadge('needs_review', submitted, at(18), 24)).toBe('due_soon');
    expect(slaBadge('needs_review', submitted, at(24), 24)).toBe('due_soon');
    expect(slaBadge('needs_review', submitted, at(24) + 1, 24)).toBe('breached');
    expect(slaBadge('needs_review', submitted, at(3), 4)).toBe('due_soon');
    for (const status of ['draft', 'verifying', 'action_required', 'approved', 'rejected'] as const)
      expect(slaBadge(status, submitted, at(100), 24)).toBeNull();
    expect(slaBadge('needs_review', null, at(100), 24)).toBeNull();
  });

  it('reads REVIEW_SLA_HOURS as whole hours from 1 to 720', () => {
    const read = (value: string) =>
      loadConfig({ NODE_ENV: 'test', ...TEST_SECRETS, REVIEW_SLA_HOURS: value });
    expect(read('').config.reviewSlaHours).toBe(24);
    expect(read('48').config.reviewSlaHours).toBe(48);
    for (const bad of ['0', '721', '1.5', 'a day'])
      expect(() => read(bad), bad).toThrow(/REVIEW_SLA_HOURS must be an integer between 1 and 720/);
  });
});

describe('filters', () => {
  it('filters by status and by reason code', async () => {
    const actionRequired = await rows('status=action_required&limit=100');
    expect(ids(actionRequired)).toContain(sentBack.caseId);
    expect(actionRequired.every((row) => row.status === 'action_required')).toBe(true);
    const unclear = await rows('reason=documents_unclear');
    expect(ids(unclear)).toEqual([sentBack.caseId]);
    expect(unclear[0]!.reasons).toEqual(['documents_unclear']);
    expect(await rows('reason=face_mismatch')).toEqual([]);
  });

  it('filters by submission time, from inclusive to exclusive', async () => {
    const from = '2001-01-01T00:00:01Z';
    expect(ids(await rows(`submittedFrom=${from}&submittedTo=2001-01-02T00:00:00Z`)).sort()).toEqual(
      [early[2]!.caseId, early[3]!.caseId].sort(),
    );
    // The same instant in India's time.
    const inIndia = await rows('submittedFrom=2001-01-01T05:30:01%2B05:30&submittedTo=2001-01-03T00:00:00Z');
    expect(ids(inIndia).sort()).toEqual([early[2]!.caseId, early[3]!.caseId, early[4]!.caseId].sort());
  });

  it('filters by holder: mine, nobody’s or anyone’s, naming the holder', async () => {
    const claimed = await authed(ctx.app, reviewer.token, {
      method: 'POST',
      url: `/v1/review/cases/${dueSoon.caseId}/claim`,
    });
    expect(claimed.statusCode).toBe(200);

    const mine = await rows('assigned=me&limit=100');
    expect(ids(mine)).toEqual([dueSoon.caseId]);
    expect(mine[0]!.assignee).toEqual({ id: reviewer.userId, name: 'Asha Verma' });
    expect(await rows('assigned=me', otherReviewer)).toEqual([]);
    const unassigned = await rows('assigned=unassigned&limit=100');
    expect(ids(unassigned)).not.toContain(dueSoon.caseId);
    expect(ids(unassigned)).toContain(recent.caseId);
    expect(unassigned.every((row) => row.assignee === null)).toBe(true);
    expect(ids(await rows('assigned=any&limit=100'))).toEqual(
      expect.arrayContaining([dueSoon.caseId, recent.caseId]),
    );
  });
});

describe('search', () => {
  it('finds a case by its number, with or without #', async () => {
    for (const q of [String(recent.number), `%23${recent.number}`])
      expect(ids(await rows(`q=${q}`)), q).toEqual([recent.caseId]);
  });

  it('finds a case by the host application’s external id', async () => {
    const externalId = `host-${recent.userId.slice(-12)}`;
    await ctx.database.handle.db.update(users).set({ externalId }).where(eq(users.id, recent.userId));
    const found = await rows(`q=${externalId}`);
    expect(ids(found)).toEqual([recent.caseId]);
    expect(found[0]!.externalId).toBe(externalId);
    expect(await rows(`q=${externalId.slice(0, -1)}`)).toEqual([]);
  });

  it('finds a case by email and by mobile number, read as registration reads them', async () => {
    const email = encodeURIComponent(`  ${recent.email.toUpperCase()} `);
    expect(ids(await rows(`q=${email}`))).toEqual([recent.caseId]);
    // Every test customer has the same mobile number: give this one its own.
    await ctx.database.handle.db
      .update(users)
      .set({ mobileNo: '6000012345' })
      .where(eq(users.id, recent.userId));
    for (const mobile of ['6000012345', '+91 60000 12345', '060000-12345'])
      expect(ids(await rows(`q=${encodeURIComponent(mobile)}`)), mobile).toEqual([recent.caseId]);
  });

  it('finds a case by its exact PAN only, in any case, never by a part of it', async () => {
    const found = await list(`q=${recent.pan.toLowerCase()}`);
    expect(ids(found.json().data)).toEqual([recent.caseId]);
    expect(found.json().data[0].panMasked).toBe(`XXXXX${recent.pan.slice(5, 9)}X`);
    expect(found.body).not.toContain(recent.pan);
    for (const part of [recent.pan.slice(0, 9), recent.pan.slice(1), recent.pan.slice(0, 5)])
      expect(await rows(`q=${part}`), part).toEqual([]);
    const otherLast = recent.pan.endsWith('Z') ? 'Y' : 'Z';
    expect(await rows(`q=${recent.pan.slice(0, 9)}${otherLast}`)).toEqual([]);
  });

  it('combines a search with the filters', async () => {
    expect(await rows(`q=${recent.pan}&status=approved`)).toEqual([]);
    expect(ids(await rows(`q=${recent.pan}&status=needs_review&assigned=unassigned`))).toEqual([
      recent.caseId,
    ]);
  });
});

describe('bad queries', () => {
  const refused = async (query: string, field: string) => {
    const response = await list(query);
    expect(response.statusCode, `${query}: ${response.body}`).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(
      response.json().errors.map((error: { field: string }) => error.field),
      query,
    ).toContain(field);
  };

  it('refuses a page size outside 1-100', async () => {
    for (const limit of ['0', '101', 'abc', '1.5', '-1']) await refused(`limit=${limit}`, '/limit');
  });

  it('refuses a cursor the list did not give', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const id = early[0]!.caseId;
    const cursors = [
      'abc',
      'not base64 at all!',
      encode('a string'),
      encode({ at: '2001-01-01T00:00:00.000001Z' }),
      encode({ at: '2001-13-45T00:00:00.000000Z', id }),
      encode({ at: '2001-01-01 00:00:00', id }),
      encode({ at: '2001-01-01T00:00:00.000000Z', id: 'not-a-uuid' }),
      'x'.repeat(201),
    ];
    for (const cursor of cursors) await refused(`cursor=${encodeURIComponent(cursor)}`, '/cursor');
  });

  it('refuses times, holders, orders and searches it cannot read', async () => {
    await refused('submittedFrom=yesterday', '/submittedFrom');
    await refused('submittedTo=2001-01-01', '/submittedTo');
    // A leap second is a date-time to JSON Schema, but not to JavaScript.
    await refused('submittedFrom=2016-12-31T23:59:60Z', '/submittedFrom');
    await refused('submittedFrom=2001-01-02T00:00:00Z&submittedTo=2001-01-01T00:00:00Z', '/submittedTo');
    await refused('assigned=them', '/assigned');
    await refused('order=sideways', '/order');
    await refused('status=lost', '/status');
    await refused('reason=a%20b', '/reason');
    await refused('q=', '/q');
    await refused(`q=${'a'.repeat(255)}`, '/q');
    expect((await list('sort=age')).statusCode).toBe(400);
  });
});
