import { describe, expect, it } from 'vitest';
import { collectPageErrors, stackAndBrowser, screenshotOnFailure } from './harness.js';
import { newPerson, PASSWORD, signUp } from './onboard.js';

const e2e = stackAndBrowser();

describe('one device, two customers', () => {
  it('shows the next customer nothing of the one who signed out before them', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'session-two-customers');
    const errors = collectPageErrors(page);
    const first = newPerson('Asha Verma');
    await signUp(page, e2e.stack, first);
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

describe('a refused sign-in', () => {
  it("says how long to wait, from the answer's Retry-After", async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'session-retry-after');
    const errors = collectPageErrors(page);
    const person = newPerson('Meera Iyer');
    await signUp(page, e2e.stack, person);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    const alert = page.getByRole('alert');
    const signIn = async (password: string, expected: string) => {
      await page.getByLabel('Email').fill(person.email);
      await page.getByLabel('Password').fill(password);
      await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/v1/auth/login')),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      await expect.poll(() => alert.textContent()).toBe(expected);
    };

    // A busy hash queue asks for two seconds (test/modules/auth/hash-queue.test.ts makes the real one).
    await page.route('**/v1/auth/login', (route) =>
      route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '2' },
        body: JSON.stringify({ status: 503, code: 'service_unavailable', success: false }),
      }),
    );
    await signIn(PASSWORD, 'The service is busy. Please try again in a few seconds.');
    await page.unroute('**/v1/auth/login');

    // The service's own throttle: five wrong passwords (LOGIN_FAILURES_PER_ADDRESS), then its 15-minute window.
    for (let attempt = 0; attempt < 5; attempt++)
      await signIn('not-the-password-at-all', 'The email or password is not right.');
    await signIn(PASSWORD, 'Too many attempts. Please try again in 15 minutes.');
    // Chromium logs each refused request; anything else would be the app's own error.
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
    await page.context().close();
  });
});

describe("a step's look", () => {
  it('does not depend on the steps the customer opened before it', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'session-step-styles');
    const errors = collectPageErrors(page);
    await signUp(page, e2e.stack, newPerson('Kavya Rao'));
    const segmentBox = async () => {
      const segment = page.locator('.checkbox').first();
      await segment.waitFor();
      return segment.evaluate((element) => {
        const style = getComputedStyle(element);
        return { alignItems: style.alignItems, fontWeight: style.fontWeight };
      });
    };

    // Opened first, the trading step's stylesheets load in the order it imports them.
    await page.getByRole('link', { name: 'Trading segments', exact: true }).click();
    const direct = await segmentBox();
    expect(direct).toEqual({ alignItems: 'center', fontWeight: '600' });

    // Opened after the Aadhaar step, another step's rules were loaded first.
    await page.goto(`${e2e.stack.url}/onboard/steps/contact`);
    await page.getByRole('link', { name: 'Aadhaar', exact: true }).click();
    await page.getByRole('heading', { name: 'Aadhaar' }).first().waitFor();
    await page.getByRole('link', { name: 'Trading segments', exact: true }).click();
    expect(await segmentBox()).toEqual(direct);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
