/**
 * The baselines: a bare node:http server that answers GET /v1/user/getDetails and PUT /v1/data/update_data
 * with the statements Pehchan sends for them (as drizzle generates them, same names, same order, the update
 * in one transaction; bench/baseline-profile.ts) and the same cryptography (the access token's signature,
 * the data key unwrapped, every field decrypted or encrypted, blind index, signed document links), through
 * Pehchan's own crypto helpers, on a pool opened by Pehchan's `openDatabase`, answering the same JSON.
 * What it leaves out is what `server CPU per request / baseline's` measures: framework, schema validation
 * and serialisation, hooks, logging, the normalisers and Pehchan's own layers.
 *
 * update_data writes only what the bench's requests change (profileDetails); another changed section is
 * answered 501, so it shows up as errors rather than as a cheaper request.
 *
 * Run by bench/run.ts as a separate process: DATABASE_URL, PORT, DB_POOL_MAX, KYC_SECRET, SESSION_SECRET.
 */
import { webcrypto } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jwtVerify } from 'jose';
import type pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { encryptField, KeyRing } from '../src/lib/crypto/index.js';
import { uuidv7 } from '../src/lib/ids.js';
import { EDITABLE } from '../src/modules/kyc/transitions.js';
import {
  changedSections,
  findDocuments,
  latestCaseStatus,
  loadProfile,
  openAccountName,
  openSections,
  profileView,
  USER_KEY_SQL,
} from './baseline-profile.js';
import type { Query, Row } from './baseline-profile.js';

const SESSION_SQL = `select "sessions"."id", "users"."id", "users"."role", "sessions"."second_factor_at" is not null, "sessions"."second_factor_at", "sessions"."link_id", "sessions"."expires_at" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where ("sessions"."id" = $1 and "sessions"."user_id" = $2 and "sessions"."revoked_at" is null and "sessions"."expires_at" > now() and "users"."status" = $3) limit $4`;
const LOCK_USER_SQL = `select "profile_version" from "users" where "users"."id" = $1 for update`;
const PAN_HELD_BY_OTHER_SQL = `select "user_id" from "pan_details" where ("pan_details"."pan_blind_index" = any($1::text[]) and "pan_details"."user_id" <> $2) limit $3`;
const UPSERT_PROFILE_SQL = `insert into "profile_details" ("user_id", "gender", "place_of_birth", "occupation", "annual_income", "citizenship", "information_confirmation", "created_at", "updated_at") values ($1, $2, $3, $4, $5, $6, $7, default, default) on conflict ("user_id") do update set "gender" = excluded."gender", "place_of_birth" = excluded."place_of_birth", "occupation" = excluded."occupation", "annual_income" = excluded."annual_income", "citizenship" = excluded."citizenship", "information_confirmation" = excluded."information_confirmation", "updated_at" = $8`;
const BUMP_VERSION_SQL = `update "users" set "profile_version" = "users"."profile_version" + 1, "updated_at" = $1 where "users"."id" = $2 returning "profile_version"`;
const APPEND_EVENT_SQL = `insert into "profile_events" ("id", "user_id", "actor_id", "action", "sections", "version", "created_at") values ($1, $2, $3, $4, $5, $6, default)`;

const database = await openDatabase({
  url: process.env.DATABASE_URL,
  dataDir: '/nonexistent',
  connectTimeoutMs: Number(process.env.DB_CONNECT_TIMEOUT_MS ?? 3000),
  statementTimeoutMs: Number(process.env.DB_STATEMENT_TIMEOUT_MS ?? 5000),
  poolMax: Number(process.env.DB_POOL_MAX ?? 10),
});
// drizzle's client is the pg pool: named statements (prepared once per connection, as Pehchan's) need it directly.
const pool = (database.db as unknown as { $client: pg.Pool }).$client;
const on =
  (executor: pg.Pool | pg.PoolClient): Query =>
  async (name, text, values, rows) =>
    (
      await executor.query<Row>({
        ...(name ? { name } : {}),
        text,
        values,
        ...(rows ? { rowMode: rows } : {}),
      })
    ).rows;
const query = on(pool);
const keyRing = new KeyRing({ current: process.env.KYC_SECRET! });
const signingKey = await webcrypto.subtle.importKey(
  'raw',
  Buffer.from(process.env.SESSION_SECRET!),
  { name: 'HMAC', hash: 'SHA-256' },
  false,
  ['verify'],
);

class Refusal extends Error {
  constructor(readonly status: number) {
    super(`answered ${status}`);
  }
}

/** The user id behind a valid access token and a live session row, as Pehchan's `authenticate` checks them. */
async function authenticate(req: IncomingMessage): Promise<string> {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token) throw new Refusal(401);
  const { payload } = await jwtVerify(token, signingKey, {
    algorithms: ['HS256'],
    issuer: 'pehchan',
    audience: 'pehchan-api',
    typ: 'at+jwt',
    clockTolerance: 30,
    requiredClaims: ['sub', 'sid', 'exp', 'iat'],
  }).catch(() => {
    throw new Refusal(401);
  });
  const sessions = await query('find_active_session', SESSION_SQL, [payload.sid, payload.sub, 'active', 1]);
  if (sessions.length === 0) throw new Refusal(401);
  return payload.sub!;
}

