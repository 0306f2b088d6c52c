import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { staffAuditEvents } from '../../src/db/schema/index.js';
import { caseAwaitingReview, signInStaff } from './console.js';
import {
  checkAccessibility,
  collectPageErrors,
  createStaff,
  stackAndBrowser,
  screenshot,
  screenshotOnFailure,
} from './harness.js';

/*
 * Reassigning a case in the console at 1280 px: reviewer A claims it; reviewer B, opening it by its
 * address, sees A as the holder and is refused a decision; an admin assigns it to B on the case
 * page; B's open queue of cases assigned to them shows it within its 30-second refresh, without a
 * reload; B then decides it.
 */

const e2e = stackAndBrowser();

/** Approves with "Verified manually" and a note (the sandbox applicant's checks are not all passed). */
async function approve(page: Page): Promise<void> {
  await page.locator('.choice', { hasText: 'Approve' }).click();
  const verified = page.getByRole('checkbox', { name: 'Verified manually' });
  if (!(await verified.isChecked()))
    await page.locator('.reason-check', { hasText: 'Verified manually' }).click();
  await page.getByLabel('Internal note', { exact: true }).fill('Identity verified manually.');
  await page.getByRole('button', { name: 'Submit decision' }).click();
}

describe('assigning a case', () => {
  it('an admin hands a case one reviewer holds to another, who then decides it', async () => {
    const applicant = await caseAwaitingReview(e2e.stack);
    const caseUrl = `${e2e.stack.url}/console/cases/${applicant.caseId}`;

    // Reviewer A claims the case.
    const first = await e2e.browser.newPage('desktop');
    screenshotOnFailure(first, 'console-assign-first');
    await signInStaff(first, e2e.stack, await createStaff(e2e.stack, 'reviewer', 'Anil First'));
    await first.goto(caseUrl);
    await first.getByRole('heading', { name: `Case #${applicant.number}` }).waitFor();
    await first.getByRole('button', { name: 'Claim' }).click();
    await first.getByText('You hold this case.').waitFor();
    await expect.poll(() => first.locator('.case-head').textContent()).toContain('Holder: You');

    // Reviewer B opens it by its address: the holder comes with the case; a decision is refused.
    const second = await e2e.browser.newPage('desktop');
    // B's clock is the test's to move on: the queue's refresh is awaited without waiting 30 s.
    await second.clock.install();
    screenshotOnFailure(second, 'console-assign-second');
    const secondErrors = collectPageErrors(second);
    await signInStaff(second, e2e.stack, await createStaff(e2e.stack, 'reviewer', 'Bina Second'));
    await second.goto(caseUrl);
    await second.getByRole('heading', { name: `Case #${applicant.number}` }).waitFor();
    await expect.poll(() => second.locator('.case-head').textContent()).toContain('Holder: Anil First');
    await second.getByText('Another reviewer holds this case: claim it').waitFor();
    expect(await second.getByRole('button', { name: 'Assign', exact: true }).count()).toBe(0);
    await approve(second);
    await second
      .getByRole('alert')
      .filter({
        hasText: 'Another reviewer holds this case: only they, or an admin reassigning it, can decide it.',
      })
      .waitFor();
    // B keeps the queue of cases assigned to them open: none yet.
    await second.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Queue' }).click();
    await second.getByLabel('Holder').selectOption('me');
    await second.getByRole('button', { name: 'Apply' }).click();
    await second.getByText('No cases match.').waitFor();

    // The admin assigns it to B.
    const admin = await e2e.browser.newPage('desktop');
    screenshotOnFailure(admin, 'console-assign-admin');
    const adminErrors = collectPageErrors(admin);
    await signInStaff(admin, e2e.stack, await createStaff(e2e.stack, 'admin', 'Meera Admin'));
    await admin.goto(caseUrl);
    await admin.getByRole('heading', { name: `Case #${applicant.number}` }).waitFor();
    await expect.poll(() => admin.locator('.case-head').textContent()).toContain('Holder: Anil First');
    await checkAccessibility(admin, 'console case, admin');
    await admin.getByRole('button', { name: /Assign to/ }).click();
    // Active reviewers and admins, the holder left out.
    const options = admin.getByRole('listbox').getByRole('option');
    await options.first().waitFor();
    const names = await options.allTextContents();
    expect(names).toContain('Bina Second (reviewer)');
    expect(names).toContain('Meera Admin (admin)');
    expect(names).not.toContain('Anil First (reviewer)');
    await checkAccessibility(admin, 'console case, assign list open');
    await options.filter({ hasText: 'Bina Second (reviewer)' }).click();
    await admin.getByRole('button', { name: 'Assign', exact: true }).click();
    await admin.getByRole('status').filter({ hasText: 'Case assigned to Bina Second.' }).waitFor();
    await expect.poll(() => admin.locator('.case-head').textContent()).toContain('Holder: Bina Second');
    await checkAccessibility(admin, 'console case, assigned');
    await screenshot(admin, 'console-case-assigned-1280-en');
    const assigned = await e2e.stack.app.database.db
      .select()
      .from(staffAuditEvents)
      .where(
        and(eq(staffAuditEvents.action, 'case_assigned'), eq(staffAuditEvents.targetId, applicant.caseId)),
      );
    expect(assigned).toHaveLength(1);

    // B's queue shows it at its next refresh, without a reload; B opens it, holds it and decides it.
    await second.clock.fastForward(30_000);
    await second.getByRole('link', { name: `Open case ${applicant.number}` }).click();
    await expect.poll(() => second.locator('.case-head').textContent()).toContain('Holder: You');
    await approve(second);
    await second.getByText('Decision recorded: the case is now Approved.').waitFor();
    await expect
      .poll(async () => (await applicant.call('GET', '/v1/kyc/status')).json().data.status)
      .toBe('approved');
    // B's refused decision (409) is the only complaint, and an expected one.
    expect(secondErrors.filter((error) => !/409 .*\/decision\)$/.test(error))).toEqual([]);
    expect(adminErrors).toEqual([]);
  });
});
