import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../../src/db/schema/index.js';
import { useTestApp } from '../../helpers/app.js';

// No WEBHOOK_SECRET: nothing could sign the customer's return, so no link may be made.
const ctx = useTestApp({ LINK_REDIRECT_ORIGINS: 'https://host.example.in' });
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
