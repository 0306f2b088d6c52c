import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ipvChallenges, ipvEvidence, selfieChecks } from '../../../src/db/schema/index.js';
import { challengesPerHour } from '../../../src/modules/liveliness/ipv-service.js';
import { passingSelfie } from '../../../src/providers/cashfree-simulator/test-images.js';
import { authed, useTestApp } from '../../helpers/app.js';
import { fetchAadhaarFromDigilocker, readyApplicant, waitForDecision } from '../../helpers/kyc.js';
import {
  ABROAD,
  captureFields,
  consentingCustomer,
  uploadSelfie,
  userIdOf,
} from '../../helpers/liveliness.js';
import type { CapturePart } from '../../helpers/liveliness.js';
import { asStaff, staffMember } from '../../helpers/review.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });
const db = () => ctx.database.handle.db;
const simulator = () => ctx.app.provider.simulator!;

async function evidenceOf(token: string) {
  return db()
    .select({ evidence: ipvEvidence, check: selfieChecks })
    .from(ipvEvidence)
    .innerJoin(selfieChecks, eq(selfieChecks.id, ipvEvidence.selfieCheckId))
    .where(eq(ipvEvidence.userId, userIdOf(token)))
    .orderBy(ipvEvidence.createdAt);
}

/** A ready applicant whose latest selfie (the one the case uses) was taken with `fields`. */
async function applicantWithSelfie(fields: (token: string) => Promise<CapturePart[]>) {
  const applicant = await readyApplicant(ctx.app);
  const image = await passingSelfie(applicant.selfieSeed);
  const selfie = await uploadSelfie(
    ctx.app,
    applicant.token,
    image,
    {},
    'selfie.jpg',
    await fields(applicant.token),
  );
  expect(selfie.statusCode, selfie.body).toBe(200);
  return applicant;
}

async function submitted(applicant: Awaited<ReturnType<typeof readyApplicant>>) {
  await applicant.call('POST', '/v1/kyc/submit');
  return waitForDecision(ctx.app, applicant.token);
}

describe('selfie challenges', () => {
  it('are issued from the closed list, expire in minutes and are used up by one selfie', async () => {
    const { token } = await consentingCustomer(ctx.app);
    const issued = await authed(ctx.app, token, { method: 'POST', url: '/v1/ipv/challenge' });
    expect(issued.statusCode).toBe(201);
    const challenge = issued.json().data;
    expect(['turn_head_left', 'turn_head_right', 'look_up', 'blink_twice', 'smile', 'open_mouth']).toContain(
      challenge.instruction,
    );
    const ttl = Date.parse(challenge.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(240_000);
    expect(ttl).toBeLessThanOrEqual(300_000);

    const fields = [{ name: 'challengeId', value: challenge.challengeId as string }];
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await uploadSelfie(ctx.app, token, await passingSelfie(), {}, 'selfie.jpg', fields);
      expect(answer.statusCode, answer.body).toBe(200);
    }
    const expired = (await captureFields(ctx.app, token, null))[0]!;
    await db()
      .update(ipvChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(ipvChallenges.id, expired.value));
    await uploadSelfie(ctx.app, token, await passingSelfie(), {}, 'selfie.jpg', [expired]);

    const rows = await evidenceOf(token);
    expect(rows.map((row) => [row.evidence.challengeStatus, row.evidence.instruction])).toEqual([
      ['valid', challenge.instruction],
      ['reused', challenge.instruction],
      ['expired', expect.any(String)],
    ]);
    expect(rows.every((row) => row.evidence.geoStatus === 'no_location')).toBe(true);
  });

  it('refuses malformed capture fields, naming each, and stores nothing', async () => {
    const { token } = await consentingCustomer(ctx.app);
    const answer = await uploadSelfie(ctx.app, token, await passingSelfie(), {}, 'selfie.jpg', [
      { name: 'challengeId', value: 'not-a-uuid' },
      { name: 'latitude', value: '91' },
      { name: 'capturedAt', value: 'yesterday' },
    ]);
    expect(answer.statusCode).toBe(400);
    expect(
      answer
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['/capturedAt', '/challengeId', '/latitude', '/longitude']);
    expect(await evidenceOf(token)).toHaveLength(0);
  });
});

