import { describe, expect, it } from 'vitest';
import { collectPageErrors, stackAndBrowser, screenshotOnFailure } from './harness.js';
import { auditScreen, chooseLanguage, newPerson, signUp } from './onboard.js';

/*
 * Opting out of nomination online: SEBI's nomination circular (§8) has the platform show Annexure-B's
 * declaration and the investor agree to it by choosing that option.
 */

const e2e = stackAndBrowser();

describe('opting out of nomination', () => {
  it('shows Annexure-B’s declaration, point by point in either language, and keeps the opt-out only once it is agreed', async () => {
    const page = await e2e.browser.newPage('mobile');
    screenshotOnFailure(page, 'nomination-opt-out');
    const errors = collectPageErrors(page);
    await signUp(page, e2e.stack, newPerson('Farah Khan'));
    await page.getByRole('link', { name: 'Nominees', exact: true }).click();
    const choice = page.getByRole('radiogroup', { name: 'Do you want to name a nominee?' });
    await choice.getByText('No, I opt out of nomination', { exact: true }).click();

    const declaration = page.getByRole('region', { name: 'Declaration to opt out of nomination' });
    expect(await declaration.locator('p').allTextContents()).toEqual([
      'I hereby confirm that I do not wish to appoint any nominee(s) to my demat account/trading account at this point of time.',
      'I understand that –',
      'I confirm that I have understood the above implications and that my decision to opt out of nomination is voluntary.',
    ]);
    const points = declaration.getByRole('listitem');
    expect(await points.allTextContents()).toEqual([
      expect.stringMatching(
        /^the nomination helps to quickly identify the person for transfer of securities/,
      ),
      expect.stringMatching(/^in the absence of a nomination, my legal heir\(s\) may require/),
      expect.stringMatching(/transferred to Investor Education and Protection Fund Authority \(IEPF\)/),
    ]);
    // Numbered as the form numbers them.
    expect(await points.first().evaluate((point) => getComputedStyle(point).listStyleType)).toBe(
      'parenthesized-roman',
    );

    await chooseLanguage(page, 'hi');
    const inHindi = page.getByRole('region', { name: 'नॉमिनेशन से ऑप्ट-आउट की घोषणा' });
    expect(await inHindi.getByRole('listitem').count()).toBe(3);
    await inHindi.getByText(/निवेशक शिक्षा और संरक्षण निधि प्राधिकरण \(IEPF\)/).waitFor();
    await chooseLanguage(page, 'en');
    await auditScreen(page, 'nomination-opt-out');

    // Not agreed: nothing is kept, and the box says why.
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page
      .getByText('Tick the box to confirm the declaration, or choose to name a nominee.')
      .first()
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/onboard/steps/nomination');

    await page.getByText('I have read this declaration and I opt out of nomination.').click();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/onboard\/steps\/fatca$/);
    // The step list marks it complete; opened again, it holds the choice and the agreement.
    await page.getByRole('link', { name: 'Nominees (complete)', exact: true }).click();
    await expect
      .poll(() => choice.getByRole('radio', { name: 'No, I opt out of nomination' }).isChecked())
      .toBe(true);
    expect(
      await page
        .getByRole('checkbox', { name: 'I have read this declaration and I opt out of nomination.' })
        .isChecked(),
    ).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
