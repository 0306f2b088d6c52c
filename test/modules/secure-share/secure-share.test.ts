import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { officialIdentities, prefillProposals, secureShareSessions } from '../../../src/db/schema/index.js';
import { authed, registerAndLogin } from '../../helpers/app.js';
import { verifyMobile } from '../../helpers/contacts.js';
import { everyRowAsText, grantConsent, usePrefillApp, userIdOf } from '../digilocker/prefill-app.js';
import { randomPan } from '../profile/fixtures.js';

const ctx = usePrefillApp();

/** The mobile numbers of the simulator's personas: `default` (the original Secure-Share example's payload) and `john_doe`. */
const DEFAULT_MOBILE = '9988123456';
const JOHN_DOE_MOBILE = '9999999999';

async function customer(mobileNo = DEFAULT_MOBILE) {
  const user = await registerAndLogin(ctx.app, { mobileNo });
  await verifyMobile(ctx.app, user);
  await grantConsent(ctx.app, user.token, 'secure_share_prefill');
  return user;
}

const startSession = (token: string) =>
  authed(ctx.app, token, { method: 'POST', url: '/v1/secure-share/session' });
const complete = (token: string, authCode: string) =>
  authed(ctx.app, token, { method: 'POST', url: '/v1/secure-share/complete', payload: { authCode } });
const apply = (token: string, fields: string[], choices?: { field: string; scope: string }[]) =>
  authed(ctx.app, token, {
    method: 'POST',
    url: '/v1/secure-share/apply',
    payload: { fields, ...(choices ? { choices } : {}) },
  });
/** Auth codes exchanged at the provider so far: each one spends a code. */
const exchanges = () => ctx.simulator.state.callsTo('/oauth2/generate-token', 'POST').length;
const details = async (token: string) =>
  (await authed(ctx.app, token, { method: 'GET', url: '/v1/user/getDetails' })).json().data;

