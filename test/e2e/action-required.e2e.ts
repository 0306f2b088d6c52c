import { describe, expect, it } from 'vitest';
import { authed } from '../helpers/app.js';
import { randomAccount, randomPan, sandboxProfile, waitForDecision } from '../helpers/kyc.js';
import { injectPost, loginStaff } from '../helpers/staff.js';
import { passingSelfie } from '../../src/providers/cashfree-simulator/test-images.js';
import { APPROVED_PERSONA } from './fake-camera.js';
import { signInStaff } from './console.js';
import {
  checkAccessibility,
  collectPageErrors,
  createStaff,
  stackAndBrowser,
  screenshot,
  screenshotOnFailure,
} from './harness.js';
import { PASSWORD, auditScreen, chooseLanguage, newPerson, signUp, verifyContacts } from './onboard.js';
import { captureFields } from '../helpers/liveliness.js';
import { imagePart, multipart } from '../helpers/multipart.js';

/*
 * A case that ends `action_required` is fixed from the status page and submitted again. The profile
 * is filled through the API (the other browser tests cover its screens); the way back from the status
 * page to the step, the edit and the second submission are the customer's, in the browser.
 */

const e2e = stackAndBrowser();

/** The simulator does not find a PAN whose digits are 0000: the PAN check asks the customer to correct it. */
const unknownPan = () => `${randomPan().slice(0, 5)}0000${randomPan().slice(-1)}`;

/** A second session of the same customer (the API, as another device would), to fill the profile quickly. */
async function fillProfileThroughApi(email: string, pan: string): Promise<string> {
  const login = await e2e.stack.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email, password: PASSWORD },
  });
  expect(login.statusCode).toBe(200);
  const token = (login.json() as { token: string }).token;
  const call = (method: 'POST' | 'PUT', url: string, payload: object) =>
    authed(e2e.stack.app, token, { method, url, payload });
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
    ...(await captureFields(e2e.stack.app, token)),
  ]);
  const selfie = await authed(e2e.stack.app, token, {
    method: 'POST',
    url: '/v1/image/liveliness_check',
    payload: body.payload,
    headers: body.headers,
  });
  expect(selfie.statusCode, selfie.body).toBe(200);
  return token;
}

/** A reviewer (signed in through the API, second factor enrolled) asks the customer for changes; the case id. */
async function requestChanges(customerToken: string, reasonCodes: string[], userMessage: string) {
  const status = await authed(e2e.stack.app, customerToken, { method: 'GET', url: '/v1/kyc/status' });
  const caseId = (status.json() as { data: { caseId: string } }).data.caseId;
  const reviewer = await createStaff(e2e.stack, 'reviewer');
  const { token } = await loginStaff(injectPost(e2e.stack.app), reviewer);
  const decided = await authed(e2e.stack.app, token, {
    method: 'POST',
    url: `/v1/review/cases/${caseId}/decision`,
    payload: { decision: 'request_changes', reasonCodes, userMessage },
  });
  expect(decided.statusCode, decided.body).toBe(200);
  return caseId;
}

