import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { profileEvents } from '../../../src/db/schema/index.js';
import { CryptoError, decryptBytes, decryptFieldString } from '../../../src/lib/crypto/index.js';
import type { Envelope } from '../../../src/lib/crypto/index.js';
import { registerAndLogin, useTestApp } from '../../helpers/app.js';
import { customer, problems, randomAccountNumber, randomPan, contractExampleRequest } from './fixtures.js';
import type { Customer, Profile } from './fixtures.js';

// What reaches the database: ciphertext only, bound to its row, column and user; an append-only
// history; and one primary entry whatever the concurrency.

const ctx = useTestApp();

type Row = Record<string, unknown>;
const query = async (text: string, values: unknown[] = []) =>
  (await ctx.database.handle.sql.executeSql(text, values)).rows as Row[];

/** Everything a row holds, as text a plaintext value would show up in (bytea as latin1). */
function rawText(rows: Row[]): string {
  return JSON.stringify(rows, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
  );
}

/** pg returns jsonb parsed; so does PGlite. */
const envelope = (value: unknown) => value as Envelope;

async function savedCustomer(): Promise<
  Customer & { request: Awaited<ReturnType<typeof contractExampleRequest>>; saved: Profile }
> {
  const user = await customer(ctx.app);
  const request = await contractExampleRequest();
  const response = await user.update(request);
  if (response.statusCode !== 200) throw new Error(response.body);
  return { ...user, request, saved: (response.json() as { data: Profile }).data };
}

