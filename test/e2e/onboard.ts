import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Locator, Page } from 'playwright-core';
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
      // Nothing makes the page scroll sideways (a long email, a long word in Hindi).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect([name, viewport, language, overflow]).toEqual([name, viewport, language, 0]);
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

/**
 * Waits until the element with keyboard focus shows `text`: an action whose button went away hands focus
 * to its outcome, not to the top of the page.
 */
export async function focusMovesTo(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => {
    const focused = document.activeElement;
    // Focus lost falls back to the body, whose text holds the whole page.
    return focused !== null && focused !== document.body && focused.textContent?.includes(wanted);
  }, text);
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
  await focusMovesTo(page, 'We sent a 6-digit code');
  const [sms] = await stack.outbox(person.mobileNo);
  const code = /\b\d{6}\b/.exec(sms?.text ?? '')?.[0];
  expect(code, 'the SMS holds a code').toBeDefined();
  await page.getByLabel('Code from the SMS').fill(code!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await focusMovesTo(page, `${person.mobileNo} is verified.`);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** A small but real one-page PDF holding `text`, written to `dir/name`: a document as a customer uploads it. */
export async function writePdf(dir: string, name: string, text: string): Promise<string> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(text, { x: 50, y: 780, font, size: 12 });
  const file = path.join(dir, name);
  writeFileSync(file, await pdf.save());
  return file;
}

/** Picks `option` in the kit's Select whose button is named after `label`. */
async function choose(scope: Page | Locator, page: Page, label: RegExp, option: string): Promise<void> {
  await scope.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const saveAndContinue = (page: Page) => page.getByRole('button', { name: 'Save and continue' }).click();

/*
 * The declarations' steps (issue 15), each filled the way the journey takes them. `audit` names the
 * screenshots of an audit (auditScreen) made once the step shows its conditional fields.
 */

/** Nomination: one adult nominee with the whole share. */
export async function nominateOne(page: Page, { audit }: { audit?: string } = {}): Promise<void> {
  await page
    .getByRole('radiogroup', { name: 'Do you want to name a nominee?' })
    .getByText('Yes, name up to 3 nominees', { exact: true })
    .click();
  // A second nominee added and removed again: focus stays on the list, not the top of the page.
  await page.getByRole('button', { name: 'Add another nominee' }).click();
  await page.getByRole('button', { name: 'Remove nominee 2' }).click();
  await focusMovesTo(page, 'Add another nominee');
  const nominee = page.getByRole('group', { name: 'Nominee 1' });
  await nominee.getByLabel('Full name').fill('Meera Doe');
  await choose(nominee, page, /Relationship to you/, 'Spouse');
  await nominee.getByLabel('Date of birth').fill('1990-04-12');
  await nominee.getByLabel('Share (%) (optional)').fill('100');
  await page.getByText('The shares add up to 100%.').waitFor();
  if (audit) await auditScreen(page, audit);
  await saveAndContinue(page);
}

/**
 * FATCA/CRS: a tax resident of India only. The "yes" branch is opened for the audit, so the foreign
 * residency's fields are checked too, then answered "no"; birth and nationality come prefilled from the
 * personal details (India, the place of birth given there).
 */
export async function declareIndiaTaxResidentOnly(
  page: Page,
  { audit, cityOfBirth }: { audit?: string; cityOfBirth: string },
): Promise<void> {
  const outside = page.getByRole('radiogroup', {
    name: 'Are you a tax resident of any country other than India?',
  });
  if (audit) {
    await outside.getByText('Yes', { exact: true }).click();
    await page.getByRole('group', { name: 'Country of tax residence 1' }).waitFor();
    await auditScreen(page, audit);
  }
  await outside.getByText('No', { exact: true }).click();
  expect(await page.getByLabel('City of birth').inputValue()).toBe(cityOfBirth);
  await page
    .getByRole('button', { name: /Country of birth/ })
    .getByText('India')
    .waitFor();
  await page
    .getByRole('button', { name: /Nationality/ })
    .getByText('India')
    .waitFor();
  await saveAndContinue(page);
}

/** PEP: "no" to both questions, with the definition on screen. */
export async function declareNotPoliticallyExposed(
  page: Page,
  { audit }: { audit?: string } = {},
): Promise<void> {
  await page.getByText(/^Politically exposed persons are individuals/).waitFor();
  if (audit) await auditScreen(page, audit);
  for (const question of [
    'Are you a politically exposed person?',
    'Are you a family member or close associate of a politically exposed person?',
  ])
    await page.getByRole('radiogroup', { name: question }).getByText('No', { exact: true }).click();
  await saveAndContinue(page);
}

/** Trading: cash and F&O, so the proof of income (a PDF bank statement) is asked for and uploaded. */
export async function chooseCashAndFno(
  page: Page,
  { audit, incomeProof }: { audit?: string; incomeProof: string },
): Promise<void> {
  const segments = page.getByRole('group', { name: 'Segments' });
  for (const segment of ['Cash (shares, delivery and intraday)', 'Futures and options (F&O)']) {
    await segments.getByText(segment, { exact: true }).click();
    expect(await segments.getByRole('checkbox', { name: segment }).isChecked()).toBe(true);
  }
  await choose(page, page, /Gross annual income/, '₹10 lakh to ₹25 lakh');
  const proof = page.getByRole('group', { name: 'Proof of income' });
  await choose(proof, page, /Document/, 'Bank statement of the last 6 months');
  if (audit) await auditScreen(page, audit);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    proof.getByRole('button', { name: 'Choose a file' }).click(),
  ]);
  await chooser.setFiles(incomeProof);
  await page.getByText(`Chosen: ${path.basename(incomeProof)}`, { exact: false }).waitFor();
  await saveAndContinue(page);
}
