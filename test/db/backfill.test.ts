import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { MIGRATIONS_FOLDER } from '../../src/db/client.js';
import { encryptField, KeyRing } from '../../src/lib/crypto/index.js';
import { uuidv7 } from '../../src/lib/ids.js';
import { hashPassword } from '../../src/modules/auth/passwords.js';
import { authed, STRONG_PASSWORD, TEST_SECRETS, testConfig } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

/** The migrations as the last version that stored personal columns in clear shipped them. */
function migrationsBeforeEncryption(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'pehchan-old-migrations-'));
  mkdirSync(path.join(folder, 'meta'));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ idx: number; tag: string }>;
  };
  journal.entries = journal.entries.filter((entry) => entry.idx <= 7);
  for (const entry of journal.entries)
    copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  return folder;
}

const keyRing = new KeyRing({ current: TEST_SECRETS.KYC_SECRET });
const at = (table: string, column: string, userId: string) => ({ table, column, userId });

const full = {
  id: uuidv7(),
  email: 'old.full@example.com',
  name: 'Orvelline Tashkaran',
  pan: 'QWEPT4821K',
  dateOfBirth: '1979-04-17',
  mobileNo: '9823456701',
  address: '44 Brindleworth Lane',
  landmark: 'Opposite Kestova Mill',
  city: 'Pune',
  pincode: '411038',
  placeOfBirth: 'Nashikvale',
  occupation: 'Cartographer',
  annualIncome: 910000.5,
};
const registeredOnly = { id: uuidv7(), email: 'old.registered@example.com', name: 'Pelloran Vistak' };
const erased = { id: uuidv7(), email: 'old.erased@example.com', name: 'Quennaby Morstadt' };
const plaintexts = [
  full.name,
  full.mobileNo,
  full.address,
  full.landmark,
  full.pincode,
  full.placeOfBirth,
  full.occupation,
  registeredOnly.name,
  erased.name,
  'Cartographer',
  'Brindleworth',
];

let database: TestDatabase;
let app: FastifyInstance;
const query = async (text: string, values: unknown[] = []) =>
  (await database.handle.sql.executeSql(text, values)).rows as Array<Record<string, unknown>>;

/** Rows exactly as the previous version wrote them: envelopes for PAN and dates, the rest in clear. */
async function writeOldRows() {
  const passwordHash = await hashPassword(STRONG_PASSWORD);
  for (const user of [full, registeredOnly, erased]) {
    await query(
      `insert into users (id, email, name, mobile_no, password_hash) values ($1, $2, $3, '9876543210', $4)`,
      [user.id, user.email, user.name, passwordHash],
    );
  }
  const dataKey = keyRing.newDataKey(full.id);
  await query(`insert into user_keys (user_id, wrapped_key) values ($1, $2)`, [full.id, dataKey.wrapped]);
  const seal = (table: string, column: string, value: string) =>
    JSON.stringify(encryptField(dataKey.key, value, at(table, column, full.id)));
  await query(
    `insert into pan_details (user_id, pan_number, pan_blind_index, name, date_of_birth, mobile_no, email, i_am)
     values ($1, $2, $3, $4, $5, $6, $7, 'Individual')`,
    [
      full.id,
      seal('pan_details', 'pan_number', full.pan),
      keyRing.blindIndex('pan', full.pan),
      full.name,
      seal('pan_details', 'date_of_birth', full.dateOfBirth),
      full.mobileNo,
      full.email,
    ],
  );
  for (const user of [full, erased]) {
    await query(
      `insert into profile_details (user_id, gender, place_of_birth, occupation, annual_income, citizenship,
       information_confirmation) values ($1, 'Female', $2, $3, $4, true, true)`,
      [user.id, full.placeOfBirth, full.occupation, full.annualIncome],
    );
  }
  await query(
    `insert into address_details (user_id, permanent_address, landmark, permanent_city, permanent_pincode,
     permanent_state, permanent_country) values ($1, $2, $3, $4, $5, 'Maharashtra', 'India')`,
    [full.id, full.address, full.landmark, full.city, full.pincode],
  );
  await query(
    `insert into official_identities (id, user_id, source, name, gender, aadhaar_last4)
     values ($1, $2, 'digilocker', $3, 'Female', '4321')`,
    [uuidv7(), full.id, full.name],
  );
  await query(
    `insert into verifications (id, verification_id, user_id, kind, status, request, response)
     values ($1, 'pan_old_1', $2, 'pan', 'success', $3, $4)`,
    [
      uuidv7(),
      full.id,
      JSON.stringify({ pan: 'XXXXX4821X', name: full.name }),
      JSON.stringify({ reference_id: 77, registered_name: full.name, name_match_result: 'DIRECT_MATCH' }),
    ],
  );
}

