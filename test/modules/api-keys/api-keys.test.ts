import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.js';
import { apiKeys, staffAuditEvents } from '../../../src/db/schema/index.js';
import { authed, registerAndLogin, TEST_SECRETS } from '../../helpers/app.js';
import { loginAs, useHostTestApp } from '../integration/test-app.js';

const ctx = useHostTestApp();

async function createKey(token: string, scopes: string[], name = 'Host backend') {
  const response = await authed(ctx.app, token, {
    method: 'POST',
    url: '/v1/admin/api-keys',
    payload: { name, scopes },
  });
  expect(response.statusCode).toBe(201);
  return response.json().data as {
    id: string;
    key: string;
    prefix: string;
    scopes: string[];
    revokedAt: string | null;
  };
}

const asUser = (userId: string) => `/v1/integration/users/${userId}`;

describe('admin API key routes', () => {
  it('creates a key shown once, stored only as a SHA-256 hash, listed without the key', async () => {
    const admin = await loginAs(ctx, 'admin');
    const response = await authed(ctx.app, admin.token, {
      method: 'POST',
      url: '/v1/admin/api-keys',
      payload: { name: 'Host backend', scopes: ['users:read', 'cases:read'] },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = response.json().data;
    expect(created.key).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: 'Host backend',
      scopes: ['users:read', 'cases:read'],
      revokedAt: null,
    });
    expect(created.prefix).toBe(created.key.slice(0, 9));

    const [row] = await ctx.database.handle.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row?.keyHash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const list = await authed(ctx.app, admin.token, { method: 'GET', url: '/v1/admin/api-keys' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.key);
    const listed = list.json().data.find((key: { id: string }) => key.id === created.id);
    expect(listed).toEqual({
      id: created.id,
      name: 'Host backend',
      prefix: created.prefix,
      scopes: ['users:read', 'cases:read'],
      createdAt: created.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('writes creation and revocation to the audit log, a repeated revocation once', async () => {
    const admin = await loginAs(ctx, 'admin');
    const key = await createKey(admin.token, ['users:read', 'webhooks:read']);
    for (let time = 0; time < 2; time++)
      await authed(ctx.app, admin.token, { method: 'DELETE', url: `/v1/admin/api-keys/${key.id}` });
    const unknown = await authed(ctx.app, admin.token, {
      method: 'DELETE',
      url: '/v1/admin/api-keys/0190f0f0-0000-7000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);

    const entries = await ctx.database.handle.db
      .select()
      .from(staffAuditEvents)
      .where(eq(staffAuditEvents.actorId, admin.userId))
      .orderBy(staffAuditEvents.id);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'api_key_created',
        actorRole: 'admin',
        targetType: 'api_key',
        targetId: key.id,
        details: { scopes: 'users:read webhooks:read' },
        ip: '127.0.0.1',
      }),
      expect.objectContaining({
        action: 'api_key_revoked',
        targetType: 'api_key',
        targetId: key.id,
        details: {},
      }),
    ]);
    // Never the key or its hash.
    expect(JSON.stringify(entries)).not.toContain(key.key);
    expect(JSON.stringify(entries)).not.toContain(createHash('sha256').update(key.key).digest('hex'));
  });

  it.each([
    ['an unknown scope', { name: 'x', scopes: ['users:delete'] }, '/scopes/0'],
    ['no scopes', { name: 'x', scopes: [] }, '/scopes'],
    ['a blank name', { name: '   ', scopes: ['users:read'] }, '/name'],
    ['an unknown field', { name: 'x', scopes: ['users:read'], key: 'pk_chosen' }, '/key'],
  ])('refuses %s with 400', async (_label, payload, field) => {
    const admin = await loginAs(ctx, 'admin');
    const response = await authed(ctx.app, admin.token, {
      method: 'POST',
      url: '/v1/admin/api-keys',
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ field }));
  });

  it('is for admins only: customers and reviewers get 403, no token 401', async () => {
    const customer = await registerAndLogin(ctx.app);
    const reviewer = await loginAs(ctx, 'reviewer');
    const admin = await loginAs(ctx, 'admin');
    const key = await createKey(admin.token, ['users:read']);
    for (const token of [customer.token, reviewer.token]) {
      const requests = [
        {
          method: 'POST' as const,
          url: '/v1/admin/api-keys',
          payload: { name: 'x', scopes: ['users:read'] },
        },
        { method: 'GET' as const, url: '/v1/admin/api-keys' },
        { method: 'DELETE' as const, url: `/v1/admin/api-keys/${key.id}` },
      ];
      for (const request of requests) {
        const response = await authed(ctx.app, token, request);
        expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
        expect(response.json().code).toBe('forbidden');
      }
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/admin/api-keys' })).statusCode).toBe(401);
    // An API key is no admin credential either.
    const withKey = await ctx.app.inject({
      method: 'GET',
      url: '/v1/admin/api-keys',
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(withKey.statusCode).toBe(401);
    const [row] = await ctx.database.handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row?.revokedAt).toBeNull();
  });

  it('revokes a key at once and idempotently; an unknown id is 404', async () => {
    const admin = await loginAs(ctx, 'admin');
    const customer = await loginAs(ctx, 'customer');
    const key = await createKey(admin.token, ['users:read']);
    const before = await ctx.app.inject({
      method: 'GET',
      url: asUser(customer.userId),
      headers: { 'x-api-key': key.key },
    });
    expect(before.statusCode).toBe(200);

    const revoked = await authed(ctx.app, admin.token, {
      method: 'DELETE',
      url: `/v1/admin/api-keys/${key.id}`,
    });
    expect(revoked.statusCode).toBe(200);
    const revokedAt = revoked.json().data.revokedAt;
    expect(revokedAt).toEqual(expect.any(String));
    const again = await authed(ctx.app, admin.token, {
      method: 'DELETE',
      url: `/v1/admin/api-keys/${key.id}`,
    });
    expect(again.json().data.revokedAt).toBe(revokedAt);

    const after = await ctx.app.inject({
      method: 'GET',
      url: asUser(customer.userId),
      headers: { 'x-api-key': key.key },
    });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('invalid_token');

    const unknown = await authed(ctx.app, admin.token, {
      method: 'DELETE',
      url: '/v1/admin/api-keys/01900000-0000-7000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('API key authentication', () => {
  it('accepts the key as a bearer token or in x-api-key, and refuses unknown keys with 401', async () => {
    const admin = await loginAs(ctx, 'admin');
    const customer = await loginAs(ctx, 'customer');
    const key = await createKey(admin.token, ['users:read']);
    const url = asUser(customer.userId);
    expect(
      (await ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key.key}` } }))
        .statusCode,
    ).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url, headers: { 'x-api-key': key.key } })).statusCode).toBe(
      200,
    );

    const forged = `pk_${'A'.repeat(43)}`;
    for (const headers of [
      {},
      { 'x-api-key': forged },
      { authorization: `Bearer ${forged}` },
      { 'x-api-key': 'nonsense' },
    ]) {
      const response = await ctx.app.inject({ method: 'GET', url, headers });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('invalid_token');
    }
    // A session token is not an API key.
    const session = await ctx.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(session.statusCode).toBe(401);
  });

  it('refuses a key without the route’s scope with 403', async () => {
    const admin = await loginAs(ctx, 'admin');
    const customer = await loginAs(ctx, 'customer');
    const readOnly = await createKey(admin.token, ['users:read', 'cases:read']);
    const writeOnly = await createKey(admin.token, ['users:write']);
    const put = (key: string) =>
      ctx.app.inject({
        method: 'PUT',
        url: `${asUser(customer.userId)}/external-id`,
        headers: { 'x-api-key': key },
        payload: { externalId: 'host-scope-1' },
      });
    const refused = await put(readOnly.key);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    expect((await put(writeOnly.key)).statusCode).toBe(200);
    const read = await ctx.app.inject({
      method: 'GET',
      url: asUser(customer.userId),
      headers: { 'x-api-key': writeOnly.key },
    });
    expect(read.statusCode).toBe(403);
  });

  it('does not open customer routes', async () => {
    const admin = await loginAs(ctx, 'admin');
    const key = await createKey(admin.token, ['users:read', 'users:write', 'cases:read', 'webhooks:read']);
    for (const headers of [{ authorization: `Bearer ${key.key}` }, { 'x-api-key': key.key }]) {
      const response = await ctx.app.inject({ method: 'GET', url: '/v1/user/getDetails', headers });
      expect(response.statusCode).toBe(401);
    }
  });

  it('records when a key was last used, at most once a minute', async () => {
    const admin = await loginAs(ctx, 'admin');
    const customer = await loginAs(ctx, 'customer');
    const key = await createKey(admin.token, ['users:read']);
    const lastUsed = async () =>
      (await ctx.database.handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id)))[0]?.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await ctx.app.inject({ method: 'GET', url: asUser(customer.userId), headers: { 'x-api-key': key.key } });
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await ctx.app.inject({ method: 'GET', url: asUser(customer.userId), headers: { 'x-api-key': key.key } });
    expect((await lastUsed())?.getTime()).toBe(first!.getTime());
    await ctx.database.handle.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(Date.now() - 120_000) })
      .where(eq(apiKeys.id, key.id));
    await ctx.app.inject({ method: 'GET', url: asUser(customer.userId), headers: { 'x-api-key': key.key } });
    expect(Date.now() - (await lastUsed())!.getTime()).toBeLessThan(60_000);
  });
});

describe('npm run apikey:create', () => {
  const cli = (args: string[], dataDir: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/apikey-create.ts', ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        LOG_LEVEL: 'silent',
        ...TEST_SECRETS,
      },
      timeout: 60_000,
    });

  it('creates a key, prints it once, and stores only its hash', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-apikey-'));
    const result = cli(['--name', 'CLI backend', '--scopes', 'users:read,cases:read'], dataDir);
    expect(result.stderr).not.toMatch(/apikey:create/);
    expect(result.status).toBe(0);
    const key = /key \(shown once\): (pk_[A-Za-z0-9_-]{43})/.exec(result.stdout)?.[1];
    expect(key).toBeDefined();
    const database = await openDatabase({
      url: undefined,
      dataDir,
      connectTimeoutMs: 5000,
      statementTimeoutMs: 30_000,
      poolMax: 1,
    });
    try {
      const rows = await database.db.select().from(apiKeys);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        name: 'CLI backend',
        scopes: ['users:read', 'cases:read'],
        keyHash: createHash('sha256').update(key!).digest('hex'),
      });
    } finally {
      await database.close();
    }
  }, 90_000); // a child process that starts the embedded database: slow on a busy machine

  it('refuses an unknown scope and a missing name without creating anything', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pehchan-apikey-'));
    const badScope = cli(['--name', 'x', '--scopes', 'users:read,admin'], dataDir);
    expect(badScope.status).toBe(2);
    expect(badScope.stderr).toContain('unknown scope admin');
    const noName = cli(['--scopes', 'users:read'], dataDir);
    expect(noName.status).toBe(2);
    expect(noName.stderr).toContain('--name is required');
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  });
});
