import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { sessions, staffMfa } from '../../src/db/schema/index.js';
import { readyApplicant, waitForDecision } from '../helpers/kyc.js';
import { totpCode } from '../helpers/staff.js';
import { checkAccessibility, screenshot, setViewport } from './harness.js';
import type { Stack, StaffMember } from './harness.js';

/*
 * Steps of the staff console the browser tests share: signing in as a person does (password, then the
 * authenticator's code; at the first sign-in the enrolment, reading the key from the page as an
 * authenticator app would from the QR code).
 */

export interface SignedInStaff extends StaffMember {
  totpSecret: string;
}

/**
 * A TOTP code is accepted once per 30-second step: before the same person gives another code within
 * the same step (a second sign-in, a step-up), the test forgets which one was used last.
 */
export async function forgetUsedCodes(stack: Stack, userId: string): Promise<void> {
  await stack.app.database.db
    .update(staffMfa)
    .set({ lastUsedStep: null, attempts: 0 })
    .where(eq(staffMfa.userId, userId));
}

/** Fills a code field with the authenticator's current code and verifies it. */
export async function giveCode(page: Page, label: string | RegExp, secret: string): Promise<void> {
  await page.getByLabel(label).fill(totpCode(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
}

/** Signs `staff` in at /console/, enrolling the second factor the first time; lands on the queue. */
export async function signInStaff(
  page: Page,
  stack: Stack,
  staff: StaffMember & { totpSecret?: string },
): Promise<SignedInStaff> {
  await page.goto(`${stack.url}/console/`);
  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  let secret = staff.totpSecret;
  if (secret) {
    await page.getByRole('heading', { name: 'Second factor' }).waitFor();
    await forgetUsedCodes(stack, staff.userId);
    await giveCode(page, 'Code', secret);
  } else {
    await page.getByRole('heading', { name: 'Set up your authenticator' }).waitFor();
    secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await giveCode(page, 'Code from the authenticator', secret);
  }
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  return { ...staff, totpSecret: secret };
}

/** As if the staff member's second factor was last checked 10 minutes ago: the next reveal asks again. */
export async function ageSecondFactor(stack: Stack, userId: string): Promise<void> {
  await stack.app.database.db
    .update(sessions)
    .set({ secondFactorAt: new Date(Date.now() - 10 * 60_000) })
    .where(eq(sessions.userId, userId));
}

/** A customer whose submitted case awaits review (the sandbox applicant has no official photo). */
export async function caseAwaitingReview(stack: Stack) {
  const applicant = await readyApplicant(stack.app);
  const submitted = await applicant.call('POST', '/v1/kyc/submit');
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  const status = await waitForDecision(stack.app, applicant.token);
  if (status.status !== 'needs_review') throw new Error(`expected needs_review: ${JSON.stringify(status)}`);
  return { ...applicant, caseId: status.caseId as string, number: status.number as number };
}

/**
 * The page as it is now on a 360 px phone: nothing wider than the screen (wide tables scroll inside their
 * own region), axe-clean, kept as a screenshot; then back at 1280 px.
 */
export async function expectFitsPhone(page: Page, name: string): Promise<void> {
  await setViewport(page, 'mobile');
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
    .toBeLessThanOrEqual(0);
  await checkAccessibility(page, `${name} at 360 px`);
  await screenshot(page, `${name}-360-en`);
  await setViewport(page, 'desktop');
}