describe('encryption at rest', () => {
  it('stores no plaintext PAN, date of birth, account number, demat id or document bytes', async () => {
    const user = await savedCustomer();
    const tables = {
      pan_details: await query('select * from pan_details where user_id = $1', [user.id]),
      bank_accounts: await query('select * from bank_accounts where user_id = $1', [user.id]),
      demat_accounts: await query('select * from demat_accounts where user_id = $1', [user.id]),
      documents: await query('select * from documents where user_id = $1', [user.id]),
      user_keys: await query('select * from user_keys where user_id = $1', [user.id]),
    };
    expect(tables.pan_details).toHaveLength(1);
    expect(tables.bank_accounts).toHaveLength(2);
    expect(tables.demat_accounts).toHaveLength(1);
    expect(tables.documents).toHaveLength(1);
    const raw = rawText(Object.values(tables).flat());
    const { panDetails, bankDetails, dematDetails } = user.request;
    const document = await ctx.app.inject({
      method: 'GET',
      url: user.saved.dematDetails[0]!.clientMasterCopy!.url,
    });
    for (const secret of [
      panDetails.panNumber,
      panDetails.dateOfBirth,
      '15-08-1995',
      ...bankDetails.map((entry) => String(entry.bankAccountNumber)),
      dematDetails[0]!.dpID as string,
      dematDetails[0]!.clientID as string,
      '%PDF',
      document.rawPayload.subarray(0, 400).toString('latin1'),
    ]) {
      expect(raw).not.toContain(secret);
    }
    // Each encrypted value is a {v, kid, iv, ct, tag} envelope.
    for (const value of [
      tables.pan_details[0]!.pan_number,
      tables.pan_details[0]!.date_of_birth,
      ...tables.bank_accounts.map((row) => row.account_number),
      tables.demat_accounts[0]!.dp_id,
      tables.demat_accounts[0]!.client_id,
    ]) {
      expect(Object.keys(value as object).sort()).toEqual(['ct', 'iv', 'kid', 'tag', 'v']);
    }
    // Only the last four digits are kept in clear, for masked display.
    expect(tables.bank_accounts.map((row) => row.account_number_last4)).toEqual(['9012', '1098']);
  });

  it('refuses a ciphertext copied into another user’s row: getDetails answers a bare 500', async () => {
    const alice = await savedCustomer();
    const bob = await savedCustomer();
    const [alicePan] = await query('select pan_number from pan_details where user_id = $1', [alice.id]);
    const [bobPan] = await query('select pan_number from pan_details where user_id = $1', [bob.id]);
    await query('update pan_details set pan_number = $1 where user_id = $2', [alicePan!.pan_number, bob.id]);
    try {
      const response = await bob.getDetails();
      expect(response.statusCode).toBe(500);
      const body = response.json() as Record<string, unknown>;
      expect(body).toMatchObject({ code: 'internal_error', detail: 'Internal server error' });
      expect(body.errors).toBeUndefined();
      expect(response.body).not.toContain(alice.request.panDetails.panNumber);
      // The owner still reads their own.
      expect((await alice.getDetails()).statusCode).toBe(200);
    } finally {
      await query('update pan_details set pan_number = $1 where user_id = $2', [bobPan!.pan_number, bob.id]);
    }
    expect((await bob.getDetails()).statusCode).toBe(200);
  });

  it('refuses a ciphertext moved to another column or another row of the same user', async () => {
    const user = await savedCustomer();
    const [pan] = await query('select pan_number, date_of_birth from pan_details where user_id = $1', [
      user.id,
    ]);
    await query('update pan_details set date_of_birth = $1 where user_id = $2', [pan!.pan_number, user.id]);
    expect((await user.getDetails()).statusCode).toBe(500);
    await query('update pan_details set date_of_birth = $1 where user_id = $2', [
      pan!.date_of_birth,
      user.id,
    ]);
    expect((await user.getDetails()).statusCode).toBe(200);

    // Bank account numbers are bound to their entry: swapping two rows' ciphertexts is refused too.
    const banks = await query(
      'select id, account_number from bank_accounts where user_id = $1 order by position',
      [user.id],
    );
    await query('update bank_accounts set account_number = $1 where id = $2', [
      banks[1]!.account_number,
      banks[0]!.id,
    ]);
    expect((await user.getDetails()).statusCode).toBe(500);
    await query('update bank_accounts set account_number = $1 where id = $2', [
      banks[0]!.account_number,
      banks[0]!.id,
    ]);
    expect((await user.getDetails()).statusCode).toBe(200);
  });

  it('binds each stored envelope to its table, column and user (checked with the real data keys)', async () => {
    const alice = await savedCustomer();
    const bob = await savedCustomer();
    const keys = ctx.app.services.keys;
    const aliceKey = (await keys.find(ctx.database.handle.db, alice.id))!;
    const bobKey = (await keys.find(ctx.database.handle.db, bob.id))!;
    const [row] = await query('select pan_number from pan_details where user_id = $1', [alice.id]);
    const stored = envelope(row!.pan_number);
    const here = { table: 'pan_details', column: 'pan_number', userId: alice.id };
    expect(decryptFieldString(aliceKey, stored, here)).toBe(alice.request.panDetails.panNumber);
    for (const [key, context] of [
      [aliceKey, { ...here, userId: bob.id }],
      [bobKey, { ...here, userId: bob.id }],
      [aliceKey, { ...here, column: 'date_of_birth' }],
      [aliceKey, { ...here, table: 'bank_accounts' }],
    ] as const) {
      expect(() => decryptFieldString(key, stored, context)).toThrow(CryptoError);
    }
    const [document] = await query('select id, content from documents where user_id = $1', [alice.id]);
    const content = Buffer.from(document!.content as Uint8Array);
    const documentContext = {
      table: 'documents',
      column: `content:${document!.id as string}`,
      userId: alice.id,
    };
    expect(decryptBytes(aliceKey, content, documentContext).subarray(0, 5).toString()).toBe('%PDF-');
    expect(() => decryptBytes(aliceKey, content, { ...documentContext, userId: bob.id })).toThrow(
      CryptoError,
    );
    expect(() => decryptBytes(bobKey, content, documentContext)).toThrow(CryptoError);
  });

  it('erasing the data key makes the user’s values unreadable, and no one else’s', async () => {
    const erased = await savedCustomer();
    const other = await savedCustomer();
    const url = erased.saved.dematDetails[0]!.clientMasterCopy!.url;
    await ctx.app.services.keys.erase(erased.id);
    expect(await query('select 1 from user_keys where user_id = $1', [erased.id])).toHaveLength(0);
    const response = await erased.getDetails();
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'internal_error', detail: 'Internal server error' });
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await other.getDetails()).statusCode).toBe(200);
  });
});

