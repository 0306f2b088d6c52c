import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkAccessibility,
  collectPageErrors,
  createStaff,
  launchBrowser,
  screenshot,
  screenshotOnFailure,
  startStack,
} from './harness.js';
import type { E2EBrowser, Stack } from './harness.js';
import { signInStaff } from './console.js';
import { PASSWORD, newPerson, signUp } from './onboard.js';

/*
 * The reviewer console at /console/ in Chromium at 1280 px: staff sign-in with the second factor
 * (enrolment at the first sign-in), customers refused.
 */

let stack: Stack;
let browser: E2EBrowser;

beforeAll(async () => {
  stack = await startStack({ env: { REVIEW_FOUR_EYES: 'all' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the reviewer console', () => {
  it('enrols a reviewer’s authenticator at the first sign-in and shows the queue', async () => {
    const page = await browser.newPage('desktop');
    screenshotOnFailure(page, 'console-sign-in');
    const errors = collectPageErrors(page);
    const reviewer = await createStaff(stack, 'reviewer');

    await page.goto(`${stack.url}/console/`);
    await checkAccessibility(page, 'console sign-in');
    await screenshot(page, 'console-sign-in-1280-en');
    await page.getByLabel('Email').fill(reviewer.email);
    await page.getByLabel('Password').fill(reviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator' }).waitFor();
    await expect.poll(() => page.locator('.recovery-codes li').count()).toBe(10);
    await checkAccessibility(page, 'console enrolment');
    await screenshot(page, 'console-enrol-1280-en');
    await page.getByRole('button', { name: 'Start again' }).click();

    const signedIn = await signInStaff(page, stack, reviewer);
    expect(signedIn.totpSecret).not.toBe('');
    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['Queue']);
    await checkAccessibility(page, 'console queue');
    await screenshot(page, 'console-queue-1280-en');
    expect(errors).toEqual([]);
  });

  it('refuses a customer: the console is for staff only', async () => {
    const person = newPerson('Asha Verma');
    const onboarding = await browser.newPage('desktop');
    await signUp(onboarding, stack, person);
    await onboarding.context().close();

    const page = await browser.newPage('desktop');
    await page.goto(`${stack.url}/console/`);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This console is for staff only');
    await checkAccessibility(page, 'console refuses a customer');
  });
});
