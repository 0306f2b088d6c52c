import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { selfieChecks, verifications } from '../../../src/db/schema/index.js';
import {
  groupPhoto,
  noFaceImage,
  passingSelfie,
} from '../../../src/providers/cashfree-simulator/test-images.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { consentingCustomer, uploadSelfie, userIdOf } from '../../helpers/liveliness.js';
import { imagePart, multipart } from '../../helpers/multipart.js';

const ctx = useTestApp({ LIVELINESS_DAILY_LIMIT: '4' });

const customer = () => consentingCustomer(ctx.app);
const upload = (token: string, image: Buffer, headers: Record<string, string> = {}, filename?: string) =>
  uploadSelfie(ctx.app, token, image, headers, filename);

describe('POST /v1/image/liveliness_check', () => {
  it('refuses without kyc_verification consent, before anything is stored or sent', async () => {
    const { token } = await registerAndLogin(ctx.app);
    const response = await upload(token, await passingSelfie());
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('consent_required');
    const rows = await ctx.database.handle.db
      .select()
      .from(verifications)
      .where(eq(verifications.userId, userIdOf(token)));
    expect(rows).toHaveLength(0);
  });

  it("answers the original contract's shape for a passing selfie, records the verification, and sets userImage", async () => {
    const { token } = await customer();
    const before = await authed(ctx.app, token, { method: 'GET', url: '/v1/user/getDetails' });
    expect(before.json().data.userImage).toBeNull();

    const response = await upload(token, await passingSelfie(7));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.success).toBe(true);
    expect(Object.keys(body.data).sort()).toEqual([
      'liveliness',
      'reference_id',
      'score',
      'status',
      'verification_id',
    ]);
    expect(body.data).toMatchObject({ status: 'SUCCESS', liveliness: true });
    expect(body.data.score).toBeGreaterThanOrEqual(0.7);

    const [row] = await ctx.database.handle.db
      .select()
      .from(verifications)
      .where(eq(verifications.verificationId, body.data.verification_id));
    expect(row).toMatchObject({ kind: 'liveliness', status: 'success', outcome: 'SUCCESS' });
    expect(JSON.stringify(row?.request)).not.toMatch(/\/9j\//); // no image bytes kept

    const after = await authed(ctx.app, token, { method: 'GET', url: '/v1/user/getDetails' });
    const userImage = after.json().data.userImage as string;
    expect(userImage).toMatch(/^\/v1\/documents\/[0-9a-f-]+\?expires=\d+&signature=/);
    const image = await ctx.app.inject({ method: 'GET', url: userImage });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
  });

  it('asks the provider for its strict check, so a group photo is refused (LIVELINESS_STRICT)', async () => {
    const { token } = await customer();
    const response = await upload(token, await groupPhoto());
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({ status: 'MULTIPLE_FACE_DETECTED', liveliness: false });
  });

  it('reports FACE_NOT_DETECTED exactly as the provider does, and keeps userImage empty', async () => {
    const { token } = await customer();
    const response = await upload(token, await noFaceImage());
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({ status: 'FACE_NOT_DETECTED', liveliness: false });
    const details = await authed(ctx.app, token, { method: 'GET', url: '/v1/user/getDetails' });
    expect(details.json().data.userImage).toBeNull();
    const attempts = await ctx.database.handle.db
      .select()
      .from(selfieChecks)
      .where(eq(selfieChecks.userId, userIdOf(token)));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.passed).toBe(false);
  });

  it('refuses a non-image named .jpg with 415 and an oversized file with 413', async () => {
    const { token } = await customer();
    const text = await upload(token, Buffer.from('<?php echo "hi"; ?>'.repeat(20)), {}, 'selfie.jpg');
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('unsupported_media_type');
    const huge = Buffer.concat([await passingSelfie(), Buffer.alloc(11 * 1024 * 1024)]);
    const big = await upload(token, huge);
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
  });

  it('refuses a decompression bomb', async () => {
    const { token } = await customer();
    const bomb = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const response = await upload(token, bomb, {}, 'bomb.png');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('/image');
  });

  it('replays the first answer for the same Idempotency-Key and refuses it with other content', async () => {
    const { token } = await customer();
    const image = await passingSelfie(11);
    const first = await upload(token, image, { 'idempotency-key': 'selfie-1' });
    const replay = await upload(token, image, { 'idempotency-key': 'selfie-1' });
    expect(first.statusCode).toBe(200);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const calls = await ctx.database.handle.db
      .select()
      .from(verifications)
      .where(eq(verifications.userId, userIdOf(token)));
    expect(calls).toHaveLength(1);
    const other = await upload(token, await passingSelfie(12), { 'idempotency-key': 'selfie-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_mismatch');
  });

  it('records both attempts of a selfie whose first answer was lost, linked by id, in the ledger', async () => {
    const { token } = await customer();
    // Cashfree processes (and charges) the first send, then answers 500: the client sends once more.
    ctx.app.provider.simulator!.faults.set('/liveliness', { status: 500, afterProcessing: true, times: 1 });
    const response = await upload(token, await passingSelfie(13));
    expect(response.statusCode).toBe(200);
    const rows = await ctx.database.handle.db
      .select()
      .from(verifications)
      .where(eq(verifications.userId, userIdOf(token)))
      .orderBy(verifications.attempt);
    expect(rows.map((row) => [row.attempt, row.status, row.errorCode])).toEqual([
      [1, 'indeterminate', 'request_failed'],
      [2, 'success', null],
    ]);
    expect(rows[1]?.verificationId).toBe(`${rows[0]?.verificationId}_2`);
    expect(response.json().data.verification_id).toBe(rows[1]?.verificationId);
  });

  it('limits attempts per user per day', async () => {
    const { token } = await customer();
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt++)
      statuses.push((await upload(token, await noFaceImage())).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('refuses other fields and non-multipart bodies', async () => {
    const { token } = await customer();
    const body = multipart([{ name: 'note', value: 'hi' }, imagePart(await passingSelfie())]);
    const extra = await authed(ctx.app, token, {
      method: 'POST',
      url: '/v1/image/liveliness_check',
      payload: body.payload,
      headers: body.headers,
    });
    expect(extra.statusCode).toBe(400);
    const json = await authed(ctx.app, token, {
      method: 'POST',
      url: '/v1/image/liveliness_check',
      payload: { image: 'x' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('answers 503 provider_unavailable when the provider is down, and records the attempt', async () => {
    const { token } = await customer();
    ctx.app.provider.simulator!.faults.set('/liveliness', { status: 500, times: 10 });
    const response = await upload(token, await passingSelfie(21));
    ctx.app.provider.simulator!.faults.clear();
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('provider_unavailable');
    expect(response.headers['retry-after']).toBeDefined();
  });
});
