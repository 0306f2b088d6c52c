import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { paths } from '../openapi/schema.js';
import { newUser, useTestApp } from './helpers/app.js';

const ctx = useTestApp();

describe('a client generated from the committed description', () => {
  it('registers, logs in and reads the details over HTTP, with typed answers and typed problems', async () => {
    const baseUrl = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const client = createClient<paths>({ baseUrl });
    const user = newUser();

    const registered = await client.POST('/v1/auth/register', { body: user });
    expect(registered.response.status).toBe(201);
    const login = await client.POST('/v1/auth/login', {
      body: { email: user.email, password: user.password },
    });
    // A customer gets tokens; staff would get a second-factor challenge instead (the answer is a union).
    const token = login.data && 'token' in login.data ? login.data.token : undefined;
    expect(token).toEqual(expect.any(String));

    const details = await client.GET('/v1/user/getDetails', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(details.data?.data.email).toBe(user.email);

    const taken = await client.POST('/v1/auth/register', { body: user });
    expect(taken.response.status).toBe(409);
    expect(taken.error?.code).toBe('email_taken');
  });
});
