import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { profileEvents } from '../../../src/db/schema/index.js';
import { useTestApp } from '../../helpers/app.js';
import {
  customer,
  problems,
  randomAccountNumber,
  randomPan,
  sectionsOf,
  contractExampleRequest,
} from './fixtures.js';
import type { Profile } from './fixtures.js';

const ctx = useTestApp();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const eventsOf = (userId: string) =>
  ctx.database.handle.db.select().from(profileEvents).where(eq(profileEvents.userId, userId));

describe('PUT /v1/data/update_data and GET /v1/user/getDetails: the original contract round trip', () => {
  it('stores the contract example and answers in the contract response shape, field by field', async () => {
    const user = await customer(ctx.app);
    const request = await contractExampleRequest();
    const response = await user.update(request);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json() as { success: boolean; message: string; data: Profile };
    expect(body.success).toBe(true);
    expect(body.message).toBe('Profile updated successfully');
    const { data } = body;

    expect(Object.keys(data).sort()).toEqual(
      [
        '_id',
        '__v',
        'addressDetails',
        'bankDetails',
        'dematDetails',
        'email',
        'emailVerified',
        'fatcaDetails',
        'kycStatus',
        'mobileNo',
        'mobileVerified',
        'name',
        'nominationDetails',
        'panDetails',
        'pepDetails',
        'profileDetails',
        'tradingPreferences',
        'userImage',
        'verifiedAt',
        'verifiedStatus',
      ].sort(),
    );
    // A v1 client that never sends the declarations sees them as never saved.
    expect(data).toMatchObject({
      nominationDetails: null,
      fatcaDetails: null,
      pepDetails: null,
      tradingPreferences: null,
    });
    expect(data._id).toBe(user.id);
    expect(data._id).toMatch(UUID);
    expect(data.email).toBe(user.email);
    expect(data.name).toBe('Asha Verma');
    expect(data.mobileNo).toBe('9876543210');
    expect(data.__v).toBe(1);
    expect(data.kycStatus).toBe('draft');
    expect(data.verifiedStatus).toBeNull();
    expect(data.verifiedAt).toBeNull();
    expect(data.emailVerified).toBe(false);
    expect(data.mobileVerified).toBe(false);
    expect(data.userImage).toBeNull();
    expect(data.panDetails).toEqual({ ...request.panDetails, dateOfBirth: '1995-08-15' });
    expect(data.profileDetails).toEqual(request.profileDetails);
    expect(data.addressDetails).toEqual(request.addressDetails);

    expect(data.bankDetails).toHaveLength(2);
    data.bankDetails.forEach((entry, index) => {
      const sent = request.bankDetails[index]!;
      expect(entry).toEqual({
        ...sent,
        // Sent as a number, returned as a string, like the original contract.
        bankAccountNumber: String(sent.bankAccountNumber),
        _id: expect.stringMatching(UUID),
      });
    });
    expect(data.bankDetails[0]!._id).not.toBe(data.bankDetails[1]!._id);

    expect(data.dematDetails).toHaveLength(1);
    const [demat] = data.dematDetails;
    expect(demat).toEqual({
      _id: expect.stringMatching(UUID),
      depository: 'NSDL',
      dpID: 'IN301234',
      clientID: '65432109',
      primary: true,
      clientMasterCopy: {
        _id: expect.stringMatching(UUID),
        contentType: 'application/pdf',
        size: expect.any(Number),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        url: expect.stringMatching(/^\/v1\/documents\/[0-9a-f-]{36}\?expires=\d+&signature=[A-Za-z0-9_-]+$/),
      },
    });
    // The PDF is re-serialised by the sanitiser; what is stored is what size and sha256 describe.
    const stored = await ctx.app.inject({ method: 'GET', url: demat!.clientMasterCopy!.url });
    expect(stored.statusCode).toBe(200);
    expect(stored.rawPayload.length).toBe(demat!.clientMasterCopy!.size);
    expect(createHash('sha256').update(stored.rawPayload).digest('hex')).toBe(
      demat!.clientMasterCopy!.sha256,
    );
    expect(stored.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const details = await user.getDetails();
    expect(details.statusCode).toBe(200);
    expect(details.headers['cache-control']).toBe('no-store');
    expect(details.headers.etag).toBe('"1"');
    expect(response.headers.etag).toBe('"1"');
    const again = (details.json() as { success: boolean; data: Profile }).data;
    expect((details.json() as { success: boolean }).success).toBe(true);
    // Signed URLs are minted per response; everything else is identical.
    const withoutUrls = (profile: Profile) => ({
      ...profile,
      dematDetails: profile.dematDetails.map((entry) => ({
        ...entry,
        clientMasterCopy: entry.clientMasterCopy && { ...entry.clientMasterCopy, url: 'signed' },
      })),
    });
    expect(withoutUrls(again)).toEqual(withoutUrls(data));
  });

  it('answers an empty profile before anything is saved', async () => {
    const user = await customer(ctx.app);
    const response = await user.getDetails();
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"0"');
    expect((response.json() as { data: Profile }).data).toMatchObject({
      _id: user.id,
      panDetails: null,
      profileDetails: null,
      addressDetails: null,
      bankDetails: [],
      dematDetails: [],
      __v: 0,
      kycStatus: 'draft',
      userImage: null,
    });
  });

  it('requires a bearer token', async () => {
    const get = await ctx.app.inject({ method: 'GET', url: '/v1/user/getDetails' });
    const put = await ctx.app.inject({ method: 'PUT', url: '/v1/data/update_data', payload: {} });
    expect([get.statusCode, put.statusCode]).toEqual([401, 401]);
    expect(put.json()).toMatchObject({ code: 'invalid_token' });
  });
});

describe('sections', () => {
  it('accepts any subset, replaces the sections sent and keeps the others', async () => {
    const user = await customer(ctx.app);
    const request = await contractExampleRequest();
    expect((await user.update({ profileDetails: request.profileDetails })).statusCode).toBe(200);
    let profile = await user.profile();
    expect(profile.profileDetails).toEqual(request.profileDetails);
    expect(profile.panDetails).toBeNull();
    expect(profile.__v).toBe(1);

    expect((await user.update(request)).statusCode).toBe(200);
    const changedAddress = { ...request.addressDetails, permanentCity: 'Mumbai', landmark: undefined };
    const response = await user.update({ addressDetails: changedAddress });
    expect(response.statusCode).toBe(200);
    profile = await user.profile();
    expect(profile.addressDetails).toEqual({
      ...request.addressDetails,
      permanentCity: 'Mumbai',
      landmark: null,
    });
    expect(profile.panDetails).toMatchObject({ panNumber: request.panDetails.panNumber });
    expect(profile.profileDetails).toEqual(request.profileDetails);
    expect(profile.bankDetails).toHaveLength(2);
    expect(profile.dematDetails).toHaveLength(1);
    expect(profile.__v).toBe(3);
  });

  it('an empty body changes nothing', async () => {
    const user = await customer(ctx.app);
    const response = await user.update({});
    expect(response.statusCode).toBe(200);
    expect((response.json() as { data: Profile }).data.__v).toBe(0);
    expect(await eventsOf(user.id)).toHaveLength(0);
  });

  it('keeps the _id of entries sent back with it, adds entries without one and removes those left out', async () => {
    const user = await customer(ctx.app);
    const request = await contractExampleRequest();
    await user.update(request);
    const before = await user.profile();
    const [hdfc, sbi] = before.bankDetails;
    const newAccount = randomAccountNumber();
    const response = await user.update({
      bankDetails: [
        { ...sbi, bankName: 'State Bank of India', primary: true },
        {
          bankName: 'ICICI Bank',
          accountType: 'Saving',
          bankAccountNumber: newAccount,
          ifscCode: 'icic0000001',
          primary: false,
        },
      ],
    });
    expect(response.statusCode).toBe(200);
    const after = (response.json() as { data: Profile }).data.bankDetails;
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual({ ...sbi, bankName: 'State Bank of India', primary: true });
    expect(after[1]).toMatchObject({
      bankAccountNumber: newAccount,
      ifscCode: 'ICIC0000001',
      primary: false,
    });
    expect(after[1]!._id).toMatch(UUID);
    expect(after.map((entry) => entry._id)).not.toContain(hdfc!._id);
  });

  it('lets entries with _id swap account numbers (no transient duplicate)', async () => {
    const user = await customer(ctx.app);
    await user.update(await contractExampleRequest());
    const [a, b] = (await user.profile()).bankDetails;
    const response = await user.update({
      bankDetails: [
        { ...a, bankAccountNumber: b!.bankAccountNumber, ifscCode: b!.ifscCode },
        { ...b, bankAccountNumber: a!.bankAccountNumber, ifscCode: a!.ifscCode },
      ],
    });
    expect(response.statusCode).toBe(200);
    const swapped = (response.json() as { data: Profile }).data.bankDetails;
    expect(swapped.map((entry) => [entry._id, entry.bankAccountNumber])).toEqual([
      [a!._id, b!.bankAccountNumber],
      [b!._id, a!.bankAccountNumber],
    ]);
  });

  it('moves the primary flag between existing entries', async () => {
    const user = await customer(ctx.app);
    await user.update(await contractExampleRequest());
    const [a, b] = (await user.profile()).bankDetails;
    const response = await user.update({
      bankDetails: [
        { ...a, primary: false },
        { ...b, primary: true },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect((await user.profile()).bankDetails.map((entry) => entry.primary)).toEqual([false, true]);
  });

  it("refuses another user's entry _id with 400 and changes nothing", async () => {
    const owner = await customer(ctx.app);
    const intruder = await customer(ctx.app);
    await owner.update(await contractExampleRequest());
    await intruder.update(await contractExampleRequest());
    const ownerProfile = await owner.profile();
    const intruderProfile = await intruder.profile();
    const stolenBank = ownerProfile.bankDetails[0]!;
    const bank = await intruder.update({
      bankDetails: [{ ...intruderProfile.bankDetails[0], _id: stolenBank._id }],
    });
    expect(bank.statusCode).toBe(400);
    expect(problems(bank)).toEqual([['/bankDetails/0/_id', 'unknown_entry']]);
    const stolenDemat = ownerProfile.dematDetails[0]!;
    const demat = await intruder.update({
      dematDetails: [{ ...intruderProfile.dematDetails[0], _id: stolenDemat._id }],
    });
    expect(demat.statusCode).toBe(400);
    expect(problems(demat)).toEqual([['/dematDetails/0/_id', 'unknown_entry']]);
    const unknown = await intruder.update({
      bankDetails: [{ ...intruderProfile.bankDetails[0], _id: 'not-a-uuid' }],
    });
    expect(problems(unknown)).toEqual([['/bankDetails/0/_id', 'unknown_entry']]);
    expect(await owner.profile()).toMatchObject({ __v: 1, bankDetails: ownerProfile.bankDetails });
    expect((await intruder.profile()).__v).toBe(1);
  });

  it('refuses the same _id twice', async () => {
    const user = await customer(ctx.app);
    await user.update(await contractExampleRequest());
    const [a] = (await user.profile()).bankDetails;
    const response = await user.update({
      bankDetails: [a, { ...a, bankAccountNumber: randomAccountNumber(), primary: false }],
    });
    expect(response.statusCode).toBe(400);
    expect(problems(response)).toEqual([['/bankDetails/1/_id', 'duplicate_id']]);
  });
});

describe('sending back what getDetails returned', () => {
  it('succeeds and changes nothing: same __v, no history row, same ids and document', async () => {
    const user = await customer(ctx.app);
    await user.update(await contractExampleRequest());
    const before = await user.profile();
    const events = (await eventsOf(user.id)).length;
    const response = await user.update(sectionsOf(before));
    expect(response.statusCode).toBe(200);
    const after = (response.json() as { data: Profile }).data;
    expect(after.__v).toBe(before.__v);
    expect(response.headers.etag).toBe(`"${before.__v}"`);
    expect(after.bankDetails).toEqual(before.bankDetails);
    expect(after.dematDetails[0]!.clientMasterCopy!._id).toBe(before.dematDetails[0]!.clientMasterCopy!._id);
    expect(await eventsOf(user.id)).toHaveLength(events);
  });

  it('accepts the whole getDetails data object, read-only fields included, as a no-op', async () => {
    const user = await customer(ctx.app);
    await user.update(await contractExampleRequest());
    const before = await user.profile();
    const response = await user.update(before);
    expect(response.statusCode).toBe(200);
    expect((response.json() as { data: Profile }).data.__v).toBe(before.__v);
    expect(await eventsOf(user.id)).toHaveLength(1);
  });

  it('accepts getDetails output with null landmark and a demat entry without a master copy', async () => {
    const user = await customer(ctx.app);
    const request = await contractExampleRequest();
    const { landmark: _, ...address } = request.addressDetails;
    request.addressDetails = address as typeof request.addressDetails;
    request.dematDetails.push({ depository: 'CDSL', dpID: '12081600', clientID: '00012345', primary: false });
    const saved = await user.update(request);
    expect(saved.statusCode, saved.body).toBe(200);
    const before = await user.profile();
    expect(before.addressDetails!.landmark).toBeNull();
    expect(before.dematDetails[1]!.clientMasterCopy).toBeNull();
    const response = await user.update(sectionsOf(before));
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as { data: Profile }).data.__v).toBe(before.__v);
  });

  it.each([
    ['_id', '00000000-0000-7000-8000-000000000000'],
    ['email', 'someone.else@example.com'],
    ['name', 'Someone Else'],
    ['mobileNo', '9123456789'],
    ['kycStatus', 'approved'],
  ])('refuses a read-only %s that differs from the stored one', async (fieldName, value) => {
    const user = await customer(ctx.app);
    const before = await user.profile();
    const response = await user.update({ ...before, [fieldName]: value });
    expect(response.statusCode).toBe(400);
    expect(problems(response)).toEqual([[`/${fieldName}`, 'read_only']]);
    expect((await user.profile()).__v).toBe(0);
  });

  it('refuses fields getDetails never returns, such as role', async () => {
    const user = await customer(ctx.app);
    const role = await user.update({ role: 'admin' });
    expect(problems(role)).toEqual([['/role', 'unknown_field']]);
  });
});

describe('optimistic concurrency', () => {
  it('sends the ETag and refuses a stale If-Match with 409 version_conflict', async () => {
    const user = await customer(ctx.app);
    const request = await contractExampleRequest();
    const first = await user.update(request, { 'if-match': '"0"' });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    const stale = await user.update(
      { profileDetails: { ...request.profileDetails, occupation: 'Teacher' } },
      {
        'if-match': '"0"',
      },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', success: false });
    expect((await user.profile()).profileDetails).toMatchObject({ occupation: 'Software Engineer' });
    for (const ifMatch of ['"1"', 'W/"2"', '3', '*']) {
      const fresh = await user.update(
        { profileDetails: { ...request.profileDetails, occupation: `Job ${ifMatch}` } },
        {
          'if-match': ifMatch,
        },
      );
      expect(fresh.statusCode).toBe(200);
    }
    expect((await user.update({}, { 'if-match': 'garbage' })).statusCode).toBe(409);
  });

  it('treats a stale __v in the body like a stale If-Match', async () => {
    const user = await customer(ctx.app);
    const before = await user.profile();
    await user.update(await contractExampleRequest());
    const response = await user.update(before);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'version_conflict' });
  });
});

describe('one PAN per account', () => {
  it('answers 409 pan_already_registered for a PAN another user holds, whatever its case', async () => {
    const first = await customer(ctx.app);
    const second = await customer(ctx.app);
    const pan = randomPan();
    expect((await first.update(await contractExampleRequest({ pan }))).statusCode).toBe(200);
    const request = await contractExampleRequest({ pan: pan.toLowerCase() });
    const response = await second.update(request);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'pan_already_registered', success: false });
    // The whole request failed: nothing else was saved either.
    expect(await second.profile()).toMatchObject({ __v: 0, bankDetails: [], profileDetails: null });
    // The holder may send it again.
    expect((await first.update({ panDetails: request.panDetails })).statusCode).toBe(200);
  });

  it('lets a user change their PAN, freeing the old one', async () => {
    const first = await customer(ctx.app);
    const second = await customer(ctx.app);
    const request = await contractExampleRequest();
    await first.update({ panDetails: request.panDetails });
    await first.update({ panDetails: { ...request.panDetails, panNumber: randomPan() } });
    expect((await second.update({ panDetails: request.panDetails })).statusCode).toBe(200);
  });
});

describe('documents referenced from getDetails', () => {
  it('serves only to the owner: another user gets 404', async () => {
    const owner = await customer(ctx.app);
    const other = await customer(ctx.app);
    await owner.update(await contractExampleRequest());
    const copy = (await owner.profile()).dematDetails[0]!.clientMasterCopy!;
    const mine = await ctx.app.inject({
      method: 'GET',
      url: `/v1/documents/${copy._id}`,
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals((await ctx.app.inject({ method: 'GET', url: copy.url })).rawPayload)).toBe(
      true,
    );
    const theirs = await ctx.app.inject({
      method: 'GET',
      url: `/v1/documents/${copy._id}`,
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ code: 'not_found' });
  });
});
