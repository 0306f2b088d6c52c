import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kycCases, kycEvents } from '../../src/db/schema/index.js';
import { enqueueLinkWebhook } from '../../src/modules/webhooks/outbox.js';
import { freePort } from '../helpers/free-port.js';
import { expectFitsPhone, signInStaff } from './console.js';
import { PASSWORD, newPerson } from './onboard.js';
import {
  checkAccessibility,
  collectPageErrors,
  createStaff,
  fieldState,
  launchBrowser,
  screenshot,
  screenshotOnFailure,
  startStack,
} from './harness.js';
import type { E2EBrowser, Stack } from './harness.js';

/*
 * The admin pages of the console at /console/admin/… in Chromium at 1280 px: an admin signs in with
 * the second factor, invites a reviewer (the invitation reaches the development outbox; the invitee
 * accepts it in a browser of their own, enrols the second factor and reaches the queue), creates an
 * API key (shown once) and revokes it, redelivers a webhook, exports the audit log as CSV and JSON
 * (the downloaded files are read), creates and deletes a decision message template, reads the
 * customers' erasure requests and legal holds, and views the dashboard over two seeded cases. Every
 * page passes axe at 1280 px; screenshots are kept.
 */

let stack: Stack;
let browser: E2EBrowser;

beforeAll(async () => {
  // Nothing listens at the receiver's port: every delivery fails and is retried, as a host that is down.
  const receiver = `http://127.0.0.1:${await freePort()}/pehchan-webhooks`;
  stack = await startStack({
    env: { WEBHOOK_URL: receiver, WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}` },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/**
 * Two cases' history as the service writes it: one sent to review and approved by the admin two hours
 * after submission, one sent back to the customer by the checks alone.
 */
async function seedCases(customerId: string, reviewerId: string): Promise<void> {
  const db = stack.app.database.db;
  const submittedAt = new Date(Date.now() - 2 * 3_600_000);
  const [reviewed, returned] = await db
    .insert(kycCases)
    .values([
      { userId: customerId, status: 'approved', submittedAt, decidedAt: new Date(), decidedBy: reviewerId },
      { userId: customerId, status: 'action_required', submittedAt, reasons: ['panDetails/pan_invalid'] },
    ])
    .returning({ id: kycCases.id });
  const transition = (caseId: string, fromStatus: string, toStatus: string, extra: object = {}) => ({
    caseId,
    userId: customerId,
    type: 'transition' as const,
    fromStatus,
    toStatus,
    ...extra,
  });
  await db.insert(kycEvents).values([
    transition(reviewed!.id, 'draft', 'submitted'),
    transition(reviewed!.id, 'submitted', 'needs_review', { data: { reasons: ['no_official_address'] } }),
    transition(reviewed!.id, 'needs_review', 'approved', { actorId: reviewerId, actorRole: 'admin' }),
    transition(returned!.id, 'draft', 'submitted'),
    transition(returned!.id, 'submitted', 'action_required', {
      data: { reasons: ['panDetails/pan_invalid'] },
    }),
  ]);
}

/** A customer who signs up and asks to be erased, over HTTP as an app would; returns their id. */
async function customerErased(): Promise<string> {
  const person = newPerson('Erased Customer');
  const post = (path: string, body?: object, token?: string) =>
    fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  expect(
    (await post('/v1/auth/register', { ...person, password: PASSWORD, confirmedPassword: PASSWORD })).status,
  ).toBe(201);
  const signIn = await post('/v1/auth/login', { email: person.email, password: PASSWORD });
  const { token } = (await signIn.json()) as { token: string };
  expect((await post('/v1/me/erasure', undefined, token)).status).toBe(202);
  // The access token's subject is the customer's id, the one the admin's table shows.
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string };
  return claims.sub;
}

async function openAdminPage(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/**
 * The top bar's brand, each navigation link and the actions (language, sign-out) on one row at 1280 px: the
 * admin's eight links once pushed the actions onto a second row.
 */
async function expectTopBarOnOneRow(page: Page): Promise<void> {
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('header.console-bar > *, header.console-bar li')].map((child) => {
      const box = child.getBoundingClientRect();
      return Math.round(box.top + box.height / 2);
    }),
  );
  const [brand] = rows;
  for (const row of rows) expect(Math.abs(row - brand!)).toBeLessThanOrEqual(4);
}

/** axe at 1280 px, the top bar on one row and a screenshot kept as the run's artefact. */
async function audit(page: Page, name: string): Promise<void> {
  await checkAccessibility(page, `console ${name}`);
  await expectTopBarOnOneRow(page);
  await screenshot(page, `console-admin-${name}-1280-en`);
}

/**
 * The invited person opens the mailed link in a browser of their own, sets the password (the first
 * try repeats it wrongly), signs in enrolling the second factor, and lands on the queue; the link
 * then no longer works.
 */
async function acceptInvitation(email: string, mailText: string): Promise<void> {
  const token = /\/console\/accept-invite#token=([\w-]+)/.exec(mailText)?.[1];
  expect(token).toBeDefined();
  const link = `${stack.url}/console/accept-invite#token=${token}`;
  const page = await browser.newPage('desktop');
  screenshotOnFailure(page, 'console-accept-invite');
  const errors = collectPageErrors(page);
  await page.goto(link);
  const heading = page.getByRole('heading', { level: 1, name: 'Join the console' });
  await heading.waitFor();
  await expect.poll(() => heading.evaluate((node) => node === document.activeElement)).toBe(true);
  // The token is kept in memory only: the address bar (and so the history) loses it.
  expect(page.url()).toBe(`${stack.url}/console/accept-invite`);
  await audit(page, 'accept-invite');

  const password = `quiet-lantern-${Date.now()}-meadow`;
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(`${password}-typo`);
  await page.getByRole('button', { name: 'Set the password' }).click();
  const repeated = page.getByLabel('Repeat the password');
  await expect.poll(() => repeated.getAttribute('aria-invalid')).toBe('true');
  await page.getByText('The two passwords are not the same.').waitFor();
  await repeated.fill(password);
  await page.getByRole('button', { name: 'Set the password' }).click();
  await page.getByRole('status').filter({ hasText: 'Your password is set.' }).waitFor();
  await page.getByRole('link', { name: 'Go to sign-in' }).click();

  const invited = (await stack.app.services.staff.list()).find((member) => member.email === email);
  expect(invited?.status).toBe('active');
  await signInStaff(page, stack, {
    userId: invited!.id,
    email,
    name: 'Asha Reviewer',
    password,
    role: 'admin',
  });

  // The same link a second time: refused, with the way on.
  const again = await browser.newPage('desktop');
  await again.goto(link);
  await again.getByLabel('Password', { exact: true }).fill(password);
  await again.getByLabel('Repeat the password').fill(password);
  await again.getByRole('button', { name: 'Set the password' }).click();
  await again
    .getByRole('alert')
    .filter({ hasText: 'This invitation link was already used or is no longer valid.' })
    .waitFor();
  await checkAccessibility(again, 'console accept-invite, used link');
  // The only failed request is the refused first try (the browser logs every 4xx).
  expect(errors).toEqual([expect.stringMatching(/status of 400 .*\/v1\/auth\/invite\/accept\)$/)]);
  await page.context().close();
  await again.context().close();
}

describe('the admin console', () => {
  it(
    'lets an admin run staff, keys, webhooks, the audit log, templates, data requests and the dashboard in the browser',
    { timeout: 240_000 },
    async () => {
      const page = await browser.newPage('desktop');
      screenshotOnFailure(page, 'console-admin');
      const errors = collectPageErrors(page);
      const admin = await createStaff(stack, 'admin');
      const eventId = await stack.app.database.db.transaction((tx) =>
        enqueueLinkWebhook(tx, {
          type: 'kyc_link.opened',
          userId: admin.userId,
          linkId: randomUUID(),
          kycStatus: 'draft',
        }),
      );

      await signInStaff(page, stack, admin);
      const nav = page.getByRole('navigation', { name: 'Console' });
      await expect
        .poll(() => nav.getByRole('link').allTextContents())
        .toEqual([
          'Queue',
          'Dashboard',
          'Staff',
          'API keys',
          'Webhooks',
          'Audit log',
          'Templates',
          'Data requests',
        ]);

      // Staff: invite a reviewer; the mail with the single-use link reaches the outbox.
      await openAdminPage(page, 'Staff', 'Staff');
      const invitee = `reviewer-${Date.now()}@example.com`;
      await page.getByLabel('Email').fill(invitee);
      await page.getByLabel('Name', { exact: true }).fill('Asha Reviewer');
      await page.getByRole('radio', { name: 'Reviewer' }).check();
      await page.getByRole('button', { name: 'Send the invitation' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Invitation sent to ${invitee}.` })
        .waitFor();
      const row = page.getByRole('row').filter({ hasText: invitee });
      await expect.poll(() => row.textContent()).toContain('Invited');
      const mail = await stack.outbox(invitee);
      expect(mail[0]?.template).toBe('staff_invite');
      expect(mail[0]?.text).toContain('/console/accept-invite#token=');
      // An email with an active account (the admin's own): refused on the email field, in an admin's words
      // (not the customers' "Sign in instead"). Inviting an invited person again only sends the mail again.
      const taken = 'A staff member or a customer already has an account with this email.';
      await page.getByLabel('Email').fill(admin.email);
      await page.getByLabel('Name', { exact: true }).fill('Asha Again');
      await page.getByRole('button', { name: 'Send the invitation' }).click();
      await page.getByRole('alert').filter({ hasText: taken }).waitFor();
      expect(await fieldState(page.getByLabel('Email'))).toEqual({ invalid: true, describedBy: [taken] });
      await page.getByLabel('Email').fill(`other-${invitee}`);
      expect(await fieldState(page.getByLabel('Email'))).toEqual({ invalid: false, describedBy: [] });
      // Role change, disable (after a confirmation) and enable again; no controls on one's own account.
      await page.getByLabel('Role of Asha Reviewer').selectOption('admin');
      await page.getByRole('status').filter({ hasText: 'Asha Reviewer is now Admin.' }).waitFor();
      await page.getByRole('button', { name: 'Disable: Asha Reviewer' }).click();
      await page
        .getByRole('alertdialog', { name: 'Disable Asha Reviewer?' })
        .getByRole('button', { name: 'Disable' })
        .click();
      await expect.poll(() => row.textContent()).toContain('Disabled');
      await page.getByRole('button', { name: 'Enable again: Asha Reviewer' }).click();
      await expect.poll(() => row.textContent()).toContain('Invited');
      expect(await page.getByRole('button', { name: `Disable: ${admin.name}` }).count()).toBe(0);
      expect(await page.getByLabel(`Role of ${admin.name}`).isDisabled()).toBe(true);
      await page.getByRole('button', { name: `Sessions: ${admin.name}` }).click();
      await page.getByRole('table', { name: `Active sessions of ${admin.name}` }).waitFor();
      await audit(page, 'staff');
      await acceptInvitation(invitee, mail[0]!.text);

      // API keys: the key is shown once, then revoked after a confirmation.
      await openAdminPage(page, 'API keys', 'API keys');
      await page.getByLabel('Name', { exact: true }).fill('shop backend');
      await page.getByText(/^users:read:/).click();
      await page.getByRole('button', { name: 'Create the key' }).click();
      const secret = await page.getByLabel('The key', { exact: true }).inputValue();
      expect(secret.length).toBeGreaterThan(20);
      await page.getByText('it is shown this once').waitFor();
      await audit(page, 'api-key-created');
      const keyWorks = () =>
        fetch(`${stack.url}/v1/integration/users?limit=1`, { headers: { 'x-api-key': secret } }).then(
          (response) => response.status,
        );
      expect(await keyWorks()).not.toBe(401);
      await page.getByRole('button', { name: 'I have stored the key' }).click();
      await page.getByRole('button', { name: 'Revoke: shop backend' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Revoke "shop backend"?' });
      await checkAccessibility(page, 'console revoke dialog');
      await dialog.getByRole('button', { name: 'Revoke' }).click();
      await page.getByRole('status').filter({ hasText: '"shop backend" is revoked.' }).waitFor();
      await expect
        .poll(() => page.getByRole('row').filter({ hasText: 'shop backend' }).textContent())
        .toContain('Revoked');
      expect(await page.getByLabel('The key', { exact: true }).count()).toBe(0);
      expect(await keyWorks()).toBe(401);
      await audit(page, 'api-keys');

      // Webhooks: the failing delivery, its attempts, and a redelivery.
      // The first attempt, now rather than at the dispatcher's next scheduled run.
      await expect
        .poll(async () => {
          await stack.app.services.webhookDispatcher.dispatchDue();
          return (await stack.app.services.webhooks.get(eventId)).attempts;
        })
        .toBeGreaterThan(0);
      await openAdminPage(page, 'Webhooks', 'Webhook deliveries');
      await page.getByLabel('Event').selectOption('kyc_link.opened');
      const delivery = page.getByRole('row').filter({ hasText: 'kyc_link.opened' });
      await delivery.waitFor();
      await audit(page, 'webhooks');
      await delivery.getByRole('link', { name: /^Details of kyc_link.opened/ }).click();
      await page.getByRole('heading', { level: 1, name: /^Delivery msg_/ }).waitFor();
      const attempts = page.getByRole('table', { name: 'Attempts, in order' });
      await expect.poll(() => attempts.getByRole('row').count()).toBe(2);
      expect(await attempts.textContent()).toContain('No answer');
      await page.getByRole('button', { name: 'Redeliver' }).click();
      await page.getByRole('status').filter({ hasText: 'Queued again' }).waitFor();
      await audit(page, 'webhook-delivery');

      // Audit: the actions above are in the log; the export downloads what the filters select.
      await openAdminPage(page, 'Audit log', 'Audit log');
      const entries = page.getByRole('table', { name: 'Audit entries, newest first' });
      await expect.poll(() => entries.textContent()).toContain('api_key_revoked');
      await expect.poll(() => entries.textContent()).toContain('staff_invited');
      await audit(page, 'audit');
      await page.getByLabel('Action').fill('api_key_revoked');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => entries.textContent()).not.toContain('staff_invited');

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
      const csvText = readFileSync(await csv.path(), 'utf8');
      expect(csvText).toContain('api_key_revoked');
      expect(csvText).not.toContain('staff_invited');
      expect(csvText).not.toContain(secret);

      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download JSON' }).click(),
      ]);
      const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as unknown;
      const exportedEntries = (
        Array.isArray(exported) ? exported : (exported as { data: unknown[] }).data
      ) as {
        action: string;
      }[];
      expect(exportedEntries.map((entry) => entry.action)).toEqual(['api_key_revoked']);

      // Templates: a new decision message, then deleted after a confirmation.
      await openAdminPage(page, 'Templates', 'Message templates');
      await page.getByLabel('Name', { exact: true }).fill('Blurred PAN card');
      await page.getByRole('radio', { name: 'Request changes' }).check();
      await page.getByRole('group', { name: 'Reasons' }).getByText('Documents unclear').click();
      await page
        .getByLabel('Message to the customer')
        .fill('Your PAN card photo is blurred. Please upload a clear one.');
      await page.getByRole('button', { name: 'Save the template' }).click();
      await page.getByRole('status').filter({ hasText: '"Blurred PAN card" is saved.' }).waitFor();
      const templates = page.getByRole('table', { name: 'Decision message templates' });
      await expect.poll(() => templates.textContent()).toContain('Blurred PAN card');
      await audit(page, 'templates');
      await page.getByRole('button', { name: 'Delete: Blurred PAN card' }).click();
      await page
        .getByRole('alertdialog', { name: 'Delete "Blurred PAN card"?' })
        .getByRole('button', { name: 'Delete' })
        .click();
      await page.getByRole('status').filter({ hasText: '"Blurred PAN card" is deleted.' }).waitFor();
      await expect.poll(() => templates.textContent()).not.toContain('Blurred PAN card');

      // Data requests: the erasure just asked for, completed at once (no approved KYC to hold).
      const erasedId = await customerErased();
      await openAdminPage(page, 'Data requests', 'Data requests');
      const requests = page.getByRole('table', { name: 'Erasure requests, newest first' });
      await expect
        .poll(() => requests.getByRole('row').filter({ hasText: erasedId }).textContent())
        .toContain('Completed');
      await page.getByText('No legal holds.').waitFor();
      await audit(page, 'data-requests');
      await page.getByLabel('Status').selectOption('held');
      await page.getByText('No erasure requests.').waitFor();

      // Investigation holds: an STR hold placed on the customer, refused a second time, released after confirming.
      await page.getByText('No investigation holds.').waitFor();
      const placeHold = async () => {
        await page.getByLabel('Customer id').fill(erasedId);
        await page.getByRole('button', { name: 'Place the hold' }).click();
      };
      await page.getByRole('radio', { name: 'Suspicious transaction report (STR)' }).check();
      await placeHold();
      await page
        .getByRole('status')
        .filter({ hasText: `Hold placed on ${erasedId}.` })
        .waitFor();
      const holdRow = page
        .getByRole('table', { name: 'Investigation holds, newest first' })
        .getByRole('row')
        .filter({ hasText: erasedId });
      await expect.poll(() => holdRow.textContent()).toContain('Active');
      await placeHold();
      await page
        .getByRole('alert')
        .filter({ hasText: 'An investigation hold already runs for this customer.' })
        .waitFor();
      await audit(page, 'data-requests-holds');
      await holdRow.getByRole('button', { name: `Release: ${erasedId}` }).click();
      await page
        .getByRole('alertdialog', { name: `Release the hold on ${erasedId}?` })
        .getByRole('button', { name: 'Release' })
        .click();
      const releasedNotice = page.getByRole('status').filter({ hasText: `Hold on ${erasedId} released.` });
      await releasedNotice.waitFor();
      // The Release button is gone with the hold: focus is on what happened, not lost.
      await expect
        .poll(() => releasedNotice.evaluate((element) => element === document.activeElement))
        .toBe(true);
      await expect.poll(() => holdRow.textContent()).toContain('Released');

      // Dashboard: the charts, each with its table for screen readers.
      await seedCases(admin.userId, admin.userId);
      await openAdminPage(page, 'Dashboard', 'Dashboard');
      await page.getByText('Decided automatically: 1; by a reviewer: 1.').waitFor();
      await page.getByText('Cases finally decided in the period: 1.').waitFor();
      // Reason codes in words; each chart's table gives the code as sent too.
      await page.getByText('Top 1; the most frequent is No official address (1).').waitFor();
      await page.getByText('Top 1; the most frequent is PAN not valid (1).').waitFor();
      const actionReasons = page.getByRole('table', { name: 'Top reasons for action required' });
      await expect
        .poll(() => actionReasons.getByRole('rowheader').allTextContents())
        .toEqual(['PAN not valid panDetails/pan_invalid']);
      const perDay = page.getByRole('table', { name: 'Cases per status per day' });
      await perDay.waitFor({ state: 'attached' });
      expect(await perDay.getByRole('row').count()).toBeGreaterThanOrEqual(31);
      await page.getByRole('button', { name: 'Show the data as a table' }).first().click();
      await perDay.waitFor();
      await audit(page, 'dashboard');
      await expectFitsPhone(page, 'console-admin-dashboard');
      await page.getByRole('radio', { name: 'हिन्दी', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'डैशबोर्ड' }).waitFor();
      await page.getByText('शीर्ष 1; सबसे अधिक कोई आधिकारिक पता नहीं (1)।').waitFor();
      await checkAccessibility(page, 'console dashboard, hi');
      await screenshot(page, 'console-admin-dashboard-1280-hi');

      // The one refusal the test asked for: the second hold on the same customer.
      expect(errors).toEqual([
        expect.stringMatching(/status of 409 .*\/v1\/admin\/staff\)$/),
        expect.stringMatching(/status of 409 .*\/investigation-holds\)$/),
      ]);
    },
  );
});