describe('in-person verification evidence', () => {
  it('is stored with the IP and image hashes, placed in India, and frozen into an approved case', async () => {
    const applicant = await readyApplicant(ctx.app);
    const [row] = await evidenceOf(applicant.token);
    const image = await passingSelfie(applicant.selfieSeed);
    expect(row!.evidence).toMatchObject({
      challengeStatus: 'valid',
      geoStatus: 'in_india',
      geoCity: 'mumbai',
      geoCountryCode: 'IN',
      uploadSha256: createHash('sha256').update(image).digest('hex'),
    });
    expect(row!.evidence.storedSha256).toMatch(/^[0-9a-f]{64}$/);
    // The point and the IP are encrypted under the user's data key.
    expect(JSON.stringify(row!.evidence.location)).not.toContain('72.8777');
    expect(JSON.stringify(row!.evidence.clientIp)).not.toContain('127.0.0.1');

    await fetchAadhaarFromDigilocker(ctx.app, applicant);
    const status = await submitted(applicant);
    expect(status).toMatchObject({ status: 'approved', reasons: [] });

    const staff = asStaff(ctx, await staffMember(ctx));
    const view = (await staff('GET', `/v1/review/cases/${status.caseId}`)).json().data;
    expect(view.snapshot.selfie.ipv).toMatchObject({
      challengeId: row!.evidence.challengeId,
      challengeStatus: 'valid',
      instruction: row!.evidence.instruction,
      location: { latitude: 19.076, longitude: 72.8777, accuracy: 20 },
      clientIp: '127.0.0.1',
      uploadSha256: row!.evidence.uploadSha256,
      storedSha256: row!.evidence.storedSha256,
      clientCapturedAt: expect.any(String),
      receivedAt: expect.any(String),
      geo: { status: 'in_india', city: 'mumbai', state: 'Maharashtra', countryCode: 'IN' },
    });
  });

  it('sends a point outside India to review', async () => {
    const applicant = await applicantWithSelfie((token) => captureFields(ctx.app, token, ABROAD));
    const status = await submitted(applicant);
    expect(status.status).toBe('needs_review');
    expect(status.reasons).toContain('ipv_location_outside_india');
    expect(status.reasons).not.toContain('ipv_location_missing');
    expect((await evidenceOf(applicant.token)).at(-1)!.evidence).toMatchObject({
      geoStatus: 'outside_india',
      geoCountryCode: 'GB',
    });
  });

  it('sends a selfie without location or challenge (a v1 client) to review', async () => {
    const applicant = await applicantWithSelfie(async () => []);
    const status = await submitted(applicant);
    expect(status.status).toBe('needs_review');
    expect(status.reasons).toEqual(expect.arrayContaining(['ipv_location_missing', 'ipv_challenge_invalid']));
  });

  it('keeps the selfie when reverse geocoding fails, and leaves the point to a reviewer', async () => {
    simulator().faults.set('/reverse-geocoding', { status: 401 });
    const applicant = await applicantWithSelfie((token) => captureFields(ctx.app, token)).finally(() =>
      simulator().faults.clear(),
    );
    const profile = (await applicant.call('GET', '/v1/user/getDetails')).json().data;
    expect(profile.userImage).toBeTruthy();
    expect((await evidenceOf(applicant.token)).at(-1)!.evidence.geoStatus).toBe('failed');
    const status = await submitted(applicant);
    expect(status.status).toBe('needs_review');
    const liveliness = status.checks.find((check: { type: string }) => check.type === 'liveliness');
    expect(liveliness).toMatchObject({ outcome: 'indeterminate' });
    expect(status.reasons).toContain('provider_outcome_unknown');
  });
});

describe('the hourly challenge allowance', () => {
  // An operator who allows many selfies a day (the reliability suite allows 1000) must not be stopped by it.
  it('is 30, or three per selfie the daily liveliness limit allows when that is more', () => {
    expect(challengesPerHour(10)).toBe(30);
    expect(challengesPerHour(1000)).toBe(3000);
  });
});