describe('history (profile_events)', () => {
  it('appends one row per real change, naming the sections and never the values', async () => {
    const user = await customer(ctx.app);
    const request = await contractExampleRequest();
    await user.update(request);
    await user.update({ addressDetails: { ...request.addressDetails, permanentCity: 'Mumbai' } });
    // Unchanged: no row.
    await user.update({ profileDetails: request.profileDetails });
    await user.update({
      profileDetails: { ...request.profileDetails, annualIncome: 750000 },
      addressDetails: { ...request.addressDetails, permanentCity: 'Mumbai' },
    });
    const events = await ctx.database.handle.db
      .select()
      .from(profileEvents)
      .where(eq(profileEvents.userId, user.id))
      .orderBy(profileEvents.version);
    expect(
      events.map(({ sections, version, actorId, action }) => ({ sections, version, actorId, action })),
    ).toEqual([
      {
        sections: ['panDetails', 'profileDetails', 'addressDetails', 'bankDetails', 'dematDetails'],
        version: 1,
        actorId: user.id,
        action: 'profile_updated',
      },
      { sections: ['addressDetails'], version: 2, actorId: user.id, action: 'profile_updated' },
      { sections: ['profileDetails'], version: 3, actorId: user.id, action: 'profile_updated' },
    ]);
    expect(events.every((event) => event.createdAt instanceof Date)).toBe(true);
    const raw = rawText(await query('select * from profile_events where user_id = $1', [user.id]));
    for (const value of [request.panDetails.panNumber, 'Mumbai', '750000', '123456789012', 'JOHN SNOW']) {
      expect(raw).not.toContain(value);
    }
  });

  it('refuses UPDATE and DELETE on profile_events, whoever issues them', async () => {
    const user = await customer(ctx.app);
    await user.update({ profileDetails: (await contractExampleRequest()).profileDetails });
    await expect(
      query(`update profile_events set action = 'tampered' where user_id = $1`, [user.id]),
    ).rejects.toThrow(/append-only/);
    await expect(query('delete from profile_events where user_id = $1', [user.id])).rejects.toThrow(
      /append-only/,
    );
    const [row] = await query('select action from profile_events where user_id = $1', [user.id]);
    expect(row!.action).toBe('profile_updated');
  });
});