async function login(email: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email, password: STRONG_PASSWORD },
  });
  expect(response.statusCode).toBe(200);
  return response.json().token as string;
}

beforeAll(async () => {
  database = await createTestDatabase({ migrationsFolder: migrationsBeforeEncryption() });
  await writeOldRows();
  // The upgrade: the new migrations, then the start that encrypts what they left in clear.
  await database.handle.migrate();
  app = await buildApp({ config: testConfig(), database: database.handle, logger: false });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('upgrading an install that stored personal columns in clear', () => {
  it('encrypts every such value at start, leaving none in clear', async () => {
    const tables = [
      'users',
      'pan_details',
      'profile_details',
      'address_details',
      'official_identities',
      'verifications',
    ];
    for (const table of tables) {
      const rows = await query(`select row_to_json(t)::text as row from ${table} t`);
      for (const { row } of rows) {
        for (const value of plaintexts) expect(row as string, `${value} in ${table}`).not.toContain(value);
      }
    }
    const [ledger] = await query(
      `select request::text as request, response::text as response from verifications`,
    );
    expect(JSON.parse(ledger!['response'] as string)).toEqual({
      reference_id: 77,
      registered_name: '[omitted]',
      name_match_result: 'DIRECT_MATCH',
    });
    expect(await query(`select name from app_backfills order by name`)).toHaveLength(2);
  });

  it('keeps the values readable through the API', async () => {
    const token = await login(full.email);
    const details = (await authed(app, token, { method: 'GET', url: '/v1/user/getDetails' })).json().data;
    expect(details).toMatchObject({
      name: full.name,
      panDetails: {
        panNumber: full.pan,
        name: full.name,
        dateOfBirth: full.dateOfBirth,
        mobileNo: full.mobileNo,
        email: full.email,
      },
      profileDetails: {
        gender: 'Female',
        placeOfBirth: full.placeOfBirth,
        occupation: full.occupation,
        annualIncome: full.annualIncome,
      },
      addressDetails: {
        permanentAddress: full.address,
        landmark: full.landmark,
        permanentCity: full.city,
        permanentPincode: full.pincode,
        permanentState: 'Maharashtra',
        permanentCountry: 'India',
      },
    });
    const identity = await app.services.officialIdentities.latest(database.handle.db, full.id);
    expect(identity).toMatchObject({ name: full.name, gender: 'Female', aadhaarLast4: '4321' });
  });

  it('gives a user who only registered a data key, and their name back', async () => {
    const token = await login(registeredOnly.email);
    const details = (await authed(app, token, { method: 'GET', url: '/v1/user/getDetails' })).json().data;
    expect(details.name).toBe(registeredOnly.name);
    expect(await query(`select 1 from user_keys where user_id = $1`, [registeredOnly.id])).toHaveLength(1);
  });

  it('keeps an erasure: a user whose data key was deleted gets no new one, and the values stay unreadable', async () => {
    expect(await query(`select 1 from user_keys where user_id = $1`, [erased.id])).toHaveLength(0);
    const token = await login(erased.email);
    expect((await authed(app, token, { method: 'GET', url: '/v1/user/getDetails' })).statusCode).toBe(500);
  });

  it('runs once: a second start changes nothing', async () => {
    const before = await query(`select row_to_json(t)::text as row from pan_details t`);
    const again = await buildApp({ config: testConfig(), database: database.handle, logger: false });
    await again.ready();
    await again.close();
    expect(await query(`select row_to_json(t)::text as row from pan_details t`)).toEqual(before);
  });
});
