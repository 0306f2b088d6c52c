/**
 * The declaration of an investor who opts out of nomination: Annexure-B of SEBI's nomination circular
 * (docs/compliance-research.md §1), in its words. Online, §8 has the platform show it and the investor agree to
 * it; the onboarding pages show it (with a Hindi rendering) and the account opening form prints it for the
 * Aadhaar e-sign.
 */
export const NOMINATION_OPT_OUT_DECLARATION = {
  title: 'Declaration for opting out of nomination',
  confirmation:
    'I hereby confirm that I do not wish to appoint any nominee(s) to my demat account/trading account at this point of time.',
  understanding: 'I understand that –',
  /** Numbered (i) to (iii) on the form. */
  points: [
    'the nomination helps to quickly identify the person for transfer of securities and helps in faster and smoother transmission of my securities to my legal heir(s) after my demise.',
    'in the absence of a nomination, my legal heir(s) may require the submission of certain additional legal or court-issued documents which may delay the process of transmission of securities to my legal heir(s).',
    'if no claim is made on the account for a prolonged period after my demise, the holdings may be treated as unclaimed assets and they may be transferred to Investor Education and Protection Fund Authority (IEPF) in accordance with the applicable regulatory framework.',
  ],
  voluntary:
    'I confirm that I have understood the above implications and that my decision to opt out of nomination is voluntary.',
} as const;