describe('concurrency and atomicity', () => {
  it('never leaves two primaries, whatever concurrent updates choose', async () => {
    const user = await savedCustomer();
    const [a, b] = user.saved.bankDetails;
    const requests = Array.from({ length: 12 }, (_, index) => {
      const primaryFirst = index % 2 === 0;
      return user.update({
        bankDetails: [
          { ...a, primary: primaryFirst },
          { ...b, primary: !primaryFirst },
          // New entries each time, so every request really writes.
          {
            bankName: 'Axis Bank',
            accountType: 'Saving',
            bankAccountNumber: randomAccountNumber(),
            ifscCode: 'UTIB0000001',
            primary: false,
          },
        ],
        dematDetails: [
          { ...user.saved.dematDetails[0], primary: primaryFirst },
          {
            depository: 'CDSL',
            dpID: '12081600',
            clientID: String(10_000_000 + index),
            primary: !primaryFirst,
            clientMasterCopy: user.saved.dematDetails[0]!.clientMasterCopy,
          },
        ],
      });
    });
    const responses = await Promise.all(requests);
    expect(responses.map((response) => response.statusCode)).toEqual(Array(12).fill(200));
    const [banks] = await query(
      'select count(*)::int as total, count(*) filter (where is_primary)::int as primaries from bank_accounts where user_id = $1',
      [user.id],
    );
    expect(banks).toEqual({ total: 3, primaries: 1 });
    const [demats] = await query(
      'select count(*)::int as total, count(*) filter (where is_primary)::int as primaries from demat_accounts where user_id = $1',
      [user.id],
    );
    expect(demats).toEqual({ total: 2, primaries: 1 });
    const profile = await user.profile();
    expect(profile.__v).toBe(13);
    expect(profile.bankDetails.filter((entry) => entry.primary)).toHaveLength(1);
  });

  it('gives a PAN to exactly one of several users claiming it at once', async () => {
    const pan = randomPan();
    const users = await Promise.all(Array.from({ length: 6 }, () => customer(ctx.app)));
    const request = await contractExampleRequest({ pan });
    const responses = await Promise.all(users.map((user) => user.update(request)));
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((candidate) => candidate.statusCode === 409)) {
      expect(response.json()).toMatchObject({ code: 'pan_already_registered' });
    }
    const holders = await Promise.all(
      users.map((user) => query('select 1 from pan_details where user_id = $1', [user.id])),
    );
    expect(holders.flat()).toHaveLength(1);
  });

  it('keeps the previous profile whole when one section of an update is invalid', async () => {
    const user = await savedCustomer();
    const response = await user.update({
      panDetails: { ...user.request.panDetails, name: 'Someone Else' },
      bankDetails: [{ ...user.saved.bankDetails[0], ifscCode: 'bad' }],
    });
    expect(problems(response)).toEqual([['/bankDetails/0/ifscCode', 'invalid_ifsc']]);
    expect(await user.profile()).toEqual(
      expect.objectContaining({ __v: 1, panDetails: user.saved.panDetails }),
    );
  });

  it('rolls back sections already written when a later write fails in the database', async () => {
    const user = await savedCustomer();
    // A fault injected for this user only: the demat write, the last one, fails after the others ran.
    await query(`
      create function test_fail_demat() returns trigger language plpgsql as $$
      begin
        if new.user_id = '${user.id}' then raise exception 'injected failure'; end if;
        return new;
      end $$`);
    await query(
      'create trigger test_fail_demat before insert or update on demat_accounts for each row execute function test_fail_demat()',
    );
    try {
      const response = await user.update({
        panDetails: { ...user.request.panDetails, name: 'Changed Name' },
        bankDetails: [
          {
            bankName: 'Axis Bank',
            accountType: 'Saving',
            bankAccountNumber: randomAccountNumber(),
            ifscCode: 'UTIB0000001',
            primary: true,
          },
        ],
        dematDetails: [{ ...user.saved.dematDetails[0], clientID: '99999999' }],
      });
      expect(response.statusCode).toBe(500);
    } finally {
      await query('drop trigger test_fail_demat on demat_accounts');
      await query('drop function test_fail_demat()');
    }
    const after = await user.profile();
    expect(after.__v).toBe(1);
    expect(after.panDetails).toEqual(user.saved.panDetails);
    expect(after.bankDetails).toEqual(user.saved.bankDetails);
    expect(after.dematDetails.map((entry) => entry.clientID)).toEqual(['65432109']);
    expect(await query('select 1 from profile_events where user_id = $1', [user.id])).toHaveLength(1);
  });

  it('cannot reach another user’s profile: each token reads only its own', async () => {
    const alice = await savedCustomer();
    const bob = await registerAndLogin(ctx.app);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/v1/user/getDetails?userId=${alice.id}`,
      headers: { authorization: `Bearer ${bob.token}` },
    });
    // The query string is ignored: the token alone decides whose profile this is.
    expect(response.statusCode).toBe(200);
    expect((response.json() as { data: Profile }).data).toMatchObject({ email: bob.email, panDetails: null });
  });
});
