import { describe, expect, it } from 'vitest';
import { NOT_EXPORTED_TABLES, PERSONAL_TABLES } from '../../../src/modules/privacy/tables.js';
import { authed, useTestApp } from '../../helpers/app.js';
import { fetchAadhaarFromDigilocker, readyApplicant } from '../../helpers/kyc.js';
import { unzip } from '../../helpers/zip.js';

const ctx = useTestApp({ EXPORTS_PER_DAY: '3' });

const query = async (text: string, values: unknown[] = []) =>
  (await ctx.database.handle.sql.executeSql(text, values)).rows as Array<Record<string, unknown>>;

type Rows = Array<Record<string, unknown>>;

describe('GET /v1/me/export', () => {
  it('covers every table with a user column, except the ones excluded on purpose', async () => {
    const tables = (
      await query(
        `select distinct table_name from information_schema.columns
         where table_schema = 'public' and column_name = 'user_id' order by table_name`,
      )
    ).map((row) => row.table_name as string);
    const exported = PERSONAL_TABLES.map((entry) => entry.table);
    expect(
      tables.filter((table) => !exported.includes(table) && !NOT_EXPORTED_TABLES.includes(table)),
    ).toEqual([]);
    // No stale entry: every listed table exists.
    expect(exported.filter((table) => table !== 'users' && !tables.includes(table))).toEqual([]);

    const applicant = await readyApplicant(ctx.app);
    const response = await applicant.call('GET', '/v1/me/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(Object.keys(response.json().data.tables).sort()).toEqual([...exported].sort());
  });

  it('holds the customer’s own values decrypted, documents as links, and no secret', async () => {
    const applicant = await readyApplicant(ctx.app);
    await fetchAadhaarFromDigilocker(ctx.app, applicant);
    const profile = (await applicant.call('GET', '/v1/user/getDetails')).json().data;
    const response = await applicant.call('GET', '/v1/me/export');
    const { tables, processors } = response.json().data as { tables: Record<string, Rows>; processors: Rows };

    expect(tables.users![0]).toMatchObject({ email: applicant.email, name: 'Asha Verma' });
    expect(tables.pan_details![0]).toMatchObject({ pan_number: applicant.pan, name: 'JOHN DOE' });
    expect(tables.bank_accounts![0]!.account_number).toBe(profile.bankDetails[0].bankAccountNumber);
    expect(tables.address_details![0]!.permanent_city).toBe('Mumbai');
    expect(tables.official_identities).toHaveLength(1);
    expect(tables.consents!.map((row) => [row.purpose, row.notice_version])).toContainEqual([
      'kyc_verification',
      '2026-11',
    ]);
    expect(tables.outbound_messages!.length).toBeGreaterThan(0);
    expect(tables.outbound_messages![0]!.content).toMatchObject({ to: expect.any(String) });
    expect(tables.sessions!.length).toBeGreaterThan(0);
    expect(processors.length).toBeGreaterThan(0);

    const selfie = tables.documents!.find((row) => row.kind === 'selfie')!;
    const file = await ctx.app.inject({ method: 'GET', url: selfie.downloadUrl as string });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');

    const text = response.body;
    for (const secret of [
      'password_hash',
      'token_hash',
      'code_hash',
      'pan_blind_index',
      'wrapped_key',
      '"ct"',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('"content":"\\\\x');
    const [logged] = await query(
      `select count(*)::int as n from auth_events where user_id = $1 and event = $2`,
      [tables.users![0]!.id, 'data_exported'],
    );
    expect(logged!.n).toBe(1);
  });

  it('gives a ZIP with the JSON and the files, and limits exports per day', async () => {
    const applicant = await readyApplicant(ctx.app);
    const response = await applicant.call('GET', '/v1/me/export?format=zip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const entries = unzip(response.rawPayload);
    const json = JSON.parse(entries.get('pehchan-export.json')!.toString('utf8')) as {
      tables: Record<string, Rows>;
    };
    expect(json.tables.pan_details![0]!.pan_number).toBe(applicant.pan);
    const documents = json.tables.documents!;
    expect(documents.length).toBeGreaterThanOrEqual(2);
    for (const row of documents) {
      const name = [...entries.keys()].find((entry) => entry.startsWith(`documents/${String(row.id)}.`))!;
      expect(entries.get(name)!.length).toBe(row.size);
    }

    expect((await applicant.call('GET', '/v1/me/export')).statusCode).toBe(200);
    expect((await applicant.call('GET', '/v1/me/export')).statusCode).toBe(200);
    const limited = await applicant.call('GET', '/v1/me/export');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(
      (await authed(ctx.app, applicant.token, { method: 'GET', url: '/v1/me/export?format=tar' })).statusCode,
    ).toBe(400);
  });
});
