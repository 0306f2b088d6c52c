/**
 * The getDetails baseline: a bare node:http server that runs the SQL Pehchan runs for
 * GET /v1/user/getDetails (the statements drizzle generates, in the same order and with the same
 * parallelism), on a pool opened with Pehchan's own settings, and answers the same JSON shape.
 * No framework, no validation, no JWT signature check (the claims are only decoded), no decryption
 * (ciphertexts are returned as stored) and no signed URLs: what is left is the floor set by
 * PostgreSQL round trips and JSON, which `getDetails / baseline` compares against.
 *
 * Run by bench/run.ts as a separate process: DATABASE_URL, PORT, DB_POOL_MAX.
 */
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { openDatabase } from '../src/db/client.js';

type Row = Record<string, unknown>;

const SESSION_SQL = `select "sessions"."id", "users"."id", "users"."role" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where ("sessions"."id" = $1 and "sessions"."user_id" = $2 and "sessions"."revoked_at" is null and "sessions"."expires_at" > now() and "users"."status" = $3) limit $4`;
const ACCOUNT_SQL = `select "id", "name", "email", "mobile_no", "profile_version" from "users" where "users"."id" = $1`;
const PAN_SQL = `select "user_id", "pan_number", "pan_blind_index", "name", "date_of_birth", "mobile_no", "email", "i_am", "created_at", "updated_at" from "pan_details" where "pan_details"."user_id" = $1`;
const PROFILE_SQL = `select "user_id", "gender", "place_of_birth", "occupation", "annual_income", "citizenship", "information_confirmation", "created_at", "updated_at" from "profile_details" where "profile_details"."user_id" = $1`;
const ADDRESS_SQL = `select "user_id", "permanent_address", "landmark", "permanent_city", "permanent_pincode", "permanent_state", "permanent_country", "created_at", "updated_at" from "address_details" where "address_details"."user_id" = $1`;
const BANKS_SQL = `select "id", "user_id", "position", "bank_name", "account_type", "account_number", "account_number_blind_index", "account_number_last4", "ifsc_code", "is_primary", "created_at", "updated_at" from "bank_accounts" where "bank_accounts"."user_id" = $1 order by "bank_accounts"."position" asc`;
const DEMATS_SQL = `select "id", "user_id", "position", "depository", "dp_id", "client_id", "account_blind_index", "is_primary", "client_master_copy_id", "created_at", "updated_at" from "demat_accounts" where "demat_accounts"."user_id" = $1 order by "demat_accounts"."position" asc`;
const KEY_SQL = `select "wrapped_key" from "user_keys" where "user_keys"."user_id" = $1`;
const documentsSql = (count: number) =>
  `select "id", "user_id", "kind", "content_type", "size", "sha256" from "documents" where ("documents"."user_id" = $1 and "documents"."id" in (${Array.from({ length: count }, (_, index) => `$${index + 2}`).join(', ')}))`;
const CASE_SQL = `select "id", "number", "user_id", "status", "snapshot", "pan_blind_index", "reasons", "user_message", "internal_note", "decided_by", "submitted_at", "decided_at", "created_at", "updated_at" from "kyc_cases" where "kyc_cases"."user_id" = $1 order by "kyc_cases"."created_at" desc, "kyc_cases"."id" desc limit $2`;
const SELFIE_SQL = `select "id", "document_id", "score", "verification_id", "created_at" from "selfie_checks" where ("selfie_checks"."user_id" = $1 and "selfie_checks"."passed" = $2) order by "selfie_checks"."created_at" desc limit $3`;

const database = await openDatabase({
  url: process.env.DATABASE_URL,
  dataDir: '/nonexistent',
  connectTimeoutMs: Number(process.env.DB_CONNECT_TIMEOUT_MS ?? 3000),
  statementTimeoutMs: Number(process.env.DB_STATEMENT_TIMEOUT_MS ?? 5000),
  poolMax: Number(process.env.DB_POOL_MAX ?? 10),
});
const query = async (text: string, values: unknown[]) =>
  (await database.sql.executeSql(text, values)).rows as Row[];

