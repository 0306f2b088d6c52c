import { describe, expect, it } from 'vitest';
import openapi from '../../openapi/openapi.json' with { type: 'json' };
import { authed, registerAndLogin, useTestApp } from '../helpers/app.js';
import { randomPan, sandboxProfile } from '../helpers/kyc.js';
import { promoteAndLogin } from '../helpers/staff.js';

const ctx = useTestApp();

/** The customer's own routes (docs/api.md): staff sign in to the console, never through these. */
const CUSTOMER_PREFIXES = [
  '/v1/user/',
  '/v1/data/',
  '/v1/consents',
  '/v1/me/',
  '/v1/image/',
  '/v1/ipv/',
  '/v1/digilocker/',
  '/v1/banks/',
  '/v1/secure-share/',
  '/v1/kyc/',
];

const customerOperations = Object.entries(openapi.paths as Record<string, Record<string, unknown>>)
  .filter(([path]) => CUSTOMER_PREFIXES.some((prefix) => path.startsWith(prefix)))
  .flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({
      method: method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE',
      // Any value will do: the role is checked before parameters or body are read.
      url: path.replace(/\{[^}]+\}/g, 'SBIN0000001'),
    })),
  );

describe("the customer's routes", () => {
  it('refuse reviewer and admin tokens with 403 forbidden, every one of them', async () => {
    expect(customerOperations.length).toBeGreaterThanOrEqual(25);
    for (const role of ['reviewer', 'admin'] as const) {
      const staff = await promoteAndLogin(ctx.app, ctx.database, role);
      for (const { method, url } of customerOperations) {
        const answer = await authed(ctx.app, staff.token, {
          method,
          url,
          ...(method === 'GET' ? {} : { payload: {} }),
        });
        expect([role, method, url, answer.statusCode, answer.json().code]).toEqual([
          role,
          method,
          url,
          403,
          'forbidden',
        ]);
      }
    }
  });

  it("leave a customer's PAN theirs when a reviewer tries to save it", async () => {
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const { panDetails } = await sandboxProfile();
    const pan = { ...panDetails, panNumber: randomPan() };
    const refused = await authed(ctx.app, reviewer.token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: { panDetails: pan },
    });
    expect(refused.statusCode).toBe(403);
    const customer = await registerAndLogin(ctx.app);
    const saved = await authed(ctx.app, customer.token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: { panDetails: pan },
    });
    expect(saved.statusCode).toBe(200);
  });
});
