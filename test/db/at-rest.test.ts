import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../src/providers/cashfree-simulator/index.js';
import { passingSelfie } from '../../src/providers/cashfree-simulator/test-images.js';
import { authed, registerAndLogin, useTestApp } from '../helpers/app.js';
import { verifyContacts } from '../helpers/contacts.js';
import { randomAccount, randomPan, sandboxProfile, waitForDecision } from '../helpers/kyc.js';
import { imagePart, multipart } from '../helpers/multipart.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

// Values no test data, id, hash or ciphertext could contain by chance.
const applicant = {
  name: 'Zorawar Quixtepan',
  dateOfBirth: { iso: '1987-11-23', dmy: '23-11-1987', slashed: '23/11/1987' },
  address: '7 Qilvantor Marg, Xembly Nagar',
  landmark: 'Behind Wurplestone Tank',
  placeOfBirth: 'Vrendapuram',
  city: 'Bengaluru',
  pincode: '560047',
  pan: randomPan(),
  account: randomAccount(),
  dpID: '13572468',
  clientID: '97531864',
  aadhaar: '482917365092',
};

/** Every row of every table of every schema (pg-boss's included), one JSON text per row. */
async function dumpEveryTable(): Promise<Map<string, string[]>> {
  const sql = ctx.database.handle.sql;
  const { rows: tables } = (await sql.executeSql(
    `select table_schema, table_name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  )) as { rows: Array<{ table_schema: string; table_name: string }> };
  const dump = new Map<string, string[]>();
  for (const { table_schema: schema, table_name: table } of tables) {
    const { rows } = (await sql.executeSql(
      `select row_to_json(t)::text as row from "${schema}"."${table}" t`,
    )) as { rows: Array<{ row: string }> };
    dump.set(
      `${schema}.${table}`,
      rows.map((row) => row.row),
    );
  }
  return dump;
}

/** A value as a token of its own: not part of a longer run of letters or digits (hex, base64). */
const token = (value: string) => new RegExp(`(?<![0-9A-Za-z])${value}(?![0-9A-Za-z])`, 'i');

const forbidden: Array<[string, RegExp]> = [
  ['name', new RegExp(applicant.name, 'i')],
  ['name without spaces', new RegExp(applicant.name.replace(/\s+/g, ''), 'i')],
  ['surname', /quixtepan/i],
  ['address line', /qilvantor/i],
  ['landmark', /wurplestone/i],
  ['place of birth', /vrendapuram/i],
  ['pincode', token(applicant.pincode)],
  ['date of birth (YYYY-MM-DD)', token(applicant.dateOfBirth.iso)],
  ['date of birth (DD-MM-YYYY)', token(applicant.dateOfBirth.dmy)],
  ['date of birth (DD/MM/YYYY)', token(applicant.dateOfBirth.slashed.replaceAll('/', '\\\\?/'))],
  ['PAN', new RegExp(applicant.pan, 'i')],
  ['bank account number', token(applicant.account)],
  ['DP id', token(applicant.dpID)],
  ['client id', token(applicant.clientID)],
  ['Aadhaar number', new RegExp(applicant.aadhaar.slice(0, 8))],
];

describe('data at rest', () => {
  it('keeps no personal value in clear in any table after a full journey', async () => {
    const user = await registerAndLogin(ctx.app, { name: applicant.name });
    await verifyContacts(ctx.app, user);
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      authed(ctx.app, user.token, { method, url, ...(payload ? { payload } : {}) });
    await call('POST', '/v1/consents', { purpose: 'kyc_verification', noticeVersion: '2026-11' });
    const profile = await sandboxProfile({
      panDetails: {
        panNumber: applicant.pan,
        name: applicant.name,
        mobileNo: '9812345670',
        dateOfBirth: applicant.dateOfBirth.iso,
        email: 'applicant@example.com',
        iAm: 'Individual',
      },
      profileDetails: {
        gender: 'Male',
        placeOfBirth: applicant.placeOfBirth,
        occupation: 'Surveyor',
        annualIncome: 1800000,
        citizenship: true,
        informationConfirmation: true,
      },
      addressDetails: {
        permanentAddress: applicant.address,
        landmark: applicant.landmark,
        permanentCity: applicant.city,
        permanentPincode: applicant.pincode,
        permanentState: 'Karnataka',
        permanentCountry: 'India',
      },
    });
    profile.bankDetails[0]!.bankAccountNumber = applicant.account;
    Object.assign(profile.dematDetails[0]!, { dpID: applicant.dpID, clientID: applicant.clientID });
    const saved = await call('PUT', '/v1/data/update_data', profile);
    expect(saved.statusCode).toBe(200);

    const selfieSeed = 4242;
    const upload = multipart([imagePart(await passingSelfie(selfieSeed))]);
    const selfie = await authed(ctx.app, user.token, {
      method: 'POST',
      url: '/v1/image/liveliness_check',
      payload: upload.payload,
      headers: upload.headers,
    });
    expect(selfie.json().data.status).toBe('SUCCESS');

    // DigiLocker answers with the applicant's own Aadhaar: name, date, address, photo, and (as a
    // provider might) the full Aadhaar number.
    await call('POST', '/v1/consents', { purpose: 'digilocker_fetch', noticeVersion: '2026-11' });
    const session = await call('POST', '/v1/digilocker/session');
    const { verificationId } = session.json().data;
    const simulator = ctx.app.provider.simulator!;
    const consent = await fetch(`${simulator.url}/simulator/digilocker/${verificationId}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'default' }),
    });
    expect(consent.ok).toBe(true);
    const persona = PERSONAS.get('default')!;
    const aadhaarDetails = {
      name: applicant.name,
      dob: applicant.dateOfBirth.dmy,
      gender: 'M',
      mobile: '9812345670',
    };
    simulator.state.digilocker.get(verificationId)!.persona = {
      ...persona,
      digilocker: {
        ...persona.digilocker,
        userDetails: { ...persona.digilocker.userDetails, ...aadhaarDetails },
        aadhaar: {
          ...persona.digilocker.aadhaar,
          ...aadhaarDetails,
          uid: applicant.aadhaar,
          care_of: `S/O: ${applicant.name}`,
          photo_link: (await passingSelfie(selfieSeed)).toString('base64'),
          split_address: {
            country: 'India',
            dist: 'Bengaluru Urban',
            house: '7',
            landmark: applicant.landmark,
            pincode: applicant.pincode,
            po: 'Xembly Nagar',
            state: 'Karnataka',
            street: 'Qilvantor Marg',
            subdist: 'Bengaluru North',
            vtc: applicant.city,
          },
        },
      },
    };
    const fetched = await call('GET', '/v1/digilocker/status');
    expect(fetched.json().data).toMatchObject({
      status: 'fetched',
      identity: { name: applicant.name, aadhaar: 'XXXX XXXX 5092' },
    });

    expect((await call('POST', '/v1/kyc/submit')).statusCode).toBe(200);
    const decided = await waitForDecision(ctx.app, user.token);
    expect(['submitted', 'verifying']).not.toContain(decided.status);

    // Readable through the API...
    const details = (await call('GET', '/v1/user/getDetails')).json().data;
    expect(details).toMatchObject({
      name: applicant.name,
      panDetails: { name: applicant.name, dateOfBirth: applicant.dateOfBirth.iso },
      profileDetails: { placeOfBirth: applicant.placeOfBirth, annualIncome: 1800000 },
      addressDetails: { permanentAddress: applicant.address, permanentPincode: applicant.pincode },
    });
    // ...and nowhere in clear in the database.
    const dump = await dumpEveryTable();
    expect(dump.get('public.verifications')!.length).toBeGreaterThan(0);
    expect([...dump.keys()].some((table) => table.startsWith('pgboss.'))).toBe(true);
    const found: string[] = [];
    for (const [table, rows] of dump) {
      for (const row of rows) {
        for (const [what, pattern] of forbidden) {
          if (pattern.test(row)) found.push(`${what} in ${table}: ${row.slice(0, 300)}`);
        }
      }
    }
    expect(found).toEqual([]);
  }, 120_000);
});
