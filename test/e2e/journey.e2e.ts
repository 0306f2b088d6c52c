import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVED_PERSONA } from './fake-camera.js';
import { collectPageErrors, launchBrowser, screenshotOnFailure, startStack } from './harness.js';
import type { E2EBrowser, Stack } from './harness.js';
import {
  auditScreen,
  chooseCashAndFno,
  chooseLanguage,
  declareIndiaTaxResidentOnly,
  declareNotPoliticallyExposed,
  focusMovesTo,
  newPerson,
  nominateOne,
  signUp,
  verifyContacts,
  writePdf,
} from './onboard.js';

/*
 * The whole journey to approval with no human, as a person on a phone takes it: sign up, confirm the
 * contacts, consent, PAN, Aadhaar through the simulator's DigiLocker consent page, personal details,
 * the address DigiLocker filled in, bank, demat with a PDF client master copy, the four declarations
 * (nomination, FATCA/CRS, PEP, trading segments with a PDF proof of income), a selfie through the
 * (fake) camera, review and submit; the status page then turns to approved by itself. Every screen on
 * the way passes axe at both widths in both languages (auditScreen).
 */

let stack: Stack;
let browser: E2EBrowser;
let tempDir: string;

beforeAll(async () => {
  // The account opening form is sent for e-sign after approval (tests elsewhere turn e-sign off).
  stack = await startStack({ env: { ESIGN_ENABLED: 'true' } });
  browser = await launchBrowser({ persona: APPROVED_PERSONA });
  tempDir = mkdtempSync(path.join(tmpdir(), 'pehchan-journey-'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

/**
 * A PAN of an individual (fourth letter P) that is new on every run, with digits the simulator
 * answers as valid and Aadhaar-seeded (not 0000-0003 or 9999).
 */
function uniquePan(): string {
  const letter = () => String.fromCharCode(65 + randomInt(26));
  const digits = String(randomInt(1000, 9000));
  return `${letter()}${letter()}${letter()}P${letter()}${digits}${letter()}`;
}

/**
 * The app's errors: the simulator's DigiLocker page, which stands in for a site of its own (its
 * missing favicon included), is not the app.
 */
function appErrors(errors: string[]): string[] {
  return errors.filter((error) => !error.includes(`(${stack.simulatorUrl}/`));
}

function step(page: Page, id: string): Promise<void> {
  return page.waitForURL(new RegExp(`/onboard/steps/${id}(\\?.*)?$`));
}

/**
 * A fake GPS, as the fake camera is a fake webcam: the page's geolocation answers this point at once,
 * except the first time in each page, which times out as a phone indoors does.
 * Chromium's own override (context `geolocation`) was lost now and then after the trip through
 * DigiLocker's pages, leaving the selfie without a location.
 */
async function fakePosition(page: Page, coords: { latitude: number; longitude: number; accuracy: number }) {
  await page.context().addInitScript((point) => {
    let asked = 0;
    navigator.geolocation.getCurrentPosition = (success, failure) => {
      if (asked++ === 0)
        return failure?.({
          code: 3,
          message: 'Timeout expired',
          PERMISSION_DENIED: 1,
          POSITION_UNAVAILABLE: 2,
          TIMEOUT: 3,
        });
      success({
        coords: { ...point, altitude: null, altitudeAccuracy: null, heading: null, speed: null },
        timestamp: Date.now(),
      } as GeolocationPosition);
    };
  }, coords);
}

describe('the onboarding app in Chromium', () => {
  it(
    'takes a new customer to approval with no human and a signed account opening form, then to their data and a closed account, every screen accessible',
    { timeout: 300_000 },
    async () => {
      // The selfie is taken in Mumbai: the simulator's reverse geocoding places the point in India.
      const page = await browser.newPage('mobile', { permissions: ['geolocation'] });
      await fakePosition(page, { latitude: 19.076, longitude: 72.8777, accuracy: 20 });
      screenshotOnFailure(page, 'journey');
      const errors = collectPageErrors(page);
      const usual = newPerson('John Doe');
      // A long address, as some work emails are: the contact step must still fit a phone's width.
      const person = { ...usual, email: usual.email.replace('@', '.john.doe.accounts.department@') };
      const pan = uniquePan();

      // Sign up and contacts.
      await page.goto(`${stack.url}/onboard/signup`);
      await page.getByRole('button', { name: 'Create account' }).waitFor();
      await auditScreen(page, '01-signup');
      await signUp(page, stack, person);
      await page.getByRole('button', { name: 'Send a code by SMS' }).waitFor();
      await auditScreen(page, '02-contact');
      await verifyContacts(page, stack, person);

      // Consent: the KYC purpose.
      await step(page, 'consent');
      const kyc = page.getByRole('region', { name: 'Verifying your KYC details' });
      await kyc.getByRole('button', { name: 'I agree' }).waitFor();
      await auditScreen(page, '03-consent');
      await kyc.getByRole('button', { name: 'I agree' }).click();
      await kyc.getByText(/You agreed on/).waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();

      // PAN: mobile and email come from the account.
      await step(page, 'pan');
      await page.getByRole('textbox', { name: 'PAN', exact: true }).waitFor();
      await expect.poll(() => page.getByLabel('Email').inputValue()).toBe(person.email);
      expect(await page.getByLabel('Mobile number').inputValue()).toBe(person.mobileNo);
      await auditScreen(page, '04-pan');
      await page.getByRole('textbox', { name: 'PAN', exact: true }).fill(pan);
      await page.getByLabel('Name as on PAN card').fill('JOHN DOE');
      await page.getByLabel('Date of birth').fill('1993-06-30');
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // Aadhaar through DigiLocker: out to the simulator's consent page and back.
      await step(page, 'aadhaar');
      await page.getByText('DigiLocker', { exact: true }).waitFor();
      await auditScreen(page, '05-aadhaar');
      await page.getByText('DigiLocker', { exact: true }).click();
      await page.getByRole('button', { name: 'I agree' }).first().click();
      await focusMovesTo(page, 'Sign in to DigiLocker and share your Aadhaar with us.');
      await page.getByRole('button', { name: 'Continue to DigiLocker' }).click();
      await page.waitForURL(`${stack.simulatorUrl}/simulator/digilocker/**`);
      await page.getByLabel('Sign in as').selectOption(APPROVED_PERSONA);
      await page.getByLabel('PAN whose linked Aadhaar this is (optional)').fill(pan);
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(`${stack.url}/onboard/steps/aadhaar?digilocker=return`);
      await page.getByRole('heading', { name: 'Your Aadhaar details from DigiLocker' }).waitFor();
      await auditScreen(page, '06-aadhaar-digilocker');
      await page.getByRole('button', { name: 'Continue' }).click();

      // Personal details: gender comes from DigiLocker.
      await step(page, 'personal');
      const gender = page.getByRole('radiogroup', { name: 'Gender' });
      await gender.waitFor();
      await expect
        .poll(() => gender.getByRole('radio', { name: 'Male', exact: true }).isChecked())
        .toBe(true);
      await auditScreen(page, '07-personal');
      await page.getByLabel('Place of birth').fill('Mumbai');
      await page.getByRole('button', { name: /Occupation/ }).click();
      await page.getByRole('option', { name: 'Private sector service' }).click();
      await page.getByLabel('Annual income (₹)').fill('1200000');
      // By keyboard, as a customer without a pointer answers it: Tab reaches the unanswered question.
      await page.getByLabel('Annual income (₹)').press('Tab');
      const citizen = page
        .getByRole('radiogroup', { name: 'Are you a citizen of India?' })
        .getByRole('radio', { name: 'Yes', exact: true });
      expect(await citizen.evaluate((radio) => radio === document.activeElement)).toBe(true);
      await page.keyboard.press('Space');
      expect(await citizen.isChecked()).toBe(true);
      // One box is drawn for the checkbox, whichever step's styles the app has loaded by now.
      const confirmation = page.locator('label').filter({ hasText: /^I confirm/ });
      const boxesDrawn = await confirmation.evaluate(
        (label) =>
          Number(getComputedStyle(label, '::before').content !== 'none') +
          label.querySelectorAll('.checkbox-box').length,
      );
      expect(boxesDrawn).toBe(1);
      await page.getByText(/^I confirm/).click();
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // Address: filled in from the Aadhaar.
      await step(page, 'address');
      const address = page.getByRole('textbox', { name: 'Address', exact: true });
      await page.getByText(/^We filled in the address from your Aadhaar in DigiLocker/).waitFor();
      expect(await address.inputValue()).not.toBe('');
      await auditScreen(page, '08-address');
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // Bank: the IFSC finds the branch.
      await step(page, 'bank');
      await page.getByLabel('IFSC').waitFor();
      await auditScreen(page, '09-bank');
      await page.getByRole('button', { name: 'Add another account' }).click();
      await page.getByRole('button', { name: 'Remove account 2' }).click();
      await focusMovesTo(page, 'Add another account');
      await page.getByLabel('IFSC').fill('YESB0000262');
      await page.getByLabel('IFSC').blur();
      await page.getByText(/^Branch:/).waitFor();
      await page.getByLabel('Account number', { exact: true }).fill('026291800001191');
      await page.getByLabel('Re-enter account number').fill('026291800001191');
      await page
        .getByRole('radiogroup', { name: 'Account type' })
        .getByText('Savings', { exact: true })
        .click();
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // Demat, with the client master copy as a PDF.
      await step(page, 'demat');
      await page.getByLabel('DP ID').waitFor();
      await auditScreen(page, '10-demat');
      await page.getByRole('radiogroup', { name: 'Depository' }).getByText('NSDL', { exact: true }).click();
      await page.getByLabel('DP ID').fill('IN300126');
      await page.getByLabel('Client ID').fill('10293847');
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Choose a file' }).click(),
      ]);
      await chooser.setFiles(
        await writePdf(
          tempDir,
          'client-master-copy.pdf',
          'Client master copy: JOHN DOE, IN300126 / 10293847',
        ),
      );
      await page.getByText(/^Chosen: client-master-copy\.pdf/).waitFor();
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // The declarations: a nominee with the whole share, tax resident of India only, not politically
      // exposed, cash and F&O with a PDF bank statement as the proof of income.
      await step(page, 'nomination');
      await nominateOne(page, { audit: '11-nomination' });
      await step(page, 'fatca');
      await declareIndiaTaxResidentOnly(page, { audit: '12-fatca', cityOfBirth: 'Mumbai' });
      await step(page, 'pep');
      await declareNotPoliticallyExposed(page, { audit: '13-pep' });
      await step(page, 'trading');
      await chooseCashAndFno(page, {
        audit: '14-trading',
        incomeProof: await writePdf(tempDir, 'bank-statement.pdf', 'Bank statement: JOHN DOE, Jun-Nov 2026'),
      });

      // Selfie through the camera: the fake camera shows the persona's selfie, following the server's challenge.
      await step(page, 'selfie');
      await page.getByText(/^For this selfie: /).waitFor();
      await page.getByRole('button', { name: 'Open the camera' }).click();
      await page.waitForFunction(() => (document.querySelector('video')?.videoWidth ?? 0) > 0);
      // The first fix times out: the customer is told and asks again.
      await page
        .getByRole('alert')
        .getByText(/could not find your location this time/)
        .waitFor();
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByText('Location shared (accurate to about 20 m).').waitFor();
      await auditScreen(page, '15-selfie-camera');
      await page.getByRole('button', { name: 'Take the photo' }).click();
      await page.getByRole('button', { name: 'Use this photo' }).click();
      await focusMovesTo(page, 'Your selfie passed the check.');
      await page.getByRole('button', { name: 'Continue' }).click();

      // Review and submit.
      await step(page, 'review');
      await page.getByRole('button', { name: 'Submit for verification' }).waitFor();
      await auditScreen(page, '16-review');
      // The values chosen from a list read as the steps named them, and the date of birth as a day, in either language.
      for (const [language, values] of [
        ['en', ['30 June 1993', 'Private sector service', 'Savings', 'Spouse', '₹10 lakh to ₹25 lakh']],
        ['hi', ['30 जून 1993', 'निजी क्षेत्र में नौकरी', 'बचत', 'पति/पत्नी', '₹10 लाख से ₹25 लाख']],
      ] as const) {
        await chooseLanguage(page, language);
        for (const value of values) await page.getByText(value, { exact: true }).waitFor();
      }
      await chooseLanguage(page, 'en');
      // Changing one part from Review comes back to Review, not on through the steps after it.
      await page.getByRole('link', { name: 'Edit Address' }).click();
      await step(page, 'address');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await step(page, 'review');
      await page.getByRole('button', { name: 'Submit for verification' }).click();

      // The status page follows the checks until the case is approved and its account opening form is
      // ready to sign.
      await page.waitForURL(/\/onboard\/status$/);
      await page
        .getByText('Your identity is verified. Sign your account opening form with Aadhaar e-sign to finish.')
        .waitFor({ timeout: 90_000 });
      // Every check the case went through passed, and nothing is left to do.
      const checks = page.getByRole('region', { name: 'What we check' }).getByRole('listitem');
      expect(await checks.count()).toBeGreaterThan(0);
      for (const check of await checks.all()) expect(await check.textContent()).toMatch(/Passed$/);
      await auditScreen(page, '17-status-esign');

      // The customer first declines on the simulator's Aadhaar e-sign page: back on the status page they
      // are told the form was not signed (not that a link expired) and ask for a new link.
      await page.getByRole('link', { name: 'Sign your account opening form' }).click();
      await page.getByRole('button', { name: 'Decline to sign' }).click();
      await page.waitForURL(/\/onboard\/status/);
      await page
        .getByText('Your account opening form was not signed. Ask for a new link to try again.')
        .waitFor();
      await page.getByRole('button', { name: 'Send me a new signing link' }).click();

      // With the new link the customer signs the form and comes back, done.
      await page.getByRole('link', { name: 'Sign your account opening form' }).click();
      await page.getByRole('button', { name: 'Sign with Aadhaar OTP (simulated)' }).click();
      await page.waitForURL(/\/onboard\/status/);
      await page
        .getByText('Your identity is verified and your account opening form is signed. You are all set.')
        .waitFor();
      await page.getByRole('button', { name: 'Download your signed form' }).waitFor();
      await auditScreen(page, '18-status-completed');

      // Later the customer takes everything Pehchan holds and closes the account: the KYC record of an
      // opened account stays, as the law requires, and the rest is erased.
      await page.getByRole('link', { name: 'Your data' }).click();
      await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download my data' }).click(),
      ]);
      const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
        tables: Record<string, Array<Record<string, unknown>>>;
      };
      expect(exported.tables.kyc_cases?.map((row) => row.status)).toEqual(['completed']);
      expect(exported.tables.esign_requests?.map((row) => row.status)).toEqual(['failed', 'signed']);
      await page.getByRole('button', { name: 'Close my account and erase my data' }).click();
      await page.getByRole('button', { name: 'Yes, close my account' }).click();
      await page.getByText(/except your KYC record, which the law requires us to keep until/).waitFor();

      expect(appErrors(errors)).toEqual([]);
      await page.context().close();
    },
  );
});
