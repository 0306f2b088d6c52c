import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  checkAccessibility,
  collectPageErrors,
  countRequests,
  fieldState as field,
  stackAndBrowser,
  screenshotOnFailure,
} from './harness.js';
import { PASSWORD, chooseLanguage, newPerson } from './onboard.js';
import type { Person } from './onboard.js';

/*
 * The server's field messages on the account forms (sign-up, the new password of a reset link), on a
 * phone: beside the field the server named at the first press, marked aria-invalid and tied to it with
 * aria-describedby; in the chosen language; gone as soon as that field is edited and not back after a
 * language switch; and the corrected form goes with one press.
 */

const e2e = stackAndBrowser();

const marked = (message: string) => ({ invalid: true, describedBy: expect.arrayContaining([message]) });
const clear = (hint?: string) => ({ invalid: false, describedBy: hint ? [hint] : [] });

async function register(person: Person): Promise<void> {
  const response = await fetch(`${e2e.stack.url}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...person, password: PASSWORD, confirmedPassword: PASSWORD }),
  });
  expect(response.status).toBe(201);
}

/** The link in the newest password reset mail to `email`, once it is queued. */
async function resetLink(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const mail = (await e2e.stack.outbox(email)).find((item) => item.template === 'password_reset');
      link = /https?:\/\/\S+reset-password#token=[\w-]+/.exec(mail?.text ?? '')?.[0];
      return link;
    })
    .toBeDefined();
  return link!;
}

const SIGN_UP = {
  en: {
    name: 'Full name',
    email: 'Email',
    mobileNo: 'Mobile number',
    password: 'Password',
    mobileHint: '10 digits, without +91',
    passwordHint: 'At least 8 characters; avoid common words and your name.',
  },
  hi: {
    name: 'पूरा नाम',
    email: 'ईमेल',
    mobileNo: 'मोबाइल नंबर',
    password: 'पासवर्ड',
    mobileHint: '10 अंक, +91 के बिना',
    passwordHint: 'कम से कम 8 अक्षर; आम शब्दों और अपने नाम से बचें।',
  },
};

function signUpForm(page: Page, language: 'en' | 'hi') {
  const labels = SIGN_UP[language];
  const box = (name: string) => page.getByRole('textbox', { name, exact: true });
  return {
    name: box(labels.name),
    email: box(labels.email),
    mobileNo: box(labels.mobileNo),
    password: box(labels.password),
    mobileHint: labels.mobileHint,
    passwordHint: labels.passwordHint,
  };
}

async function openSignUp(page: Page, person: Person, password: string) {
  await page.goto(`${e2e.stack.url}/onboard/signup`);
  const form = signUpForm(page, 'en');
  await form.name.fill(person.name);
  await form.email.fill(person.email);
  await form.mobileNo.fill(person.mobileNo);
  await form.password.fill(password);
  return form;
}

const createAccount = (page: Page) => page.getByRole('button', { name: 'Create account' }).click();

describe('sign-up', () => {
  it('marks an email that already has an account on the email field at the first press, in both languages', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'signup-email-taken');
    const errors = collectPageErrors(page);
    const existing = newPerson('Asha Verma');
    await register(existing);
    const registers = countRequests(page, '/v1/auth/register');

    const form = await openSignUp(page, { ...newPerson('Ravi Kumar'), email: existing.email }, PASSWORD);
    await createAccount(page);
    await page.getByRole('alert').filter({ hasText: 'An account with this email already exists' }).waitFor();
    expect(registers()).toBe(1);
    expect(await field(form.email)).toEqual(
      marked('This email already has an account. Sign in, or use another email.'),
    );
    expect(await field(form.name)).toEqual(clear());
    expect(await field(form.mobileNo)).toEqual(clear(form.mobileHint));
    expect(await field(form.password)).toEqual(clear(form.passwordHint));

    await chooseLanguage(page, 'hi');
    const hindi = signUpForm(page, 'hi');
    expect(await field(hindi.email)).toEqual(
      marked('इस ईमेल से पहले से खाता है। साइन इन करें, या कोई दूसरा ईमेल इस्तेमाल करें।'),
    );
    expect(await field(hindi.password)).toEqual(clear(hindi.passwordHint));
    await chooseLanguage(page, 'en');

    // Another email: its message goes while typing, and one press creates the account.
    await form.email.fill(newPerson().email);
    expect(await field(form.email)).toEqual(clear());
    await createAccount(page);
    await page.waitForURL(/\/onboard\/steps\/contact$/);
    expect(registers()).toBe(2);
    // The browser logs the refused request, and nothing else goes wrong.
    expect(errors).toEqual([expect.stringMatching(/status of 409 .*\/v1\/auth\/register\)$/)]);
    await page.context().close();
  });

  it('marks each field the server refuses at the first press; a corrected one stays clear after a language switch', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'signup-fields-refused');
    const errors = collectPageErrors(page);
    // All three pass the browser's own checks: only the server refuses them.
    const form = await openSignUp(page, { ...newPerson('R'), mobileNo: '0201234567' }, 'password1');
    await createAccount(page);
    await page.getByRole('alert').filter({ hasText: 'Some details need a correction' }).waitFor();
    expect(await field(form.name)).toEqual(marked('Enter the name as it appears on your documents.'));
    expect(await field(form.email)).toEqual(clear());
    expect(await field(form.mobileNo)).toEqual(
      marked('Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9.'),
    );
    expect(await field(form.password)).toEqual(marked('This password is too common. Choose another.'));
    await checkAccessibility(page, 'sign-up with refused fields at 360 px, en');

    // The name corrected and left: its message goes and does not come back in Hindi.
    await form.name.fill('Ravi Kumar');
    expect(await field(form.name)).toEqual(clear());
    await form.name.press('Tab');
    await chooseLanguage(page, 'hi');
    const hindi = signUpForm(page, 'hi');
    expect(await field(hindi.name)).toEqual(clear());
    expect(await field(hindi.email)).toEqual(clear());
    expect(await field(hindi.mobileNo)).toEqual(
      marked('6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का भारतीय मोबाइल नंबर दर्ज करें।'),
    );
    expect(await field(hindi.password)).toEqual(marked('यह पासवर्ड बहुत आम है। कोई दूसरा चुनें।'));
    await checkAccessibility(page, 'sign-up with refused fields at 360 px, hi');
    await chooseLanguage(page, 'en');
    expect(await field(form.name)).toEqual(clear());
    expect(await field(form.password)).toEqual(marked('This password is too common. Choose another.'));
    // The browser logs the refused request, and nothing else goes wrong.
    expect(errors).toEqual([expect.stringMatching(/status of 400 .*\/v1\/auth\/register\)$/)]);
    await page.context().close();
  });

  it('sends the corrected form with one press: the message does not vanish from under the finger', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'signup-one-press');
    const errors = collectPageErrors(page);
    const registers = countRequests(page, '/v1/auth/register');
    const form = await openSignUp(page, newPerson('Meera Nair'), 'password1');
    await createAccount(page);
    await page.getByRole('alert').waitFor();
    expect(await field(form.password)).toEqual(marked('This password is too common. Choose another.'));

    // Still in the password field, the customer types a better one and taps the button once.
    await form.password.fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).tap();
    await expect.poll(registers, { timeout: 5000 }).toBe(2);
    await page.waitForURL(/\/onboard\/steps\/contact$/);
    // The browser logs the refused request, and nothing else goes wrong.
    expect(errors).toEqual([expect.stringMatching(/status of 400 .*\/v1\/auth\/register\)$/)]);
    await page.context().close();
  });
});

describe('password reset', () => {
  it('marks a refused new password and a different repetition at the first press, each cleared on its own', async () => {
    const person = newPerson('Kavya Rao');
    await register(person);
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'reset-fields-refused');
    const errors = collectPageErrors(page);
    await page.goto(`${e2e.stack.url}/onboard/reset-password`);
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByRole('status').waitFor();
    const link = await resetLink(person.email);
    await page.goto(link);
    const resets = countRequests(page, '/v1/auth/password/reset');
    const form = (language: 'en' | 'hi') => ({
      password: page.getByRole('textbox', {
        name: language === 'en' ? 'New password' : 'नया पासवर्ड',
        exact: true,
      }),
      confirmed: page.getByRole('textbox', {
        name: language === 'en' ? 'Repeat the new password' : 'नया पासवर्ड दोबारा लिखें',
        exact: true,
      }),
    });
    const en = form('en');
    await en.password.fill('password1');
    await en.confirmed.fill('password2');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'Some details need a correction' }).waitFor();
    expect(resets()).toBe(1);
    expect(await field(en.password)).toEqual(marked('This password is too common. Choose another.'));
    expect(await field(en.confirmed)).toEqual(marked('The two passwords are not the same.'));

    await chooseLanguage(page, 'hi');
    const hi = form('hi');
    expect(await field(hi.password)).toEqual(marked('यह पासवर्ड बहुत आम है। कोई दूसरा चुनें।'));
    expect(await field(hi.confirmed)).toEqual(marked('दोनों पासवर्ड एक जैसे नहीं हैं।'));
    // Editing the repetition clears its message only: the password is still refused.
    await hi.confirmed.fill('password1');
    expect(await field(hi.confirmed)).toEqual(clear());
    expect(await field(hi.password)).toEqual(marked('यह पासवर्ड बहुत आम है। कोई दूसरा चुनें।'));
    await hi.confirmed.press('Tab');
    await chooseLanguage(page, 'en');
    expect(await field(en.confirmed)).toEqual(clear());
    expect(await field(en.password)).toEqual(marked('This password is too common. Choose another.'));

    await en.password.fill(PASSWORD);
    await en.confirmed.fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).tap();
    await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    expect(resets()).toBe(2);
    // The browser logs the refused request, and nothing else goes wrong.
    expect(errors).toEqual([expect.stringMatching(/status of 400 .*\/v1\/auth\/password\/reset\)$/)]);
    await page.context().close();
  });
});
