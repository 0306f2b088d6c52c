import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { officialIdentities } from '../../../src/db/schema/index.js';
import { authed, registerAndLogin } from '../../helpers/app.js';
import { grantConsent, usePrefillApp, userIdOf } from './prefill-app.js';

const ctx = usePrefillApp();

const status = (token: string) => authed(ctx.app, token, { method: 'GET', url: '/v1/digilocker/status' });
const lookups = () => ctx.simulator.state.callsTo('/digilocker', 'GET').length;

describe('DigiLocker status lookups that race', () => {
  it('keeps a fetched request fetched when an older lookup answers after it', async () => {
    const { token } = await registerAndLogin(ctx.app);
    await grantConsent(ctx.app, token, 'digilocker_fetch');
    const created = await authed(ctx.app, token, { method: 'POST', url: '/v1/digilocker/session' });
    const { verificationId, url } = created.json().data as { verificationId: string; url: string };
    const consent = await fetch(`${url}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'default' }),
    });
    expect(consent.status).toBe(200);

    // The first lookup is held at the provider; a second one stores the Aadhaar meanwhile.
    const before = lookups();
    ctx.simulator.faults.set('GET /digilocker', { latencyMs: 5000, times: 1 });
    const older = status(token);
    await vi.waitFor(() => expect(lookups()).toBe(before + 1));
    const newer = await status(token);
    expect(newer.json().data.status).toBe('fetched');
    // The held lookup is answered with older news that contradicts the stored document.
    ctx.simulator.state.digilocker.get(verificationId)!.status = 'CONSENT_DENIED';
    expect((await older).statusCode).toBe(200);

    const after = await status(token);
    expect(after.json().data).toMatchObject({
      verificationId,
      status: 'fetched',
      identity: expect.objectContaining({ source: 'digilocker' }),
    });
    const identities = await ctx.database.handle.db
      .select()
      .from(officialIdentities)
      .where(eq(officialIdentities.userId, userIdOf(token)));
    expect(identities).toHaveLength(1);
  });
});
