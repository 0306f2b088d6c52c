import { describe, expect, it } from 'vitest';
import { authed, registerAndLogin, useTestApp } from '../helpers/app.js';

const ctx = useTestApp({ CORS_ORIGINS: 'https://app.example.in', BODY_LIMIT_BYTES: '65536' });

const post = (payload: string, contentType = 'application/json') =>
  ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload,
    headers: { 'content-type': contentType },
  });

describe('request parsing', () => {
  it('answers malformed JSON with 400 invalid_json', async () => {
    const response = await post('{"email": "a@b.in", ');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_json', status: 400, success: false });
  });

  it('answers a wrong content type with 415', async () => {
    const response = await post('email=a@b.in&password=x', 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_media_type');
  });

  it('answers an oversized body with 413', async () => {
    const response = await post(JSON.stringify({ email: 'a@b.in', password: 'x'.repeat(70_000) }));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
  });

  it('refuses deeply nested bodies without parsing them', async () => {
    const response = await post(`{"email":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_json');
  });

  it('counts depth outside strings only, whatever the escapes', async () => {
    const bracketsInString = await post(JSON.stringify({ email: `\\"${'['.repeat(5000)}`, password: 'x' }));
    expect(bracketsInString.json().code).toBe('validation_failed');
    const escapedBackslashThenNesting = `{"email":"a\\\\","password":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect((await post(escapedBackslashThenNesting)).json().code).toBe('invalid_json');
  });

  it('names the allowed values once for a value outside a closed set, not one line per value', async () => {
    const { token } = await registerAndLogin(ctx.app);
    const response = await authed(ctx.app, token, {
      method: 'POST',
      url: '/v1/consents',
      payload: { purpose: 'marketing', noticeVersion: '2026-01' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        field: '/purpose',
        code: 'enum',
        message: 'must be one of kyc_verification, digilocker_fetch, secure_share_prefill',
      },
    ]);
  });

  it('reads integer query parameters as numbers and holds them to their bounds', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/v1/dev/outbox?limit=2' });
    expect(page.statusCode).toBe(200);
    for (const [limit, code] of [
      ['0', 'minimum'],
      ['101', 'maximum'],
      ['2.5', 'type'],
      ['abc', 'type'],
    ]) {
      const refused = await ctx.app.inject({ method: 'GET', url: `/v1/dev/outbox?limit=${limit}` });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toMatchObject([{ field: '/limit', code }]);
    }
  });

  it.each(['__proto__', 'constructor'])('refuses a %s key', async (key) => {
    const body =
      key === '__proto__'
        ? '{"email":"a@b.in","password":"x","__proto__":{"role":"admin"}}'
        : '{"email":"a@b.in","password":"x","constructor":{"prototype":{"role":"admin"}}}';
    const response = await post(body);
    expect(response.statusCode).toBe(400);
  });

  it('refuses objects and numbers where strings belong (no coercion)', async () => {
    const response = await post(JSON.stringify({ email: { $gt: '' }, password: 12345678 }));
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['/email', '/password']));
  });

  it('refuses unknown fields instead of dropping them', async () => {
    const response = await post(JSON.stringify({ email: 'a@b.in', password: 'x', isAdmin: true }));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual({
      field: '/isAdmin',
      code: 'unknown_field',
      message: 'is not an allowed field',
    });
  });

  it('answers a JSON array at the top level with 400', async () => {
    const response = await post('[1,2,3]');
    expect(response.statusCode).toBe(400);
  });
});

describe('responses', () => {
  it('answers unknown routes with a problem+json 404', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({
      status: 404,
      code: 'not_found',
      title: 'Not Found',
      success: false,
    });
  });

  it('keeps a valid incoming x-request-id and replaces an invalid one', async () => {
    const kept = await ctx.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const replaced = await ctx.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'bad id\n' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await ctx.app.inject({
      method: 'GET',
      url: '/v1/x',
      headers: { 'x-request-id': 'trace-456' },
    });
    expect(problem.json().requestId).toBe('trace-456');
  });

  it('sends security headers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/health/live' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['cross-origin-resource-policy']).toBe('same-site');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    // Unknown routes and errors carry them too.
    const missing = await ctx.app.inject({ method: 'GET', url: '/v1/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(response.headers['content-security-policy']);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/v1/auth/login',
      headers: { origin: 'https://app.example.in', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.in');
    const other = await ctx.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves OpenAPI 3 with the v1 routes, and the docs page', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/v1/auth/register',
        '/v1/auth/login',
        '/v1/auth/logout',
        '/v1/user/getDetails',
      ]),
    );
    expect(
      spec.paths['/v1/auth/register'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('mobileNo');
    const docs = await ctx.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('reports liveness and readiness', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
    expect((await ctx.app.inject({ method: 'GET', url: '/health/ready' })).json()).toEqual({
      status: 'ready',
      provider: { status: 'healthy', circuit: 'closed' },
    });
  });
});
