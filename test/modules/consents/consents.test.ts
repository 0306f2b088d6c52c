import { describe, expect, it } from 'vitest';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';

const ctx = useTestApp();

interface Consent {
  _id: string;
  purpose: string;
  noticeVersion: string;
  grantedAt: string;
  withdrawnAt: string | null;
}

async function signedIn() {
  const session = await registerAndLogin(ctx.app);
  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => authed(ctx.app, session.token, { method, url, headers, ...(payload ? { payload } : {}) });
  return {
    ...session,
    grant: (purpose: string, noticeVersion = 'v1', headers?: Record<string, string>) =>
      call('POST', '/v1/consents', { purpose, noticeVersion }, headers),
    list: async () => ((await call('GET', '/v1/consents')).json() as { data: Consent[] }).data,
    withdraw: (purpose: string) => call('DELETE', `/v1/consents/${purpose}`),
  };
}

const query = async (text: string, values: unknown[]) =>
  (await ctx.database.handle.sql.executeSql(text, values)).rows as Array<Record<string, unknown>>;

describe('consents', () => {
  it('records purpose, notice version, time, IP and user agent', async () => {
    const user = await signedIn();
    const before = Date.now();
    const response = await user.grant('kyc_verification', '2025-01', { 'user-agent': 'PehchanTest/1.0' });
    expect(response.statusCode).toBe(201);
    const { data } = response.json() as { success: boolean; data: Consent };
    expect((response.json() as { success: boolean }).success).toBe(true);
    expect(data).toEqual({
      _id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      purpose: 'kyc_verification',
      noticeVersion: '2025-01',
      grantedAt: expect.any(String),
      withdrawnAt: null,
    });
    expect(new Date(data.grantedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [row] = await query('select ip, user_agent from consents where id = $1', [data._id]);
    expect(row).toEqual({ ip: '127.0.0.1', user_agent: 'PehchanTest/1.0' });
  });

  it('lists every consent given and withdrawn, newest first, and only the caller’s', async () => {
    const user = await signedIn();
    const other = await signedIn();
    await other.grant('digilocker_fetch');
    await user.grant('kyc_verification');
    await user.grant('secure_share_prefill');
    await user.withdraw('kyc_verification');
    const list = await user.list();
    expect(list.map((consent) => [consent.purpose, consent.withdrawnAt === null])).toEqual([
      ['secure_share_prefill', true],
      ['kyc_verification', false],
    ]);
  });

  it('keeps one active consent per purpose: the same notice again is the same consent, a new notice replaces it', async () => {
    const user = await signedIn();
    const first = (await user.grant('kyc_verification', 'v1')).json() as { data: Consent };
    const same = (await user.grant('kyc_verification', 'v1')).json() as { data: Consent };
    expect(same.data._id).toBe(first.data._id);
    const newer = (await user.grant('kyc_verification', 'v2')).json() as { data: Consent };
    expect(newer.data._id).not.toBe(first.data._id);
    const list = await user.list();
    expect(
      list.filter((consent) => consent.withdrawnAt === null).map((consent) => consent.noticeVersion),
    ).toEqual(['v2']);
    expect(list).toHaveLength(2);
  });

  it('handles concurrent grants of one purpose without an error', async () => {
    const user = await signedIn();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => user.grant('digilocker_fetch', 'v1')),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
    const active = (await user.list()).filter((consent) => consent.withdrawnAt === null);
    expect(active).toHaveLength(1);
  });

  it('withdraws, and answers 404 when there is no active consent to withdraw', async () => {
    const user = await signedIn();
    await user.grant('secure_share_prefill');
    const withdrawn = await user.withdraw('secure_share_prefill');
    expect(withdrawn.statusCode).toBe(200);
    expect((withdrawn.json() as { data: Consent }).data).toMatchObject({
      purpose: 'secure_share_prefill',
      withdrawnAt: expect.any(String),
    });
    const again = await user.withdraw('secure_share_prefill');
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'not_found', success: false });
    expect((await user.withdraw('kyc_verification')).statusCode).toBe(404);
  });

  it('refuses an unknown purpose, a bad notice version and unknown fields with 400', async () => {
    const user = await signedIn();
    for (const [response, field] of [
      [await user.grant('marketing'), '/purpose'],
      [await user.grant('kyc_verification', ''), '/noticeVersion'],
      [await user.grant('kyc_verification', 'v1; drop table'), '/noticeVersion'],
      [await user.withdraw('marketing'), '/purpose'],
    ] as const) {
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
      expect(
        (response.json() as { errors: Array<{ field: string }> }).errors.map((error) => error.field),
      ).toContain(field);
    }
    const extra = await authed(ctx.app, user.token, {
      method: 'POST',
      url: '/v1/consents',
      payload: { purpose: 'kyc_verification', noticeVersion: 'v1', grantedAt: '2000-01-01T00:00:00Z' },
    });
    expect(extra.json()).toMatchObject({ errors: [{ field: '/grantedAt', code: 'unknown_field' }] });
  });

  it('requires a bearer token', async () => {
    const responses = await Promise.all([
      ctx.app.inject({ method: 'GET', url: '/v1/consents' }),
      ctx.app.inject({
        method: 'POST',
        url: '/v1/consents',
        payload: { purpose: 'kyc_verification', noticeVersion: 'v1' },
      }),
      ctx.app.inject({ method: 'DELETE', url: '/v1/consents/kyc_verification' }),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([401, 401, 401]);
  });

  it('lets services require an active consent (403 consent_required otherwise)', async () => {
    const user = await signedIn();
    const [row] = await query('select id from users where email = $1', [user.email]);
    const userId = row!.id as string;
    await expect(ctx.app.services.consents.require(userId, 'kyc_verification')).rejects.toMatchObject({
      status: 403,
      code: 'consent_required',
    });
    await user.grant('kyc_verification');
    await expect(ctx.app.services.consents.require(userId, 'kyc_verification')).resolves.toBeUndefined();
    await user.withdraw('kyc_verification');
    await expect(ctx.app.services.consents.require(userId, 'kyc_verification')).rejects.toMatchObject({
      code: 'consent_required',
    });
  });
});
