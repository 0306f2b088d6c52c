import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { PDFDocument } from 'pdf-lib';
import type { SqlExecutor } from '../src/db/client.js';
import { KeyRing } from '../src/lib/crypto/index.js';
import { uuidv7 } from '../src/lib/ids.js';
import { sealNewUser } from '../src/modules/auth/new-user.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { expectStatus, pool } from './http.js';

export interface SeedUser {
  email: string;
  token: string;
}

/** Users registered and logged in through the API: enough to exercise the real path, few enough to keep argon2 out of seeding time. */
export const API_USERS = 32;
const BATCH = 2000;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const randomLetters = (count: number) =>
  Array.from(randomBytes(count), (byte) => LETTERS[byte % 26]).join('');

/** A distinct individual's PAN per index (4th letter P), with a per-run prefix. */
function panFor(prefix: string, index: number): string {
  const fifth = LETTERS[Math.floor(index / 10_000) % 26]!;
  return `${prefix.slice(0, 3)}P${fifth}${String(index % 10_000).padStart(4, '0')}${prefix[3]}`;
}

async function masterCopyBase64(): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  return Buffer.from(await pdf.save()).toString('base64');
}

/** Same shape as test/helpers/kyc.ts sandboxProfile, with the PAN and account number fixed by index. */
function profileBody(index: number, panPrefix: string, clientMasterCopy: string) {
  return {
    panDetails: {
      panNumber: panFor(panPrefix, index),
      name: 'JOHN DOE',
      mobileNo: '9999999999',
      dateOfBirth: '1993-06-30',
      email: 'john.doe@example.com',
      iAm: 'Individual',
    },
    profileDetails: {
      gender: 'Male',
      placeOfBirth: 'Pune',
      occupation: 'Software Engineer',
      annualIncome: 1_200_000,
      citizenship: true,
      informationConfirmation: true,
    },
    addressDetails: {
      permanentAddress: '12, Residency Road, Bengaluru',
      landmark: 'Near the park',
      permanentCity: 'Bengaluru',
      permanentPincode: '560025',
      permanentState: 'Karnataka',
      permanentCountry: 'India',
    },
    bankDetails: [
      {
        bankName: 'Yes Bank',
        accountType: 'Saving',
        bankAccountNumber: `5${String(index).padStart(9, '0')}11`,
        ifscCode: 'YESB0000262',
        primary: true,
      },
    ],
    dematDetails: [
      { depository: 'CDSL', dpID: '12081600', clientID: '00012345', primary: true, clientMasterCopy },
    ],
    nominationDetails: {
      optOut: false,
      nominees: [{ name: 'Jane Doe', relationship: 'spouse', dateOfBirth: '1994-02-11' }],
    },
    fatcaDetails: {
      taxResidentOutsideIndia: false,
      countryOfBirth: 'IN',
      cityOfBirth: 'Pune',
      nationality: 'IN',
    },
    pepDetails: { politicallyExposed: false, relatedToPoliticallyExposed: false },
    tradingPreferences: { segments: ['cash'], incomeRange: '10_25_lakh' },
  };
}

const mobileFor = (index: number) => `9${String(index).padStart(9, '0')}`;

/*
 * Seeding, in three steps (bench/run.ts decides the order, since PGlite can be opened by one process at a time):
 * - insertAccounts: customers inserted by SQL, as registration stores them (name encrypted under a
 *   data key of their own, wrapped with the server's KYC_SECRET), with one precomputed argon2id hash of the same password
 *   (argon2 per user would take minutes on 2 cores and measures nothing new), each with a session row
 *   and an access token signed with the server's SESSION_SECRET, carrying the claims AuthService issues
 *   (logging in 10,000 users would cost 10,000 argon2 verifications);
 * - registerThroughApi: a few more register and log in through the API;
 * - fillProfiles: every profile is written through PUT /v1/data/update_data, so all KYC rows are real
 *   encrypted rows, the data keys and client master copy documents included.
 */

