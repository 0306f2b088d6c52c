import { createSecretKey, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signHs256 } from '../../../src/modules/auth/hs256.js';

describe('signHs256', () => {
  const secret = randomBytes(48);
  const claims = {
    sid: 'session',
    role: 'customer',
    amr: ['pwd'],
    sub: 'user',
    iss: 'i',
    aud: 'a',
    iat: 1,
    exp: 2,
  };

  it('signs exactly what jose signs for the same header and claims', async () => {
    const ours = signHs256({ typ: 'at+jwt' }, claims, createSecretKey(secret));
    const jose = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(secret);
    expect(ours).toBe(jose);
  });

  it('is verified by jose with the same key, and refused with another', async () => {
    const token = signHs256(
      { typ: 'at+jwt' },
      { ...claims, exp: Math.floor(Date.now() / 1000) + 60 },
      createSecretKey(secret),
    );
    const { payload, protectedHeader } = await jwtVerify(token, secret, {
      issuer: 'i',
      audience: 'a',
      typ: 'at+jwt',
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ sid: 'session', sub: 'user', amr: ['pwd'] });
    await expect(jwtVerify(token, randomBytes(48))).rejects.toThrow(/signature/);
  });
});