/** The user's consent in the 1-Click SDK, through the simulator's stand-in: the SDK's callback gets this code. */
async function consentInSdk(sessionId: string): Promise<string> {
  const response = await fetch(`${ctx.simulator.url}/simulator/secure-share/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session_id: sessionId }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { auth_code: string }).auth_code;
}

async function sessionWithCode(token: string) {
  const response = await startSession(token);
  expect(response.statusCode).toBe(201);
  const { sessionId } = response.json().data as { sessionId: string };
  return { sessionId, authCode: await consentInSdk(sessionId) };
}

async function completed(mobileNo = DEFAULT_MOBILE) {
  const user = await customer(mobileNo);
  const { authCode } = await sessionWithCode(user.token);
  const response = await complete(user.token, authCode);
  expect(response.statusCode).toBe(200);
  return user;
}

describe('Secure-Share sessions', () => {
  it('uses only a verified mobile number: 409 contacts_unverified before it is verified', async () => {
    const user = await registerAndLogin(ctx.app, { mobileNo: DEFAULT_MOBILE });
    await grantConsent(ctx.app, user.token, 'secure_share_prefill');
    const calls = ctx.simulator.state.calls.length;
    const response = await startSession(user.token);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('contacts_unverified');
    expect(ctx.simulator.state.calls.length).toBe(calls);
    await verifyMobile(ctx.app, user);
    expect((await startSession(user.token)).statusCode).toBe(201);
  });

  it('refuses without secure_share_prefill consent', async () => {
    const { token } = await registerAndLogin(ctx.app, { mobileNo: DEFAULT_MOBILE });
    const response = await startSession(token);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('consent_required');
  });

  it('refuses a session when Secure-Share holds nothing for the mobile number', async () => {
    const { token } = await customer('9876543210');
    const response = await startSession(token);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('prefill_unavailable');
  });

  it("answers Cashfree's session id and its hour, bound to the user", async () => {
    const { token } = await customer();
    const response = await startSession(token);
    expect(response.statusCode).toBe(201);
    const { sessionId, expiresAt } = response.json().data;
    expect(typeof sessionId).toBe('string');
    const remaining = Date.parse(expiresAt) - Date.now();
    expect(remaining).toBeGreaterThan(55 * 60 * 1000);
    expect(remaining).toBeLessThanOrEqual(60 * 60 * 1000);
    const [row] = await ctx.database.handle.db
      .select()
      .from(secureShareSessions)
      .where(eq(secureShareSessions.providerSessionId, sessionId));
    expect(row).toMatchObject({ userId: userIdOf(token), state: 'created' });
  });
});

describe('POST /v1/secure-share/complete', () => {
  it("stores the example's details as an encrypted proposal and the Aadhaar identity, and shows them masked", async () => {
    const { token } = await customer();
    const userId = userIdOf(token);
    const { authCode } = await sessionWithCode(token);
    const response = await complete(token, authCode);
    expect(response.statusCode).toBe(200);
    const data = response.json().data;
    const byField = Object.fromEntries(
      (data.fields as { field: string }[]).map(({ field, ...rest }) => [field, rest]),
    );
    expect(byField).toEqual({
      '/panDetails/panNumber': { value: 'XXXXXX234F', masked: true, scope: 'PAN', confidence: 0.85 },
      '/panDetails/name': {
        value: 'John Doe',
        masked: false,
        scope: 'NAME',
        confidence: 0.85,
        conflict: true,
        candidates: [
          { value: 'John Doe', scope: 'NAME', confidence: 0.85 },
          { value: 'Mallesh Fakkirappa Dollin', scope: 'AADHAAR', confidence: 0.85 },
        ],
      },
      '/panDetails/dateOfBirth': {
        value: '1990-01-01',
        masked: false,
        scope: 'DOB',
        confidence: null,
        conflict: true,
        candidates: [
          { value: '1990-01-01', scope: 'DOB', confidence: null },
          { value: '1995-02-02', scope: 'AADHAAR', confidence: 0.85 },
        ],
      },
      '/panDetails/mobileNo': { value: '9988123456', masked: false, scope: 'MOBILE', confidence: null },
      '/panDetails/email': { value: 'example@example.com', masked: false, scope: 'EMAIL', confidence: null },
      '/panDetails/iAm': { value: 'Individual', masked: false, scope: 'PAN', confidence: 0.85 },
      '/profileDetails/gender': { value: 'Male', masked: false, scope: 'GENDER', confidence: null },
      '/profileDetails/occupation': {
        value: 'Salaried',
        masked: false,
        scope: 'OCCUPATION',
        confidence: null,
      },
      '/profileDetails/annualIncome': { value: 0, masked: false, scope: 'INCOME', confidence: null },
      '/addressDetails/permanentAddress': {
        value: '123 Main St, Bangalore',
        masked: false,
        scope: 'ADDRESS',
        confidence: null,
      },
      '/addressDetails/permanentState': {
        value: 'Karnataka',
        masked: false,
        scope: 'ADDRESS',
        confidence: null,
      },
      '/addressDetails/permanentPincode': {
        value: '123456',
        masked: false,
        scope: 'ADDRESS',
        confidence: null,
      },
      '/addressDetails/permanentCountry': {
        value: 'India',
        masked: false,
        scope: 'ADDRESS',
        confidence: null,
      },
      '/bankDetails/-/bankAccountNumber': {
        value: 'XXXXXX7890',
        masked: true,
        scope: 'BANK_ACCOUNT',
        confidence: 0.85,
      },
      '/bankDetails/-/bankName': {
        value: 'YES BANK',
        masked: false,
        scope: 'BANK_ACCOUNT',
        confidence: 0.85,
      },
      '/bankDetails/-/nameAtBank': {
        value: 'John Doe',
        masked: false,
        scope: 'BANK_ACCOUNT',
        confidence: 0.85,
      },
      '/aadhaar': { value: 'XXXX XXXX 9012', masked: true, scope: 'AADHAAR', confidence: 0.85 },
    });
    expect(data.identity).toMatchObject({
      source: 'secure_share',
      name: 'Mallesh Fakkirappa Dollin',
      aadhaar: 'XXXX XXXX 9012',
      hasDateOfBirth: true,
      hasAddress: true,
      hasPhoto: true,
    });

    const prefill = await authed(ctx.app, token, { method: 'GET', url: '/v1/secure-share/prefill' });
    expect(prefill.statusCode).toBe(200);
    expect(prefill.json().data).toEqual(data);

    const [proposal] = await ctx.database.handle.db
      .select()
      .from(prefillProposals)
      .where(eq(prefillProposals.userId, userId));
    expect(JSON.stringify(proposal)).not.toMatch(/ABCDE1234F|1234567890|John Doe/);
    const [identity] = await ctx.database.handle.db
      .select()
      .from(officialIdentities)
      .where(eq(officialIdentities.userId, userId));
    // The persona's drawn Aadhaar photo is kept as an encrypted document, like DigiLocker's.
    expect(identity).toMatchObject({ source: 'secure_share', aadhaarLast4: '9012' });
    expect(identity!.photoDocumentId).toEqual(expect.any(String));
    expect(await ctx.secureShare.prefill(userId)).toEqual(data);
    expect(await ctx.officialIdentities.latest(ctx.database.handle.db, userId)).toMatchObject({
      source: 'secure_share',
      dateOfBirth: '1995-02-02',
      address: { city: 'Ranibennur', pincode: '123456' },
    });
    // Nothing Secure-Share told about the person is stored in clear: not in the identity, not in the ledger.
    const stored = await everyRowAsText(ctx.database);
    expect(stored).not.toContain('ABCDE1234F');
    expect(stored).not.toMatch(/Mallesh|Fakkirappa|John Doe|Umashankar|Ranibennur|02-02-1995|1995-02-02/i);
  });

  it('completes a session once: a second code is 409, the same code again gets the same answer', async () => {
    const { token } = await customer();
    const { sessionId, authCode } = await sessionWithCode(token);
    const first = await complete(token, authCode);
    expect(first.statusCode).toBe(200);

    const spent = exchanges();
    const again = await complete(token, authCode);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(exchanges()).toBe(spent);
    const second = await complete(token, await consentInSdk(sessionId));
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('session_completed');
    const proposals = await ctx.database.handle.db
      .select()
      .from(prefillProposals)
      .where(eq(prefillProposals.userId, userIdOf(token)));
    expect(proposals).toHaveLength(1);
  });

  it("ends with Cashfree's hour: 409 session_expired, nothing stored", async () => {
    const { token } = await customer();
    const { sessionId, authCode } = await sessionWithCode(token);
    await ctx.database.handle.db
      .update(secureShareSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(secureShareSessions.providerSessionId, sessionId));
    const response = await complete(token, authCode);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('session_expired');
    const [row] = await ctx.database.handle.db
      .select()
      .from(secureShareSessions)
      .where(eq(secureShareSessions.providerSessionId, sessionId));
    expect(row!.state).toBe('expired');
    expect(
      (await authed(ctx.app, token, { method: 'GET', url: '/v1/secure-share/prefill' })).statusCode,
    ).toBe(404);
  });

  it("answers 404 for another user's code without spending it when the caller has no open session", async () => {
    const owner = await customer();
    const { authCode } = await sessionWithCode(owner.token);
    const stranger = await customer();
    const spent = exchanges();

    const response = await complete(stranger.token, authCode);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
    expect(exchanges()).toBe(spent);
    expect((await complete(owner.token, authCode)).statusCode).toBe(200);
  });

  it("answers 404 for another user's code, and keeps its result for the owner, whose own attempt succeeds", async () => {
    const owner = await customer();
    const { authCode } = await sessionWithCode(owner.token);
    const stranger = await customer();
    await sessionWithCode(stranger.token);

    // Only the exchange tells whose code it is: spent now, but its result is the owner's.
    const response = await complete(stranger.token, authCode);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
    expect(
      await ctx.database.handle.db
        .select()
        .from(prefillProposals)
        .where(eq(prefillProposals.userId, userIdOf(stranger.token))),
    ).toHaveLength(0);
    const strangers = await authed(ctx.app, stranger.token, {
      method: 'GET',
      url: '/v1/secure-share/prefill',
    });
    expect(strangers.statusCode).toBe(404);

    const own = await complete(owner.token, authCode);
    expect(own.statusCode).toBe(200);
    expect(own.json().data.fields).toContainEqual(
      expect.objectContaining({ field: '/panDetails/name', value: 'John Doe' }),
    );
    const prefill = await authed(ctx.app, owner.token, { method: 'GET', url: '/v1/secure-share/prefill' });
    expect(prefill.json().data).toEqual(own.json().data);
  });

  it('asks for a new consent when Cashfree spent the code but its answer was lost', async () => {
    const { token } = await customer();
    const { authCode } = await sessionWithCode(token);
    ctx.simulator.faults.set('/oauth2/generate-token', { status: 500, afterProcessing: true, times: 1 });
    const lost = await complete(token, authCode);
    expect(lost.statusCode).toBe(409);
    expect(lost.json()).toMatchObject({ code: 'consent_again' });
    expect(lost.json().detail).toMatch(/consent again/);

    const { authCode: fresh } = await sessionWithCode(token);
    expect((await complete(token, fresh)).statusCode).toBe(200);
  });

  it('refuses an unknown auth code naming the field, and a body with other fields', async () => {
    const { token } = await customer();
    await sessionWithCode(token);
    const unknown = await complete(token, 'code_not_issued');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ field: '/authCode', code: 'invalid_auth_code' }),
    ]);
    const extra = await authed(ctx.app, token, {
      method: 'POST',
      url: '/v1/secure-share/complete',
      payload: { authCode: 'x', sessionId: 'y' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0]).toMatchObject({ field: '/sessionId', code: 'unknown_field' });
  });
});

describe('POST /v1/secure-share/apply', () => {
  it('answers 404 before any proposal', async () => {
    const { token } = await customer();
    expect((await apply(token, ['/panDetails/name'])).statusCode).toBe(404);
  });

  it('refuses fields that were not proposed, naming them', async () => {
    const { token } = await completed();
    const response = await apply(token, ['/panDetails/name', '/panDetails/password']);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ field: '/fields/1', code: 'not_proposed' }),
    ]);
  });

  it("runs update_data's validation: the example's PAN does not fit an individual, so nothing is written", async () => {
    const { token } = await completed();
    const before = await details(token);
    const response = await apply(
      token,
      [
        '/panDetails/panNumber',
        '/panDetails/name',
        '/panDetails/dateOfBirth',
        '/panDetails/mobileNo',
        '/panDetails/email',
        '/panDetails/iAm',
      ],
      [
        { field: '/panDetails/name', scope: 'NAME' },
        { field: '/panDetails/dateOfBirth', scope: 'DOB' },
      ],
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toEqual([expect.objectContaining({ field: '/panDetails/panNumber' })]);
    const after = await details(token);
    expect(after.panDetails).toBeNull();
    expect(after.__v).toBe(before.__v);
  });

  it('writes complete sections, with what the user saved before, and says which fields were applied', async () => {
    const { token } = await completed(JOHN_DOE_MOBILE);
    const saved = await authed(ctx.app, token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: {
        panDetails: {
          panNumber: randomPan(),
          name: 'J Doe',
          dateOfBirth: '1990-01-01',
          mobileNo: JOHN_DOE_MOBILE,
          email: 'john@example.com',
          iAm: 'Individual',
        },
      },
    });
    expect(saved.statusCode).toBe(200);

    const response = await apply(token, [
      '/panDetails/panNumber',
      '/panDetails/name',
      '/panDetails/dateOfBirth',
      '/profileDetails/gender',
      '/bankDetails/-/bankAccountNumber',
    ]);
    expect(response.statusCode).toBe(200);
    const result = response.json().data;
    expect(result.applied).toEqual(['/panDetails/panNumber', '/panDetails/name', '/panDetails/dateOfBirth']);
    expect(result.drafted).toEqual(['/profileDetails/gender']);
    expect(result.skipped).toEqual([
      expect.objectContaining({
        field: '/bankDetails/-/bankAccountNumber',
        reason: 'needs_completion',
        missing: ['/bankDetails/-/ifscCode', '/bankDetails/-/accountType'],
      }),
      expect.objectContaining({
        field: '/profileDetails/gender',
        reason: 'section_incomplete',
        missing: [
          '/profileDetails/placeOfBirth',
          '/profileDetails/occupation',
          '/profileDetails/annualIncome',
          '/profileDetails/citizenship',
          '/profileDetails/informationConfirmation',
        ],
      }),
    ]);

    const after = await details(token);
    expect(after.__v).toBe(result.__v);
    expect(after.panDetails).toEqual({
      panNumber: 'ABCPV1234D',
      name: 'John Doe',
      dateOfBirth: '1993-06-30',
      mobileNo: JOHN_DOE_MOBILE,
      email: 'john@example.com',
      iAm: 'Individual',
    });
    expect(after.profileDetails).toBeNull();
    expect(after.bankDetails).toEqual([]);
    const prefill = await authed(ctx.app, token, { method: 'GET', url: '/v1/secure-share/prefill' });
    expect(prefill.json().data.appliedAt).not.toBeNull();
  });
  it('keeps the accepted fields of an incomplete section as a draft, and writes them once the section is complete', async () => {
    const { token } = await completed();
    const first = (await apply(token, ['/profileDetails/gender', '/profileDetails/annualIncome'])).json()
      .data;
    expect(first).toMatchObject({
      applied: [],
      drafted: ['/profileDetails/gender', '/profileDetails/annualIncome'],
    });
    const prefill = (await authed(ctx.app, token, { method: 'GET', url: '/v1/secure-share/prefill' })).json()
      .data;
    expect(prefill.drafts).toEqual({ profileDetails: { gender: 'Male', annualIncome: 0 } });

    const saved = await authed(ctx.app, token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: {
        profileDetails: {
          gender: 'Female',
          placeOfBirth: 'Hubli',
          occupation: 'Teacher',
          annualIncome: 250000,
          citizenship: true,
          informationConfirmation: true,
        },
      },
    });
    expect(saved.statusCode).toBe(200);
    const second = (await apply(token, ['/profileDetails/occupation'])).json().data;
    expect(second).toMatchObject({ applied: ['/profileDetails/occupation'], drafted: [] });
    expect((await details(token)).profileDetails).toMatchObject({
      gender: 'Male',
      annualIncome: 0,
      occupation: 'Salaried',
      placeOfBirth: 'Hubli',
    });
    const after = (await authed(ctx.app, token, { method: 'GET', url: '/v1/secure-share/prefill' })).json()
      .data;
    expect(after.drafts).toEqual({});
  });

  it('applies a field in conflict only with the chosen candidate, and says so otherwise', async () => {
    const { token } = await completed();
    const refused = await apply(
      token,
      ['/panDetails/name'],
      [{ field: '/panDetails/name', scope: 'OCCUPATION' }],
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ field: '/choices/0/scope', code: 'not_proposed' }),
    ]);

    const unchosen = (await apply(token, ['/panDetails/name'])).json().data;
    expect(unchosen.applied).toEqual([]);
    expect(unchosen.skipped).toEqual([
      expect.objectContaining({
        field: '/panDetails/name',
        reason: 'conflict',
        message: expect.stringContaining('NAME, AADHAAR'),
      }),
    ]);
  });

  it("fills the PAN section's email and mobile number from the account when Secure-Share gives none", async () => {
    const { token } = await completed('9999900003');
    await authed(ctx.app, token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: {
        panDetails: {
          panNumber: randomPan(),
          name: 'Someone Else',
          dateOfBirth: '1991-03-11',
          mobileNo: '9999900003',
          email: 'before@example.com',
          iAm: 'Individual',
        },
      },
    });
    const response = await apply(token, ['/panDetails/name']);
    expect(response.json().data).toMatchObject({ applied: ['/panDetails/name'], filledFromAccount: [] });
    expect((await details(token)).panDetails).toMatchObject({
      name: 'Arjun Mehta',
      email: 'before@example.com',
    });

    // A user with nothing saved: the account's email and mobile number complete the section.
    const fresh = await customer('9999900001');
    const { authCode } = await sessionWithCode(fresh.token);
    // The sandbox holder with a PAN of their own: ABCPV1234D may be registered by another test's user.
    const grant = ctx.simulator.state.authCodes.get(authCode)!;
    const pan = randomPan();
    grant.persona = {
      ...grant.persona,
      scopes: grant.persona.scopes.map((entry) =>
        entry.scope === 'PAN'
          ? {
              ...entry,
              records: entry.records.map((record) => ({ ...record, metadata: { ...record.metadata, pan } })),
            }
          : entry,
      ),
    };
    expect((await complete(fresh.token, authCode)).statusCode).toBe(200);
    const applied = await apply(fresh.token, [
      '/panDetails/panNumber',
      '/panDetails/name',
      '/panDetails/dateOfBirth',
      '/panDetails/iAm',
    ]);
    expect(applied.statusCode, applied.body).toBe(200);
    const result = applied.json().data;
    expect(result.filledFromAccount).toEqual(['/panDetails/email', '/panDetails/mobileNo']);
    expect(result.applied).toEqual([
      '/panDetails/panNumber',
      '/panDetails/name',
      '/panDetails/dateOfBirth',
      '/panDetails/iAm',
    ]);
    expect((await details(fresh.token)).panDetails).toMatchObject({
      email: fresh.email,
      mobileNo: '9999900001',
    });
  });
});

describe('API description', () => {
  it('lists the DigiLocker and Secure-Share routes', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/digilocker/session',
        '/v1/digilocker/status',
        '/v1/secure-share/session',
        '/v1/secure-share/complete',
        '/v1/secure-share/prefill',
        '/v1/secure-share/apply',
      ]),
    );
  });
});
