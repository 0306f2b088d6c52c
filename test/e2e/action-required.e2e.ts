import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed } from '../helpers/app.js';
import { randomPan, sandboxProfile } from '../helpers/kyc.js';
import { passingSelfie } from '../../src/providers/cashfree-simulator/test-images.js';
import { collectPageErrors, launchBrowser, screenshotOnFailure, startStack } from './harness.js';
import type { E2EBrowser, Stack } from './harness.js';
import { PASSWORD, auditScreen, newPerson, signUp, verifyContacts } from './onboard.js';
import { captureFields } from '../helpers/liveliness.js';
import { imagePart, multipart } from '../helpers/multipart.js';

/*
 * A case that ends `action_required` is fixed from the status page and submitted again. The profile
 * is filled through the API (the other browser tests cover its screens); the way back from the status
 * page to the step, the edit and the second submission are the customer's, in the browser.
 */

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

/** The simulator does not find a PAN whose digits are 0000: the PAN check asks the customer to correct it. */
const unknownPan = () => `${randomPan().slice(0, 5)}0000${randomPan().slice(-1)}`;

/** A second session of the same customer (the API, as another device would), to fill the profile quickly. */
async function fillProfileThroughApi(email: string, pan: string): Promise<void> {
  const login = await stack.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email, password: PASSWORD },
  });
  expect(login.statusCode).toBe(200);
  const token = (login.json() as { token: string }).token;
  const call = (method: 'POST' | 'PUT', url: string, payload: object) =>
    authed(stack.app, token, { method, url, payload });
  expect(
    (await call('POST', '/v1/consents', { purpose: 'kyc_verification', noticeVersion: '2026-11' }))
      .statusCode,
  ).toBe(201);
  const profile = await sandboxProfile();
  const saved = await call('PUT', '/v1/data/update_data', {
    ...profile,
    panDetails: { ...profile.panDetails, panNumber: pan },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const body = multipart([
    imagePart(await passingSelfie(Math.floor(Math.random() * 100_000))),
    ...(await captureFields(stack.app, token)),
  ]);
  const selfie = await authed(stack.app, token, {
    method: 'POST',
    url: '/v1/image/liveliness_check',
    payload: body.payload,
    headers: body.headers,
  });
  expect(selfie.statusCode, selfie.body).toBe(200);
}

describe('a case that needs action', () => {
  it('is fixed from the status page and submitted again', async () => {
    const page = await browser.newPage('mobile');
    screenshotOnFailure(page, 'action-required');
    const errors = collectPageErrors(page);
    const person = newPerson();
    await signUp(page, stack, person);
    await verifyContacts(page, stack, person);
    await fillProfileThroughApi(person.email, unknownPan());

    // A reload: the session comes back from the refresh cookie, and the app reads the profile afresh.
    await page.goto(`${stack.url}/onboard/steps/review`);
    await page.getByRole('heading', { name: 'Review and submit' }).waitFor();
    await auditScreen(page, 'action-required-review');
    await page.getByRole('button', { name: 'Submit for verification' }).click();

    await page.waitForURL(/\/onboard\/status$/);
    await page.getByText('Some details need your attention. Fix them, then submit again.').waitFor();
    const reasons = page.getByRole('region', { name: 'What to fix' });
    await reasons
      .getByText('The Income Tax Department could not confirm this PAN. Check the PAN number.')
      .waitFor();
    await auditScreen(page, 'action-required-status');

    await reasons.getByRole('link', { name: 'Fix it: PAN' }).click();
    await page.waitForURL(/\/onboard\/steps\/pan$/);
    const panField = page.getByRole('textbox', { name: 'PAN', exact: true });
    await panField.fill(randomPan());
    await page.getByRole('button', { name: 'Save and continue' }).click();

    await page.getByRole('heading', { name: 'Review and submit' }).waitFor();
    await page.getByRole('button', { name: 'Submit again' }).click();
    await page.waitForURL(/\/onboard\/status$/);
    // Without DigiLocker the Aadhaar cannot be matched to the PAN: a person looks at the case.
    await page.getByText(/^A person is checking your details\./).waitFor();
    expect(await page.getByRole('link', { name: 'Fix it: PAN' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
