import { afterEach, describe, expect, it } from 'vitest';
import { BankService } from '../../../src/modules/banks/service.js';
import { MemoryCounterStore, RateLimiter } from '../../../src/plugins/rate-limit.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';

const ctx = useTestApp();

const simulator = () => ctx.app.provider.simulator!;
const providerLookups = () => simulator().state.callsTo('/ifsc', 'POST').length;

async function customer() {
  const { token } = await registerAndLogin(ctx.app);
  return (ifsc: string) => authed(ctx.app, token, { method: 'GET', url: `/v1/banks/ifsc/${ifsc}` });
}

afterEach(() => simulator().faults.clear());

describe('IFSC lookup', () => {
  it('answers the bank and branch the provider knows for the code', async () => {
    const lookup = await customer();
    const response = await lookup('HDFC0000001');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      success: true,
      data: {
        ifsc: 'HDFC0000001',
        bank: 'HDFC BANK',
        branch: 'BANGALORE - RAJA RAJESHWARI NAGAR BRANCH',
        city: 'BANGALORE',
        state: 'KARNATAKA',
        address: 'GROUND FLOOR, 123, ABC CIRCLE, XYZ MAIN ROAD, BANGALORE - 560098',
      },
    });
  });

  it('needs a signed-in customer', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/banks/ifsc/HDFC0000001' });
    expect(response.statusCode).toBe(401);
  });

  it.each(['HDFC1000001', 'HDFC000001', 'HDFC00000011', '1234000001A', 'HDFC-000001'])(
    'refuses the malformed code %s with a 400 naming /ifsc, without asking the provider',
    async (ifsc) => {
      const lookup = await customer();
      const before = providerLookups();
      const response = await lookup(ifsc);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/ifsc' }] });
      expect(providerLookups()).toBe(before);
    },
  );

  it('takes the code in lower case and answers it upper-case', async () => {
    const lookup = await customer();
    const response = await lookup('sbin0000003');
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({ ifsc: 'SBIN0000003', bank: 'STATE BANK OF INDIA' });
  });

  it('answers 404 ifsc_not_found for a well-formed code no branch has', async () => {
    const lookup = await customer();
    const response = await lookup('ZZZZ0000001');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ifsc_not_found', errors: [{ field: '/ifsc' }] });
  });

  it('asks the provider once for a code looked up again, found or not', async () => {
    const first = await customer();
    const second = await customer();
    const before = providerLookups();
    expect((await first('ICIC0000009')).statusCode).toBe(200);
    expect((await second('ICIC0000009')).json().data.branch).toBe('MUMBAI - NARIMAN POINT');
    expect((await first('QQQQ0000001')).statusCode).toBe(404);
    expect((await second('QQQQ0000001')).statusCode).toBe(404);
    expect(providerLookups()).toBe(before + 2);
  });

  it('answers 503 provider_unavailable when the provider fails, and caches nothing', async () => {
    const lookup = await customer();
    simulator().faults.set('/ifsc', { status: 503 });
    const failed = await lookup('UTIB0000123');
    expect(failed.statusCode).toBe(503);
    expect(failed.json().code).toBe('provider_unavailable');
    expect(failed.headers['retry-after']).toBeDefined();

    simulator().faults.clear();
    const answered = await lookup('UTIB0000123');
    expect(answered.statusCode).toBe(200);
    expect(answered.json().data.bank).toBe('AXIS BANK');
  });

  it('limits one customer to 30 lookups a minute, cached ones included', async () => {
    const lookup = await customer();
    for (let count = 0; count < 30; count++) expect((await lookup('YESB0000262')).statusCode).toBe(200);
    const refused = await lookup('YESB0000262');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
    // Another customer is not held back.
    expect((await (await customer())('YESB0000262')).statusCode).toBe(200);
  });

  it('keeps a bounded number of answers, forgetting the least recently used first', async () => {
    const limiter = new RateLimiter(new MemoryCounterStore(), ctx.app.log, false);
    const banks = new BankService(ctx.app.provider.client, limiter, {
      cacheSize: 2,
      cacheTtlMs: 60_000,
      perUserPerMinute: 100,
    });
    const { token } = await registerAndLogin(ctx.app);
    const userId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
    const lookup = (ifsc: string) => banks.lookupIfsc(userId, ifsc);
    const before = providerLookups();
    await lookup('KKBK0000001');
    await lookup('KKBK0000002');
    await lookup('KKBK0000001'); // cached, and now the most recently used
    await lookup('KKBK0000003'); // pushes out KKBK0000002
    expect(providerLookups()).toBe(before + 3);
    await lookup('KKBK0000001');
    expect(providerLookups()).toBe(before + 3);
    await lookup('KKBK0000002');
    expect(providerLookups()).toBe(before + 4);
  });
});
