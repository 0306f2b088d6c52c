import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, screenshotOnFailure, startStack } from './harness.js';
import type { E2EBrowser, Stack } from './harness.js';
import { newPerson, signUp } from './onboard.js';

let stack: Stack;
let browser: E2EBrowser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('one device, two customers', () => {
  it('shows the next customer nothing of the one who signed out before them', async () => {
    const page = await browser.newPage('mobile');
    screenshotOnFailure(page, 'session-two-customers');
    const errors = collectPageErrors(page);
    const first = newPerson('Asha Verma');
    await signUp(page, stack, first);
    await page.getByRole('link', { name: 'PAN', exact: true }).click();
    const pan = page.getByRole('textbox', { name: 'PAN', exact: true });
    await pan.fill('ABCPV1234D');
    await page.getByLabel('Date of birth').fill('1993-06-30');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/onboard\/steps\/aadhaar$/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The next customer's profile arrives slowly: whatever the page shows meanwhile must not be the
    // previous customer's.
    await page.route('**/v1/user/getDetails', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const second = newPerson('Ravi Kumar');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Full name').fill(second.name);
    await page.getByLabel('Email').fill(second.email);
    await page.getByLabel('Mobile number').fill(second.mobileNo);
    await page.getByLabel('Password').fill('plum-tiger-sofa-41-orbit');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/onboard\/steps\/contact$/);
    expect(await page.getByText(first.email).count()).toBe(0);
    await expect.poll(() => page.getByText(second.email).count()).toBeGreaterThan(0);
    expect(await page.getByText(first.email).count()).toBe(0);

    await page.getByRole('link', { name: 'PAN', exact: true }).click();
    await expect.poll(() => pan.inputValue()).toBe('');
    expect(await page.getByLabel('Name as on PAN card').inputValue()).toBe(second.name);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