function claims(authorization: string | undefined): { sub: string; sid: string } | undefined {
  const payload = authorization?.startsWith('Bearer ') ? authorization.slice(7).split('.')[1] : undefined;
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string; sid: string };
  } catch {
    return undefined;
  }
}

async function getDetails(userId: string) {
  const [accounts, pans, profiles, addresses, banks, demats] = await Promise.all([
    query(ACCOUNT_SQL, [userId]),
    query(PAN_SQL, [userId]),
    query(PROFILE_SQL, [userId]),
    query(ADDRESS_SQL, [userId]),
    query(BANKS_SQL, [userId]),
    query(DEMATS_SQL, [userId]),
  ]);
  const account = accounts[0];
  if (!account) return undefined;
  await query(KEY_SQL, [userId]);
  const copyIds = demats.flatMap((row) => (row.client_master_copy_id ? [row.client_master_copy_id] : []));
  const documents = copyIds.length ? await query(documentsSql(copyIds.length), [userId, ...copyIds]) : [];
  const [cases, selfies] = await Promise.all([
    query(CASE_SQL, [userId, 1]),
    query(SELFIE_SQL, [userId, true, 1]),
  ]);
  const document = (id: unknown) => {
    const doc = documents.find((row) => row.id === id);
    return doc
      ? {
          _id: doc.id,
          contentType: doc.content_type,
          size: doc.size,
          sha256: doc.sha256,
          url: `/v1/documents/${String(doc.id)}`,
        }
      : null;
  };
  const [pan, profile, address] = [pans[0], profiles[0], addresses[0]];
  return {
    _id: account.id,
    name: account.name,
    email: account.email,
    mobileNo: account.mobile_no,
    panDetails: pan
      ? {
          panNumber: pan.pan_number,
          name: pan.name,
          dateOfBirth: pan.date_of_birth,
          mobileNo: pan.mobile_no,
          email: pan.email,
          iAm: pan.i_am,
        }
      : null,
    profileDetails: profile
      ? {
          gender: profile.gender,
          placeOfBirth: profile.place_of_birth,
          occupation: profile.occupation,
          annualIncome: profile.annual_income,
          citizenship: profile.citizenship,
          informationConfirmation: profile.information_confirmation,
        }
      : null,
    addressDetails: address
      ? {
          permanentAddress: address.permanent_address,
          landmark: address.landmark,
          permanentCity: address.permanent_city,
          permanentPincode: address.permanent_pincode,
          permanentState: address.permanent_state,
          permanentCountry: address.permanent_country,
        }
      : null,
    bankDetails: banks.map((row) => ({
      _id: row.id,
      bankName: row.bank_name,
      accountType: row.account_type,
      bankAccountNumber: row.account_number,
      ifscCode: row.ifsc_code,
      primary: row.is_primary,
    })),
    dematDetails: demats.map((row) => ({
      _id: row.id,
      depository: row.depository,
      dpID: row.dp_id,
      clientID: row.client_id,
      primary: row.is_primary,
      clientMasterCopy: document(row.client_master_copy_id),
    })),
    __v: account.profile_version,
    kycStatus: cases[0]?.status ?? 'draft',
    userImage: selfies[0] ? `/v1/documents/${String(selfies[0].document_id)}` : null,
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

const server = createServer((req, res) => {
  const handle = async () => {
    if (req.url === '/health/ready') {
      await database.ping();
      return send(res, 200, { status: 'ok' });
    }
    if (req.method !== 'GET' || req.url !== '/v1/user/getDetails') return send(res, 404, { success: false });
    const token = claims(req.headers.authorization);
    const sessions = token ? await query(SESSION_SQL, [token.sid, token.sub, 'active', 1]) : [];
    if (!token || sessions.length === 0) return send(res, 401, { success: false });
    const data = await getDetails(token.sub);
    if (!data) return send(res, 404, { success: false });
    send(res, 200, { success: true, data }, { etag: `"${String(data.__v)}"`, 'cache-control': 'no-store' });
  };
  handle().catch((error: unknown) => {
    console.error(error);
    send(res, 500, { success: false });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void database.close();
});
