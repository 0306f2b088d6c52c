import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../src/modules/auth/passwords.js';
import { newUser, STRONG_PASSWORD, useTestApp } from '../../helpers/app.js';

const ctx = useTestApp();

const ravi = { name: 'Ravi Kumar', mobileNo: '9123456780' };
const raviEmail = () => `ravi.kumar.${Date.now()}${Math.floor(Math.random() * 1e6)}@example.com`;

function register(body: Record<string, unknown>) {
  return ctx.app.inject({ method: 'POST', url: '/v1/auth/register', payload: body });
}

function withPassword(password: string, overrides: Record<string, unknown> = {}) {
  return newUser({ ...ravi, email: raviEmail(), password, confirmedPassword: password, ...overrides });
}

describe('password policy at registration', () => {
  it.each([
    // The list: each was accepted although the README said otherwise.
    ['the name with its space', 'Ravi Kumar', 'password_matches_identity'],
    ['a repeated character', 'aaaaaaaa', 'password_too_weak'],
    ['a sequence', 'abcdefgh', 'password_too_weak'],
    ['a common password with l33t and a symbol', 'Passw0rd!', 'password_too_common'],
    ['a common word with @123', 'Admin@123', 'password_too_common'],
    ['another common word with @123', 'Welcome@123', 'password_too_common'],
    ['a country with @123', 'India@123', 'password_too_weak'],
    ["the service's name with digits", 'pehchan123', 'password_too_common'],
    // Variants of the same ideas.
    ['the name in capitals without its space', 'RAVIKUMAR', 'password_matches_identity'],
    ['the name with a year', 'Ravi.Kumar1990', 'password_matches_identity'],
    ['the name with a symbol', 'ravi kumar!!', 'password_matches_identity'],
    ['a name part with digits', 'kumar98765', 'password_matches_identity'],
    ['the mobile number', '9123456780', 'password_matches_identity'],
    ['the mobile number spaced, with a symbol', '91234 56780!', 'password_matches_identity'],
    ["the service's name capitalised with a year", 'Pehchan@2024', 'password_too_common'],
    ['a keyboard row', 'qwertyuiop', 'password_too_common'],
    ['a keyboard walk', 'zxcvbnm,./', 'password_too_weak'],
    ['a repeated group', 'abcabcabcabc', 'password_too_weak'],
    ['a common password', 'password1', 'password_too_common'],
    ['two common words', 'hello world', 'password_too_weak'],
  ])('refuses %s (%j) with %s', async (_label, password, code) => {
    const response = await register(withPassword(password));
    expect(response.statusCode).toBe(400);
    const problems = (response.json() as { errors: Array<{ field: string; code: string; message: string }> })
      .errors;
    expect(problems).toEqual([{ field: '/password', code, message: expect.any(String) }]);
  });

  it('refuses the email and its local part, whatever their case', async () => {
    const email = raviEmail();
    for (const password of [email.toUpperCase(), email.split('@')[0]!]) {
      const response = await register(withPassword(password, { email }));
      expect(response.json().errors[0]).toMatchObject({
        field: '/password',
        code: 'password_matches_identity',
      });
    }
  });

  it('says why a password is refused', async () => {
    const walk = await register(withPassword('zxcvbnm,./'));
    expect(walk.json().errors[0].message).toMatch(/row of keys/);
    const repeat = await register(withPassword('aaaaaaaa'));
    expect(repeat.json().errors[0].message).toMatch(/repeats one character/);
    const leet = await register(withPassword('Passw0rd!'));
    expect(leet.json().errors[0].message).toMatch(/commonly used password with small changes/);
  });

  it.each([
    STRONG_PASSWORD,
    'monsoon-teacup-gravel',
    'tiger lotus mango',
    'Sunflower#River7',
    'Ravi loves long mountain walks',
    'jaldi karo bhai',
    'bench-Ab3xY_9kLmQz',
  ])('accepts %j', async (password) => {
    expect((await register(withPassword(password))).statusCode).toBe(201);
  });
});

describe('passwordProblem', () => {
  const context = { email: 'ops@example.com', name: 'Pehchan Staff', mobileNo: '9999999999' };

  it('applies the same rules to staff accounts created from the command line', () => {
    expect(passwordProblem('pehchanstaff', context)?.code).toBe('password_matches_identity');
    expect(passwordProblem('Pehchan@Staff1', context)?.code).toBe('password_matches_identity');
    expect(passwordProblem('9999999999', context)?.code).toBe('password_matches_identity');
    expect(passwordProblem(STRONG_PASSWORD, context)).toBeUndefined();
  });

  it('judges a long password on its beginning, so the estimate stays cheap', () => {
    expect(passwordProblem('p@ssw0rd'.repeat(16), context)?.code).toBe('password_too_weak');
    expect(passwordProblem(`${STRONG_PASSWORD} `.repeat(4).slice(0, 128), context)).toBeUndefined();
  });
});
