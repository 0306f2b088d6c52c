import { describe, expect, it } from 'vitest';
import {
  checkAccessibility,
  collectPageErrors,
  countRequests,
  createStaff,
  fieldState,
  stackAndBrowser,
  screenshot,
  screenshotOnFailure,
  setViewport,
} from './harness.js';
import {
  ageSecondFactor,
  caseAwaitingReview,
  expectFitsPhone,
  forgetUsedCodes,
  signInStaff,
} from './console.js';
import { and, eq } from 'drizzle-orm';
import { staffAuditEvents } from '../../src/db/schema/index.js';
import { fetchAadhaarFromDigilocker, readyApplicant, waitForDecision } from '../helpers/kyc.js';
import { totpCode } from '../helpers/staff.js';
import { PASSWORD, chooseLanguage, newPerson, signUp } from './onboard.js';

/*
 * The reviewer console at /console/ in Chromium at 1280 px: staff sign-in with the second factor
 * (enrolment at the first sign-in), customers refused; a reviewer finds a case by PAN, claims it,
 * opens its documents, reveals the PAN with a reason (step-up, audited) and proposes an approval
 * under four-eyes (REVIEW_FOUR_EYES=all); they withdraw it and ask for changes from a template, a
 * second reviewer returns that with a note, and confirms the approval proposed again. The server's field
 * messages on a case's forms (a full PAN in a reveal reason, a note, a decision) go as soon as the field is
 * edited, do not come back after a language switch, and the corrected form goes with one press.
 */

const e2e = stackAndBrowser({ env: { REVIEW_FOUR_EYES: 'all' } });

/** The server's refusal of staff text holding a full identity number, beside the field. */
const FULL_NUMBER = {
  en: 'Do not write a full PAN, Aadhaar or account number here: write its last 4 characters.',
  hi: 'यहाँ पूरा PAN, आधार या खाता संख्या न लिखें: केवल उसके अंतिम 4 अक्षर लिखें।',
};

describe('the reviewer console', () => {
  it('enrols a reviewer’s authenticator at the first sign-in and shows the queue', async () => {
    const page = await e2e.browser.newPage('desktop');
    screenshotOnFailure(page, 'console-sign-in');
    const errors = collectPageErrors(page);
    const reviewer = await createStaff(e2e.stack, 'reviewer');

    await page.goto(`${e2e.stack.url}/console/`);
    await checkAccessibility(page, 'console sign-in');
    await screenshot(page, 'console-sign-in-1280-en');
    await page.getByLabel('Email').fill(reviewer.email);
    await page.getByLabel('Password').fill(reviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator' }).waitFor();
    await expect.poll(() => page.locator('.recovery-codes li').count()).toBe(10);
    await checkAccessibility(page, 'console enrolment');
    await screenshot(page, 'console-enrol-1280-en');
    await page.getByRole('button', { name: 'Start again' }).click();

    const signedIn = await signInStaff(page, e2e.stack, reviewer);
    expect(signedIn.totpSecret).not.toBe('');
    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['Queue']);
    await checkAccessibility(page, 'console queue');
    await screenshot(page, 'console-queue-1280-en');
    await chooseLanguage(page, 'hi');
    await page.getByRole('heading', { name: 'समीक्षा कतार' }).waitFor();
    await checkAccessibility(page, 'console queue, hi');
    await screenshot(page, 'console-queue-1280-hi');
    await chooseLanguage(page, 'en');
    expect(errors).toEqual([]);
  });

  it('refuses a customer: the console is for staff only', async () => {
    const person = newPerson('Asha Verma');
    const onboarding = await e2e.browser.newPage('desktop');
    await signUp(onboarding, e2e.stack, person);
    await onboarding.context().close();

    const page = await e2e.browser.newPage('desktop');
    await page.goto(`${e2e.stack.url}/console/`);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This console is for staff only');
    await checkAccessibility(page, 'console refuses a customer');
  });
});