describe('a case that needs action', () => {
  it('is fixed from the status page and submitted again', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'action-required');
    const errors = collectPageErrors(page);
    const person = newPerson();
    await signUp(page, e2e.stack, person);
    await verifyContacts(page, e2e.stack, person);
    const token = await fillProfileThroughApi(person.email, unknownPan());

    // A reload: the session comes back from the refresh cookie, and the app reads the profile afresh.
    await page.goto(`${e2e.stack.url}/onboard/steps/review`);
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

    // The reviewer reads the checks' reason codes in words, each with its code as sent.
    const { caseId, number } = (
      await authed(e2e.stack.app, token, { method: 'GET', url: '/v1/kyc/status' })
    ).json().data as { caseId: string; number: number };
    const desk = await e2e.browser.newPage('desktop');
    screenshotOnFailure(desk, 'action-required-reasons-console');
    const consoleErrors = collectPageErrors(desk);
    await signInStaff(desk, e2e.stack, await createStaff(e2e.stack, 'reviewer', 'Ritu Reasons'));
    const queueRow = desk
      .getByRole('row')
      .filter({ has: desk.getByRole('link', { name: `Open case ${number}`, exact: true }) });
    await queueRow.getByText('No official address').waitFor();
    await queueRow.getByText('no_official_address', { exact: true }).waitFor();
    await desk.goto(`${e2e.stack.url}/console/cases/${caseId}`);
    const request = desk.getByRole('region', { name: 'Last request for changes' });
    await expect
      .poll(() => request.getByRole('listitem').first().locator('.last-request-reason').textContent())
      .toBe('PAN not valid panDetails/pan_invalid');
    const checks = desk.getByRole('region', { name: 'Checks', exact: true }).first();
    const check = (name: string) =>
      checks.getByRole('row').filter({ has: desk.getByRole('rowheader', { name, exact: true }) });
    await check('Identity match').getByText('No official identity (Aadhaar)').waitFor();
    await check('Identity match').getByText('no_official_identity', { exact: true }).waitFor();
    await check('Face match').getByText('No official photo to compare').waitFor();
    // History: the checks' decision sent the case back for the PAN, then to a reviewer.
    const history = desk.getByRole('region', { name: 'History' });
    await history
      .getByRole('listitem')
      .filter({ hasText: 'panDetails/pan_invalid' })
      .getByText('PAN not valid')
      .first()
      .waitFor();
    await history.getByText('Check: Identity match, For review').first().waitFor();
    await checkAccessibility(desk, 'case page with the checks’ reasons in words');
    await screenshot(desk, 'console-check-reasons-1280-en');
    await chooseLanguage(desk, 'hi');
    await desk.getByRole('region', { name: 'बदलाव का पिछला अनुरोध' }).getByText('PAN मान्य नहीं').waitFor();
    await desk.getByText('कोई आधिकारिक पहचान (आधार) नहीं').first().waitFor();
    await checkAccessibility(desk, 'case page with the checks’ reasons in words, in Hindi');
    await chooseLanguage(desk, 'en');
    expect(consoleErrors).toEqual([]);
    await desk.context().close();
  });

  it('keeps naming what is still to fix on Review and on its step after one of two reasons is fixed', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'action-required-two-reasons');
    const errors = collectPageErrors(page);
    const person = newPerson();
    await signUp(page, e2e.stack, person);
    await verifyContacts(page, e2e.stack, person);
    const pan = randomPan();
    const token = await fillProfileThroughApi(person.email, pan);
    await page.goto(`${e2e.stack.url}/onboard/steps/review`);
    await page.getByRole('button', { name: 'Submit for verification' }).click();
    await page.waitForURL(/\/onboard\/status$/);
    await page.getByText(/^A person is checking your details\./).waitFor();

    const message =
      'Use an account in your own name, and upload the whole first page of the client master copy.';
    const caseId = await requestChanges(
      token,
      ['bank_account_unverified', 'documents_unclear', 'address_unverified'],
      message,
    );
    const bankReason = 'We could not confirm your bank account. Check it or add another one.';
    const dematReason = 'A document you uploaded was not clear enough. Please upload a clearer copy.';

    // The status page names both, each with the step that fixes it (as the server says).
    await page.reload();
    const reasons = page.getByRole('region', { name: 'What to fix' });
    await reasons.getByText(bankReason).waitFor();
    await reasons.getByText(dematReason).waitFor();
    await reasons.getByRole('link', { name: 'Fix it: Bank account' }).click();

    // The bank step says why the customer is there, with the reviewer's words.
    await page.waitForURL(/\/onboard\/steps\/bank$/);
    const onBank = page.getByRole('region', { name: 'What to fix on this page' });
    await onBank.getByText(bankReason).waitFor();
    await onBank.getByText(message).waitFor();
    const account = randomAccount();
    await page.getByLabel('Account number', { exact: true }).fill(account);
    await page.getByLabel('Re-enter account number', { exact: true }).fill(account);
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // Back on Review: the demat reason is still to fix, the bank one is changed, the message stays.
    await page.getByRole('heading', { name: 'Review and submit' }).waitFor();
    const remaining = page.getByRole('region', { name: 'Still to fix' });
    await remaining.getByText(dematReason).waitFor();
    await remaining.getByText(message).waitFor();
    expect(await remaining.getByText(bankReason).count()).toBe(0);
    const changed = page.getByRole('region', { name: 'Changed since our request' });
    await changed.getByText(bankReason).waitFor();
    expect(await changed.getByText(dematReason).count()).toBe(0);
    await auditScreen(page, 'action-required-review-remaining');

    // The demat step names its reason as still to fix.
    await remaining.getByRole('link', { name: 'Fix it: Demat account' }).click();
    await page.waitForURL(/\/onboard\/steps\/demat$/);
    const onDemat = page.getByRole('region', { name: 'What to fix on this page' });
    await onDemat.getByText(dematReason).waitFor();
    await onDemat.getByText(message).waitFor();
    expect(await onDemat.getByText(bankReason).count()).toBe(0);

    // The Aadhaar fetched again from DigiLocker reads as changed as soon as it is back, without a reload.
    const addressReason = 'We could not confirm your address. Fetch it again from DigiLocker.';
    await page.goto(`${e2e.stack.url}/onboard/steps/aadhaar`);
    const onAadhaar = page
      .getByRole('region', { name: 'What to fix on this page' })
      .getByRole('listitem')
      .filter({ hasText: addressReason });
    await onAadhaar.filter({ hasText: '(Still to fix)' }).waitFor();
    await page.getByText('DigiLocker', { exact: true }).click();
    await page.getByRole('button', { name: 'I agree' }).first().click();
    await page.getByRole('button', { name: 'Continue to DigiLocker' }).click();
    await page.waitForURL(`${e2e.stack.simulatorUrl}/simulator/digilocker/**`);
    await page.getByLabel('Sign in as').selectOption(APPROVED_PERSONA);
    await page.getByLabel('PAN whose linked Aadhaar this is (optional)').fill(pan);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${e2e.stack.url}/onboard/steps/aadhaar?digilocker=return`);
    await page.getByRole('heading', { name: 'Your Aadhaar details from DigiLocker' }).waitFor();
    await onAadhaar.filter({ hasText: '(Changed, not submitted yet)' }).waitFor({ timeout: 5000 });

    // Submitted again with the demat reason left as it was.
    await page.goto(`${e2e.stack.url}/onboard/steps/review`);
    await page.getByRole('button', { name: 'Submit again' }).click();
    await page.waitForURL(/\/onboard\/status$/);
    expect((await waitForDecision(e2e.stack.app, token)).status).not.toMatch(/^(submitted|verifying)$/);
    // The simulator's DigiLocker page (a site of its own, its missing favicon included) is not the app.
    expect(errors.filter((error) => !error.includes(`(${e2e.stack.simulatorUrl}/`))).toEqual([]);
    await page.context().close();

    // The reviewer sees what was asked and what the customer changed before submitting again.
    const desk = await e2e.browser.newPage('desktop');
    screenshotOnFailure(desk, 'action-required-console');
    const consoleErrors = collectPageErrors(desk);
    await signInStaff(desk, e2e.stack, await createStaff(e2e.stack, 'reviewer', 'Leela Lastrequest'));
    await desk.goto(`${e2e.stack.url}/console/cases/${caseId}`);
    const request = desk.getByRole('region', { name: 'Last request for changes' });
    await request.waitFor();
    const reason = (text: string) => request.getByRole('listitem').filter({ hasText: text });
    await reason('Bank account not verified').getByText('Changed by the customer').waitFor();
    await reason('Address not verified').getByText('Changed by the customer').waitFor();
    await reason('Documents unclear').getByText('Not changed').waitFor();
    expect(await reason('Documents unclear').getByText('Changed by the customer').count()).toBe(0);
    expect(await request.getByRole('listitem').count()).toBe(3);
    await request.getByText('Submitted again').waitFor();
    expect(await request.getByText('the customer has not submitted again').count()).toBe(0);
    await checkAccessibility(desk, 'case page with a last request for changes');
    await screenshot(desk, 'console-last-request-1280-en');
    await chooseLanguage(desk, 'hi');
    const inHindi = desk.getByRole('region', { name: 'बदलाव का पिछला अनुरोध' });
    await inHindi
      .getByRole('listitem')
      .filter({ hasText: 'दस्तावेज़ स्पष्ट नहीं' })
      .getByText('नहीं बदला')
      .waitFor();
    await checkAccessibility(desk, 'case page with a last request for changes, in Hindi');
    await chooseLanguage(desk, 'en');
    expect(consoleErrors).toEqual([]);
    await desk.context().close();
  });
});