async function dataKeyOf(run: Query, userId: string): Promise<Buffer> {
  // Every bench user has a data key (made when the account was created).
  const [row] = await run('user_key', USER_KEY_SQL, [userId]);
  if (!row) throw new Error(`user ${userId} has no data key`);
  return keyRing.unwrapDataKey(userId, String(row.wrapped_key));
}

async function getDetails(userId: string) {
  const stored = await loadProfile(query, userId);
  if (!stored) throw new Refusal(404);
  return profileView(query, keyRing, stored, await dataKeyOf(query, userId));
}

async function updateData(userId: string, body: Record<string, unknown>) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const data = await updateInTransaction(on(client), userId, body);
    await client.query('commit');
    return data;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

async function updateInTransaction(run: Query, userId: string, body: Record<string, unknown>) {
  const [locked] = await run('profile_lock_user', LOCK_USER_SQL, [userId]);
  if (!locked) throw new Refusal(404);
  if (body.__v !== undefined && body.__v !== locked.profile_version) throw new Refusal(409);
  const status = await latestCaseStatus(run, userId);
  if (status !== undefined && !EDITABLE.has(status as never)) throw new Refusal(423);
  const stored = (await loadProfile(run, userId))!;
  const dataKey = await dataKeyOf(run, userId);
  const current = openSections(stored, dataKey, (id) => id);
  const { account } = stored;
  const echoed = {
    _id: account.id,
    name: openAccountName(dataKey, account),
    email: account.email,
    mobileNo: account.mobile_no,
    kycStatus: body.kycStatus === undefined ? undefined : ((await latestCaseStatus(run, userId)) ?? 'draft'),
  };
  for (const [field, value] of Object.entries(echoed))
    if (body[field] !== undefined && body[field] !== value) throw new Refusal(400);
  const references = ((body.dematDetails ?? []) as Row[]).flatMap((entry) => {
    const copy = entry.clientMasterCopy as { _id?: string } | null | undefined;
    return copy?._id ? [copy._id] : [];
  });
  const owned = await findDocuments(run, userId, references);
  if (owned.length !== references.length) throw new Refusal(400);
  const pan = body.panDetails as { panNumber: string } | undefined;
  if (pan) {
    const candidates = keyRing.blindIndexCandidates('pan', pan.panNumber);
    if ((await run('pan_held_by_other', PAN_HELD_BY_OTHER_SQL, [candidates, userId, 1])).length)
      throw new Refusal(409);
  }
  const changed = changedSections(body, current);
  if (changed.length === 0) return profileView(run, keyRing, stored, dataKey);
  if (changed.some((section) => section !== 'profileDetails')) throw new Refusal(501);

  const profile = body.profileDetails as Row;
  const seal = (column: string, value: unknown) =>
    JSON.stringify(encryptField(dataKey, String(value), { table: 'profile_details', column, userId }));
  const sealed = [
    seal('gender', profile.gender),
    seal('place_of_birth', profile.placeOfBirth),
    seal('occupation', profile.occupation),
    seal('annual_income', profile.annualIncome),
    profile.citizenship,
    profile.informationConfirmation,
  ];
  await run('upsert_profile_details', UPSERT_PROFILE_SQL, [userId, ...sealed, new Date()]);
  const [bumped] = await run('profile_bump_version', BUMP_VERSION_SQL, [new Date(), userId]);
  await run('profile_append_event', APPEND_EVENT_SQL, [
    uuidv7(),
    userId,
    userId,
    'profile_updated',
    JSON.stringify(changed),
    bumped!.profile_version,
  ]);
  return profileView(run, keyRing, (await loadProfile(run, userId))!, dataKey);
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

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
}

const server = createServer((req, res) => {
  const handle = async () => {
    if (req.url === '/health/ready') {
      await database.ping();
      return send(res, 200, { status: 'ok' });
    }
    if (req.method === 'GET' && req.url === '/v1/user/getDetails') {
      const data = await getDetails(await authenticate(req));
      return send(
        res,
        200,
        { success: true, data },
        { etag: `"${String(data.__v)}"`, 'cache-control': 'no-store' },
      );
    }
    if (req.method === 'PUT' && req.url === '/v1/data/update_data') {
      const userId = await authenticate(req);
      const data = await updateData(userId, await readJson(req));
      return send(
        res,
        200,
        { success: true, message: 'Profile updated successfully', data },
        { etag: `"${String(data.__v)}"` },
      );
    }
    send(res, 404, { success: false });
  };
  handle().catch((error: unknown) => {
    if (error instanceof Refusal) return send(res, error.status, { success: false });
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