describe('working a case', () => {
  it('finds a case by PAN, claims it, opens the documents, reveals the PAN, proposes; a second reviewer returns and confirms', async () => {
    const applicant = await caseAwaitingReview(e2e.stack);
    const page = await e2e.browser.newPage('desktop');
    screenshotOnFailure(page, 'console-review');
    const errors = collectPageErrors(page);
    const reviewer = await signInStaff(
      page,
      e2e.stack,
      await createStaff(e2e.stack, 'reviewer', 'Ravi Reviewer'),
    );

    // The queue, searched by the full PAN (exact, through the blind index).
    await page.getByLabel('Search').fill(applicant.pan);
    await page.getByRole('button', { name: 'Apply' }).click();
    const open = page.getByRole('link', { name: `Open case ${applicant.number}` });
    await open.waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    // The search term (here a PAN) stays out of the address and so out of the browser's history.
    expect(page.url()).not.toContain(applicant.pan);
    await page.getByRole('button', { name: `Claim case ${applicant.number}` }).click();
    await page.getByText(`You hold case ${applicant.number}.`).waitFor();
    await checkAccessibility(page, 'console queue, searched and claimed');
    await screenshot(page, 'console-queue-claimed-1280-en');
    await expectFitsPhone(page, 'console-queue-claimed');

    // The reason filter suggests the reasons in words, found by their words, and filters by the code picked.
    const reasonFilter = page.getByRole('combobox', { name: 'Reason' });
    await reasonFilter.fill('official photo');
    await page.getByRole('option', { name: 'No official photo to compare no_official_photo' }).click();
    // The kit writes the picked code into the box on its next render, not within the click.
    await expect.poll(() => reasonFilter.inputValue()).toBe('no_official_photo');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('reason')).toBe('no_official_photo');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await chooseLanguage(page, 'hi');
    await page.getByRole('combobox', { name: 'कारण' }).fill('आधार');
    await page.getByRole('option', { name: 'कोई आधिकारिक पहचान (आधार) नहीं no_official_identity' }).waitFor();
    await screenshot(page, 'console-queue-reasons-1280-hi');
    // Checked closed: while the list is open the kit hides the rest of the page from screen readers on purpose.
    await page.keyboard.press('Escape');
    await checkAccessibility(page, 'console queue with the reason filter, hi');
    await chooseLanguage(page, 'en');
    // A code typed as it is still filters.
    await page.getByRole('combobox', { name: 'Reason' }).fill('pan_invalid');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No cases match.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Search').fill(applicant.pan);
    await page.getByRole('button', { name: 'Apply' }).click();

    // The case: documents inline (the PDF drawn into canvases).
    await open.click();
    await page.getByRole('heading', { name: `Case #${applicant.number}` }).waitFor();
    await expect.poll(() => page.locator('.case-head').textContent()).toContain('You');
    // The customer's id, which an admin needs for data requests and investigation holds.
    const claims = JSON.parse(Buffer.from(applicant.token.split('.')[1]!, 'base64url').toString());
    expect(await page.locator('.case-head').textContent()).toContain(`Customer id: ${claims.sub as string}`);
    expect(await page.getByText(applicant.pan).count()).toBe(0);
    await page.getByRole('button', { name: 'Open: Client master copy' }).click();
    await expect.poll(() => page.locator('[data-testid="pdf-pages"] canvas').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Open: Selfie' }).click();
    await expect
      .poll(() => page.locator('img.document-image').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    await checkAccessibility(page, 'console case');
    await screenshot(page, 'console-case-1280-en');
    await expectFitsPhone(page, 'console-case');

    // The submitted details (Submitted details, जमा की गई जानकारी) read as words: sections, fields, closed lists' values.
    const details = page.locator('section.snapshot');
    const detailsIn = async (language: 'en' | 'hi') => {
      await chooseLanguage(page, language);
      return {
        sections: await details.getByRole('heading', { level: 3 }).allTextContents(),
        fields: await details
          .locator('dt')
          .evaluateAll((terms) =>
            terms.map((term) => `${term.textContent} = ${term.nextElementSibling?.textContent}`),
          ),
        text: await details.textContent(),
      };
    };
    const en = await detailsIn('en');
    expect(en.sections).toEqual([
      'PAN details',
      'Personal details',
      'Address',
      'Bank account',
      'Demat account',
      'Nomination',
      'FATCA/CRS declaration',
      'Politically exposed person',
      'Trading preferences',
    ]);
    expect(en.fields).toEqual(
      expect.arrayContaining([
        'Applying as = An individual',
        'Date of birth = 30 Jun 1993',
        'Gender = Male',
        'Annual income = ₹12,00,000',
        'Indian citizen = Yes',
        'Account type = Savings',
        'Relationship = Spouse',
        'Nationality = India (IN)',
        'Is a politically exposed person = No',
        'Segments = Cash',
        'Annual income range = ₹10 lakh to ₹25 lakh',
      ]),
    );
    const hi = await detailsIn('hi');
    expect(hi.sections).toContain('व्यक्तिगत विवरण');
    expect(hi.fields).toEqual(
      expect.arrayContaining([
        'जन्म तिथि = 30 जून 1993',
        'लिंग = पुरुष',
        'वार्षिक आय = ₹12,00,000',
        'खाते का प्रकार = बचत',
        'संबंध = पति/पत्नी',
        'राष्ट्रीयता = भारत (IN)',
        'सेगमेंट = कैश',
        'वार्षिक आय सीमा = ₹10 लाख से ₹25 लाख',
      ]),
    );
    await checkAccessibility(page, 'console case, hi');
    await chooseLanguage(page, 'en');
    for (const raw of [
      'panDetails',
      'iAm',
      'annualIncome',
      'incomeRange',
      '10_25_lakh',
      'spouse',
      '1993-06-30',
    ])
      expect(en.text).not.toContain(raw);

    // On a phone the checks are one block each, with nothing to scroll sideways; a reason's code wraps only
    // after a _ (or : or /), never inside a word.
    await setViewport(page, 'mobile');
    const checks = page.locator('.table-scroll').filter({ has: page.locator('.checks-table') });
    expect(await checks.evaluate((region) => region.scrollWidth - region.clientWidth)).toBeLessThanOrEqual(0);
    const breaks = await page.locator('.checks-table .reason-code').evaluateAll((codes) =>
      codes.flatMap((code) => {
        // Each character's line (its box's top); where the line changes, the character before the break.
        const characters: { text: string; top: number }[] = [];
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode())
          for (let at = 0; at < (node.textContent ?? '').length; at++) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 1);
            characters.push({ text: node.textContent![at]!, top: range.getBoundingClientRect().top });
          }
        return characters.flatMap((each, at) =>
          at > 0 && each.top > characters[at - 1]!.top + 1 ? [characters[at - 1]!.text] : [],
        );
      }),
    );
    expect(breaks.length).toBeGreaterThan(0);
    expect(breaks.filter((before) => !'_:/'.includes(before))).toEqual([]);
    await setViewport(page, 'desktop');

    // Reveal the PAN: a reason, then (the sign-in's check being old) the authenticator's code again.
    await ageSecondFactor(e2e.stack, reviewer.userId);
    await page.getByRole('button', { name: 'Reveal PAN' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Comparing with the PAN card the customer emailed');
    await dialog.getByRole('button', { name: 'Reveal' }).click();
    await dialog.getByLabel('Authenticator code').waitFor();
    await checkAccessibility(page, 'console reveal step-up');
    await forgetUsedCodes(e2e.stack, reviewer.userId);
    await dialog.getByLabel('Authenticator code').fill(totpCode(reviewer.totpSecret));
    await dialog.getByRole('button', { name: 'Confirm and reveal' }).click();
    await expect.poll(() => dialog.getByTestId('revealed-value').textContent()).toBe(applicant.pan);
    await screenshot(page, 'console-reveal-1280-en');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const reveals = await e2e.stack.app.database.db
      .select()
      .from(staffAuditEvents)
      .where(
        and(eq(staffAuditEvents.action, 'case_revealed'), eq(staffAuditEvents.targetId, applicant.caseId)),
      );
    expect(reveals).toHaveLength(1);
    expect(reveals[0]!.actorId).toBe(reviewer.userId);
    expect(JSON.stringify(reveals[0]!.details)).not.toContain(applicant.pan);

    // A note, then approve: a proposal under four-eyes.
    await page
      .getByLabel('Note (staff only)')
      .fill('Official photo missing: compared the selfie with the PAN record.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Official photo missing: compared').first().waitFor();
    const proposeApproval = async () => {
      await page.locator('.choice', { hasText: 'Approve' }).click();
      await page.locator('.reason-check', { hasText: 'Verified manually' }).click();
      expect(await page.getByRole('checkbox', { name: 'Verified manually' }).isChecked()).toBe(true);
      await page
        .getByLabel('Internal note', { exact: true })
        .fill('Checks not all passed; identity verified manually.');
      await page.getByRole('button', { name: 'Submit decision' }).click();
      await page.getByText('You proposed this decision').waitFor();
    };
    await proposeApproval();
    await checkAccessibility(page, 'console case with a proposal');
    await screenshot(page, 'console-proposal-1280-en');
    // The author takes it back (the decision form returns) and asks for changes instead, from a template
    // that fills in the message and the reason.
    await page.getByRole('button', { name: 'Withdraw my proposal' }).click();
    await page.getByText('Proposal withdrawn: the case awaits a new decision.').waitFor();
    await page.locator('.choice', { hasText: 'Request changes' }).click();
    await page.getByLabel('Message template').selectOption({ label: 'Documents unclear' });
    await expect
      .poll(() => page.getByLabel('Message to the customer').inputValue())
      .toMatch(/^We could not read one of your documents clearly\./);
    expect(await page.getByRole('checkbox', { name: 'Documents unclear' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Submit decision' }).click();
    await page.getByText('You proposed this decision').waitFor();

    // A second reviewer returns that proposal with a note.
    const second = await e2e.browser.newPage('desktop');
    screenshotOnFailure(second, 'console-review-second');
    await signInStaff(second, e2e.stack, await createStaff(e2e.stack, 'reviewer', 'Sita Second'));
    await second.goto(`${e2e.stack.url}/console/cases/${applicant.caseId}`);
    await second.getByRole('heading', { name: 'Proposed decision' }).waitFor();
    await second.getByText('Request changes', { exact: true }).waitFor();
    await checkAccessibility(second, 'console proposal to confirm');
    // A full PAN in the note is refused beside the field; rewritten, the note goes.
    const returnNote = second.getByLabel('Why it goes back');
    await returnNote.fill(`PAN ${applicant.pan} is on the card: approve it.`);
    await second.getByRole('button', { name: 'Return the proposal' }).click();
    await expect.poll(() => fieldState(returnNote)).toEqual({ invalid: true, describedBy: [FULL_NUMBER.en] });
    await returnNote.fill('The documents are readable: approve it.');
    await second.getByRole('button', { name: 'Return the proposal' }).click();
    await second.getByText('Proposal returned to its reviewer.').waitFor();
    await second.getByRole('button', { name: 'Submit decision' }).waitFor();

    // The first reviewer proposes the approval again; the second confirms it.
    await page.reload();
    await proposeApproval();
    await second.reload();
    await second.getByRole('heading', { name: 'Proposed decision' }).waitFor();
    await second.getByRole('button', { name: 'Confirm the proposal' }).click();
    await second.getByText('Proposal confirmed: the case is now Approved.').waitFor();
    await expect
      .poll(async () => (await applicant.call('GET', '/v1/kyc/status')).json().data.status)
      .toBe('approved');
    await second.getByText('not awaiting review').first().waitFor();
    await checkAccessibility(second, 'console case read-only');
    await screenshot(second, 'console-case-approved-1280-en');
    // The first reveal's 403 (second_factor_required) is the browser's only complaint, and an expected one.
    expect(errors.filter((error) => !/403 .*\/reveal\)$/.test(error))).toEqual([]);
  });
});

describe('the official identity beside the submitted one', () => {
  it('names each compared field, its values and their agreement in words (en, hi)', async () => {
    const applicant = await readyApplicant(e2e.stack.app);
    await fetchAadhaarFromDigilocker(e2e.stack.app, applicant);
    const submitted = await applicant.call('POST', '/v1/kyc/submit');
    expect(submitted.statusCode).toBe(200);
    const status = await waitForDecision(e2e.stack.app, applicant.token);
    const page = await e2e.browser.newPage('desktop');
    screenshotOnFailure(page, 'console-comparison');
    await signInStaff(page, e2e.stack, await createStaff(e2e.stack, 'reviewer', 'Chitra Compare'));
    await page.goto(`${e2e.stack.url}/console/cases/${status.caseId as string}`);
    const comparison = page.locator('table.comparison');
    const row = (field: string) =>
      comparison.getByRole('row').filter({ has: page.getByRole('rowheader', { name: field, exact: true }) });
    const cells = async (field: string) => (await row(field).getByRole('cell').allTextContents()).join(' | ');
    await row('Gender').waitFor();
    expect(await cells('Gender')).toBe('Male | Male | ✓ Agrees');
    await chooseLanguage(page, 'hi');
    expect(await cells('लिंग')).toBe('पुरुष | पुरुष | ✓ मेल खाता है');
    await checkAccessibility(page, 'console comparison, hi');
    await chooseLanguage(page, 'en');
    await page.context().close();
  });
});

describe('the server’s field messages on a case', () => {
  const HINT = {
    reason: 'Why you need the full value (at least 10 characters), without the number itself.',
    message: {
      en: 'The customer reads this. Required to reject or request changes.',
      hi: 'ग्राहक इसे पढ़ता है। अस्वीकार करने या बदलाव माँगने के लिए आवश्यक।',
    },
    note: {
      en: 'For staff only. Required to approve a case with a check that did not pass.',
      hi: 'केवल स्टाफ़ के लिए। जो जाँच पास नहीं हुई, ऐसे मामले को स्वीकार करने के लिए आवश्यक।',
    },
  };
  const marked = (hint: string | undefined, message: string) => ({
    invalid: true,
    describedBy: hint ? [hint, message] : [message],
  });
  const clear = (hint?: string) => ({ invalid: false, describedBy: hint ? [hint] : [] });

  it('marks a full PAN beside the field, clears it as soon as the field is edited, not back after a language switch', async () => {
    const applicant = await caseAwaitingReview(e2e.stack);
    const page = await e2e.browser.newPage('desktop');
    screenshotOnFailure(page, 'console-field-messages');
    const errors = collectPageErrors(page);
    await signInStaff(page, e2e.stack, await createStaff(e2e.stack, 'reviewer', 'Farah Fields'));
    await page.goto(`${e2e.stack.url}/console/cases/${applicant.caseId}`);
    await page.getByRole('heading', { name: `Case #${applicant.number}` }).waitFor();

    // The reveal reason: refused for the PAN in it, clear while the reviewer rewrites it, sent with one press.
    const reveals = countRequests(page, `/v1/review/cases/${applicant.caseId}/reveal`);
    await page.getByRole('button', { name: 'Reveal PAN' }).click();
    const dialog = page.getByRole('dialog');
    const reason = dialog.getByRole('textbox', { name: 'Reason' });
    await reason.fill(`Comparing ${applicant.pan} with the card`);
    await dialog.getByRole('button', { name: 'Reveal' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Some details need a correction' }).waitFor();
    expect(await fieldState(reason)).toEqual(marked(HINT.reason, FULL_NUMBER.en));
    await checkAccessibility(page, 'console reveal reason refused');
    await reason.fill('Comparing with the PAN card the customer emailed');
    expect(await fieldState(reason)).toEqual(clear(HINT.reason));
    await dialog.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => dialog.getByTestId('revealed-value').textContent()).toBe(applicant.pan);
    expect(reveals()).toBe(2);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A note with the PAN: marked, and clear as soon as it is rewritten.
    const noteText = page.getByRole('textbox', { name: 'Note (staff only)' });
    await noteText.fill(`Customer read out PAN ${applicant.pan} on the call.`);
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => fieldState(noteText)).toEqual(marked(undefined, FULL_NUMBER.en));
    await noteText.fill('Customer read out the PAN on the call; it matches.');
    expect(await fieldState(noteText)).toEqual(clear());
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Customer read out the PAN on the call; it matches.').first().waitFor();

    // A decision with the PAN in both texts: both marked, in either language; the message rewritten stays
    // clear through a language switch while the note is still marked.
    const decisions = countRequests(page, `/v1/review/cases/${applicant.caseId}/decision`);
    const message = page.locator('textarea[name="userMessage"]');
    const note = page.locator('textarea[name="internalNote"]');
    await page.locator('.choice', { hasText: 'Request changes' }).click();
    await page.locator('.reason-check', { hasText: 'Documents unclear' }).click();
    await message.fill(`The PAN ${applicant.pan} does not match your card.`);
    await note.fill(`PAN ${applicant.pan} checked by phone.`);
    await page.getByRole('button', { name: 'Submit decision' }).click();
    await page
      .locator('.decision-panel')
      .getByRole('alert')
      .filter({ hasText: 'Some details need a correction' })
      .waitFor();
    expect(decisions()).toBe(1);
    expect(await fieldState(message)).toEqual(marked(HINT.message.en, FULL_NUMBER.en));
    expect(await fieldState(note)).toEqual(marked(HINT.note.en, FULL_NUMBER.en));
    await checkAccessibility(page, 'console decision refused');
    await chooseLanguage(page, 'hi');
    expect(await fieldState(message)).toEqual(marked(HINT.message.hi, FULL_NUMBER.hi));
    expect(await fieldState(note)).toEqual(marked(HINT.note.hi, FULL_NUMBER.hi));
    await chooseLanguage(page, 'en');

    await message.fill('The PAN you gave does not match your card. Upload a clear photo of it.');
    expect(await fieldState(message)).toEqual(clear(HINT.message.en));
    expect(await fieldState(note)).toEqual(marked(HINT.note.en, FULL_NUMBER.en));
    await message.press('Tab');
    await chooseLanguage(page, 'hi');
    expect(await fieldState(message)).toEqual(clear(HINT.message.hi));
    expect(await fieldState(note)).toEqual(marked(HINT.note.hi, FULL_NUMBER.hi));
    await chooseLanguage(page, 'en');
    expect(await fieldState(message)).toEqual(clear(HINT.message.en));

    await note.fill('PAN checked by phone.');
    expect(await fieldState(note)).toEqual(clear(HINT.note.en));
    await page.getByRole('button', { name: 'Submit decision' }).click();
    await page.getByText('You proposed this decision').waitFor();
    expect(decisions()).toBe(2);
    // The browser logs the refused requests, and nothing else goes wrong.
    expect(errors.filter((error) => !/status of 400 .*\/(reveal|notes|decision)\)$/.test(error))).toEqual([]);
    expect(errors).toHaveLength(3);
    await page.context().close();
  });
});
