import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkAccessibility, screenshot, setViewport } from './harness.js';
import type { Stack, ViewportName } from './harness.js';

/*
 * Steps of the onboarding app the browser tests share: a customer signing up and confirming their
 * contacts as a person would (the link from the email, the code from the SMS, both read from the
 * development outbox), and the check every screen gets.
 */

export const PASSWORD = 'plum-tiger-sofa-41-orbit';

let counter = 0;
/** A new customer's details: a unique email and mobile number per call. */
export function newPerson(name = 'John Doe') {
  counter += 1;
  const unique = `${Date.now()}${counter}`;
  return {
    name,
    email: `e2e-${unique}@example.com`,
    mobileNo: `9${unique.slice(-9)}`,
  };
}
export type Person = ReturnType<typeof newPerson>;

const LANGUAGE_NAMES = { en: 'English', hi: 'हिन्दी' } as const;

/** Switches the app's language with its own switch in the top bar. */
export async function chooseLanguage(page: Page, language: keyof typeof LANGUAGE_NAMES): Promise<void> {
  await page.getByRole('radio', { name: LANGUAGE_NAMES[language], exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/**
 * The screen as it is, at 360 px and 1280 px, in English and in Hindi: axe finds no serious or
 * critical problem in any of the four, and each is kept as a screenshot. Leaves the page in English
 * at the width it had.
 */
export async function auditScreen(page: Page, name: string, back: ViewportName = 'mobile'): Promise<void> {
  for (const language of ['en', 'hi'] as const) {
    await chooseLanguage(page, language);
    for (const viewport of ['mobile', 'desktop'] as const) {
      await setViewport(page, viewport);
      await checkAccessibility(page, `${name} at ${viewport}, ${language}`);
      await screenshot(page, `${name}-${viewport === 'mobile' ? 360 : 1280}-${language}`);
    }
  }
  await chooseLanguage(page, 'en');
  await setViewport(page, back);
}

export async function signUp(page: Page, stack: Stack, person: Person): Promise<void> {
  await page.goto(`${stack.url}/onboard/signup`);
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Mobile number').fill(person.mobileNo);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/onboard\/steps\/contact$/);
}

/** The email link opened in a second tab of the same browser, the SMS code typed in. */
export async function verifyContacts(page: Page, stack: Stack, person: Person): Promise<void> {
  const [mail] = await stack.outbox(person.email);
  const link = /https?:\/\/\S+verify-email#token=[\w-]+/.exec(mail?.text ?? '')?.[0];
  expect(link, 'the verification email holds a link').toBeDefined();
  const tab = await page.context().newPage();
  await tab.goto(link!);
  await tab
    .getByRole('status')
    .filter({ hasText: /verified/i })
    .waitFor();
  await tab.close();
  await page.getByText(`${person.email} is verified.`).waitFor();

  await page.getByRole('button', { name: 'Send a code by SMS' }).click();
  await page.getByText(/We sent a 6-digit code/).waitFor();
  const [sms] = await stack.outbox(person.mobileNo);
  const code = /\b\d{6}\b/.exec(sms?.text ?? '')?.[0];
  expect(code, 'the SMS holds a code').toBeDefined();
  await page.getByLabel('Code from the SMS').fill(code!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText(`${person.mobileNo} is verified.`).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * The page errors a test expects none of: all that collectPageErrors saw except the 401 the browser
 * logs when the app, opened without a session, tries the refresh cookie it does not have yet.
 */
export function unexpectedPageErrors(errors: string[]): string[] {
  return errors.filter((error) => !/status of 401 \(Unauthorized\) \(\S+\/v1\/auth\/refresh\)$/.test(error));
}