export async function insertAccounts(
  sql: SqlExecutor,
  count: number,
  password: string,
  sessionSecret: string,
  kycSecret: string,
): Promise<SeedUser[]> {
  const runTag = randomBytes(3).toString('hex');
  const emails = Array.from({ length: count }, (_, index) => `bench-${runTag}-${index}@example.com`);
  const passwordHash = await hashPassword(password);
  const keyRing = new KeyRing({ current: kycSecret });
  const accounts = emails.map((email, index) =>
    sealNewUser(keyRing, { email, name: 'Bench User', mobileNo: mobileFor(index), passwordHash }),
  );
  for (let from = 0; from < count; from += BATCH) {
    const batch = accounts.slice(from, from + BATCH);
    await sql.executeSql(
      `insert into users (id, email, name, mobile_no, password_hash)
       select id, email, name::jsonb, mobile_no, $5
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as t(id, email, name, mobile_no)`,
      [
        batch.map((account) => account.id),
        batch.map((account) => account.email),
        batch.map((account) => JSON.stringify(account.name)),
        batch.map((account) => account.mobileNo),
        passwordHash,
      ],
    );
    await sql.executeSql(
      `insert into user_keys (user_id, wrapped_key) select * from unnest($1::uuid[], $2::text[])`,
      [batch.map((account) => account.id), batch.map((account) => account.wrappedKey)],
    );
  }
  return mintTokens(
    sql,
    accounts.map(({ email, id }) => ({ email, id })),
    sessionSecret,
  );
}

export async function registerThroughApi(base: string, count: number, password: string): Promise<SeedUser[]> {
  const runTag = randomBytes(3).toString('hex');
  const emails = Array.from({ length: count }, (_, index) => `bench-api-${runTag}-${index}@example.com`);
  return pool(emails, 8, async (email, index) => {
    await expectStatus(201, base, 'POST', '/v1/auth/register', {
      json: { name: 'Bench User', email, password, confirmedPassword: password, mobileNo: mobileFor(index) },
    });
    const login = await expectStatus(200, base, 'POST', '/v1/auth/login', { json: { email, password } });
    return { email, token: (JSON.parse(login.body) as { token: string }).token };
  });
}

/** Accounts created through POST /v1/auth/register only (each an argon2 hash on the server), as sign-ups are. */
export async function signUp(base: string, count: number, password: string): Promise<void> {
  const runTag = randomBytes(3).toString('hex');
  await pool(
    Array.from({ length: count }, (_, index) => index),
    8,
    (index) =>
      expectStatus(201, base, 'POST', '/v1/auth/register', {
        json: {
          name: 'Signed Up',
          email: `bench-signup-${runTag}-${index}@example.com`,
          password,
          confirmedPassword: password,
          mobileNo: mobileFor(index),
        },
      }),
  );
}

export async function fillProfiles(base: string, users: SeedUser[], concurrency: number): Promise<void> {
  const clientMasterCopy = await masterCopyBase64();
  const panPrefix = randomLetters(4);
  let done = 0;
  await pool(users, concurrency, async (user, index) => {
    await expectStatus(200, base, 'PUT', '/v1/data/update_data', {
      token: user.token,
      json: profileBody(index, panPrefix, clientMasterCopy),
    });
    if (++done % 2500 === 0) console.log(`  profiles: ${done}/${users.length}`);
  });
}

async function mintTokens(
  sql: SqlExecutor,
  accounts: Array<{ id: string; email: string }>,
  sessionSecret: string,
): Promise<SeedUser[]> {
  const sessionIds = accounts.map(() => uuidv7());
  for (let from = 0; from < accounts.length; from += BATCH) {
    await sql.executeSql(
      `insert into sessions (id, user_id, expires_at, ip, user_agent)
       select sid, uid, now() + interval '1 day', '127.0.0.1', 'pehchan-bench'
       from unnest($1::uuid[], $2::uuid[]) as t(sid, uid)`,
      [sessionIds.slice(from, from + BATCH), accounts.slice(from, from + BATCH).map((account) => account.id)],
    );
  }
  const key = new TextEncoder().encode(sessionSecret);
  const expires = Math.floor(Date.now() / 1000) + 6 * 3600;
  return Promise.all(
    accounts.map(async (account, index) => ({
      email: account.email,
      token: await new SignJWT({ sid: sessionIds[index], role: 'customer' })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setSubject(account.id)
        .setIssuer('pehchan')
        .setAudience('pehchan-api')
        .setIssuedAt()
        .setExpirationTime(expires)
        .sign(key),
    })),
  );
}
