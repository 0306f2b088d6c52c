import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, stackAndBrowser, screenshotOnFailure } from './harness.js';
import { PASSWORD, auditScreen, chooseLanguage, newPerson, signUp } from './onboard.js';

const e2e = stackAndBrowser();

/** Presses a download button and returns the file the browser saved. */
async function downloadFrom(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const file = await download.path();
  return { download, bytes: await readFile(file) };
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

/** Answers the page's requests to `pathname` (and `format`, when given) with `status` and `body`, once. */
async function answer(
  page: Page,
  request: { pathname: string; format?: string },
  status: number,
  body: object,
): Promise<void> {
  await page.route(
    (url) => url.pathname === request.pathname && url.searchParams.get('format') === (request.format ?? null),
    (route) =>
      route.fulfill({
        status,
        contentType: status < 400 ? 'application/json' : 'application/problem+json',
        body: JSON.stringify(body),
      }),
    { times: 1 },
  );
}

describe('Your data', () => {
  it('downloads everything held, then closes the account for good', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'my-data');
    const errors = collectPageErrors(page);
    const person = newPerson('Meera Nair');
    await signUp(page, e2e.stack, person);

    await page.getByRole('link', { name: 'Your data' }).click();
    await page.waitForURL(/\/onboard\/my-data$/);
    await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
    expect(await focusedText(page)).toBe('Your data');
    await auditScreen(page, 'my-data');

    await chooseLanguage(page, 'hi');
    await page.getByRole('heading', { name: 'आपका डेटा', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'मेरी फ़ाइलों के साथ डाउनलोड करें (ZIP)' }).waitFor();
    await chooseLanguage(page, 'en');

    const json = await downloadFrom(page, 'Download my data');
    expect(json.download.suggestedFilename()).toBe('pehchan-export.json');
    const exported = JSON.parse(json.bytes.toString('utf8')) as { userId: string; tables: object };
    expect(typeof exported.userId).toBe('string');
    expect(JSON.stringify(exported.tables)).toContain(person.email);
    await page.getByRole('status').filter({ hasText: 'Your download has started.' }).waitFor();

    const zip = await downloadFrom(page, 'Download with my files (ZIP)');
    expect(zip.download.suggestedFilename()).toBe('pehchan-export.zip');
    expect(zip.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    await page.getByRole('button', { name: 'Close my account and erase my data' }).click();
    const confirm = page.getByRole('group', { name: 'Close your account for good?' });
    await confirm.getByText(/^This cannot be undone\./).waitFor();
    expect(await focusedText(page)).toBe('Close your account for good?');
    await auditScreen(page, 'my-data-confirm');
    await confirm.getByRole('button', { name: 'Keep my account' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await focusedText(page)).toBe('Close your account');

    // The page is no dead end: a link leads back to the application, and the top bar back here.
    await page.getByRole('link', { name: 'Back to your application' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/my-data'));
    await page.getByRole('link', { name: 'Your data' }).click();
    await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Close my account and erase my data' }).click();
    await confirm.getByRole('button', { name: 'Yes, close my account' }).click();
    await page.waitForURL(/\/onboard\/account-closed$/);
    await page.getByRole('heading', { name: 'Your account is closed', level: 1 }).waitFor();
    // A new account has no approved KYC to keep: everything is erased at once.
    await page.getByText('Your data is erased and you are signed out.').waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Your data' }).count()).toBe(0);
    await auditScreen(page, 'account-closed');

    await page.getByRole('link', { name: 'Go to the sign-in page' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not right.' }).waitFor();
    expect(page.url()).toMatch(/\/onboard\/$/);
    // The refused sign-in is the only failed request, as Chromium logs it.
    expect(errors).toEqual([expect.stringMatching(/status of 401 .*\/v1\/auth\/login\)$/)]);
    await page.context().close();
  });

  it('explains a refused download, and an erasure that keeps the KYC record', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'my-data-refusals');
    const errors = collectPageErrors(page);
    await signUp(page, e2e.stack, newPerson('Kavya Rao'));
    await page.getByRole('link', { name: 'Your data' }).click();
    await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();

    // The server's limits (64 MiB of files in one ZIP, a few exports a day) and an approved customer's
    // erasure take long to reach for real: the browser answers for the server here. Files too large
    // for one request: the page has the server prepare the ZIP in the background, and saves it.
    await answer(page, { pathname: '/v1/me/export', format: 'zip' }, 413, {
      status: 413,
      code: 'export_too_large',
      title: 'Export too large for one download',
    });
    const prepared = downloadFrom(page, 'Download with my files (ZIP)');
    await page.getByRole('status').filter({ hasText: 'Your files are large' }).waitFor();
    const zip = await prepared;
    expect(zip.download.suggestedFilename()).toBe('pehchan-export.zip');
    expect(zip.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    await answer(page, { pathname: '/v1/me/export' }, 429, {
      status: 429,
      code: 'rate_limited',
      title: 'Too many requests',
    });
    await page.getByRole('button', { name: 'Download my data' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'You have downloaded your data several times today.' })
      .waitFor();

    await answer(page, { pathname: '/v1/me/erasure' }, 202, {
      success: true,
      data: {
        requestId: '6f1c1a52-3d7e-4a55-9a59-2f0d3c1b8e10',
        status: 'held',
        holdUntil: '2034-12-03T10:00:00.000Z',
      },
    });
    await page.getByRole('button', { name: 'Close my account and erase my data' }).click();
    await page.getByRole('button', { name: 'Yes, close my account' }).click();
    await page.waitForURL(/\/onboard\/account-closed$/);
    await page
      .getByText(
        'You are signed out and your data is erased, except your KYC record, which the law requires us to keep until 3 Dec 2034. We erase it then.',
      )
      .waitFor();
    await chooseLanguage(page, 'hi');
    await page.getByRole('heading', { name: 'आपका खाता बंद हो गया है', level: 1 }).waitFor();
    await page.getByText(/KYC रिकॉर्ड के, जिसे कानून के अनुसार हमें .*2034 तक रखना है/).waitFor();
    await chooseLanguage(page, 'en');
    expect(errors).toEqual([
      expect.stringMatching(/status of 413 .*\/v1\/me\/export\?format=zip\)$/),
      expect.stringMatching(/status of 429 .*\/v1\/me\/export\)$/),
    ]);
    await page.context().close();
  });
});
