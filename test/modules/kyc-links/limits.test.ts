import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../../src/db/schema/index.js';
import { useTestApp } from '../../helpers/app.js';

// No WEBHOOK_SECRET: nothing could sign the customer's return, so no link may be made. Exchanges
// share the login limit per address, set low here.
const ctx = useTestApp({
  LINK_REDIRECT_ORIGINS: 'https://host.example.in',
  LOGIN_RATE_LIMIT_PER_MINUTE: '3',
});
const body = {
  externalId: 'host-unconfigured-1',
  name: 'Meera Iyer',
  email: 'meera.unconfigured@example.com',
  mobileNo: '9876543210',
  redirectUrl: 'https://host.example.in/kyc/done',
};

async function create(payload: object) {
  const { key } = await ctx.app.services.apiKeys.create({ name: 'links', scopes: ['links:write'] });
  return ctx.app.inject({
    method: 'POST',
    url: '/v1/integration/kyc-links',
    headers: { 'x-api-key': key },
    payload,
  });
}

describe('KYC links without WEBHOOK_SECRET', () => {
  it('refuses to create a link with 409 links_not_configured, creating no customer', async () => {
    const response = await create(body);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('links_not_configured');
    expect(response.json().detail).toContain('WEBHOOK_SECRET');
    const created = await ctx.database.handle.db
      .select()
      .from(users)
      .where(eq(users.externalId, body.externalId));
    expect(created).toEqual([]);
  });
});

describe('opening KYC links', () => {
  it('limits exchanges per address like logins, with 429 and retry-after', async () => {
    const exchange = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/v1/kyc-links/exchange',
        remoteAddress: '203.0.113.77',
        payload: { token: `kl_${'B'.repeat(43)}` },
      });
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await exchange()).statusCode).toBe(404);
    const limited = await exchange();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  });
});
