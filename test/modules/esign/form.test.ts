import { describe, expect, it } from 'vitest';
import { buildAccountOpeningForm } from '../../../src/modules/esign/form.js';
import type { FormInput } from '../../../src/modules/esign/form.js';
import { NOMINATION_OPT_OUT_DECLARATION } from '../../../src/modules/profile/nomination-opt-out.js';
import { pdfText } from '../../helpers/pdf.js';

const formOf = (nominationDetails: Record<string, unknown>): FormInput => ({
  caseNumber: 7,
  caseId: '00000000-0000-4000-8000-000000000007',
  approvedAt: new Date('2026-12-05T10:00:00Z'),
  profile: {
    panDetails: { panNumber: 'ABCPV1234D', name: 'Farah Khan', dateOfBirth: '1993-06-30' },
    nominationDetails,
  },
  selfie: null,
  checks: [],
  events: [],
  generatedAt: new Date('2026-12-05T10:01:00Z'),
});

/** The text with each line's breaks undone, as one run of words. */
const flowing = (text: string) => text.replace(/\s+/g, ' ');

describe('the account opening form', () => {
  it('prints the Annexure-B declaration an investor who opted out of nomination agreed to, for the e-sign', async () => {
    const { pdf } = await buildAccountOpeningForm(
      formOf({ optOut: true, optOutDeclaredAt: '2026-12-05T09:30:00.000Z', nominees: [] }),
    );
    const text = flowing(await pdfText(pdf));
    const declaration = NOMINATION_OPT_OUT_DECLARATION;
    for (const part of [
      declaration.title,
      declaration.confirmation,
      // The dash prints as itself, not as `?`.
      declaration.understanding,
      `(i) ${declaration.points[0]}`,
      `(ii) ${declaration.points[1]}`,
      `(iii) ${declaration.points[2]}`,
      declaration.voluntary,
    ])
      expect(text).toContain(part);
  });

  it('prints no opt-out declaration for an investor who named nominees', async () => {
    const { pdf } = await buildAccountOpeningForm(
      formOf({
        optOut: false,
        nominees: [{ name: 'Meera Khan', relationship: 'spouse', allocationPercent: 100 }],
      }),
    );
    const text = flowing(await pdfText(pdf));
    expect(text).toContain('Meera Khan');
    expect(text).not.toContain(NOMINATION_OPT_OUT_DECLARATION.confirmation);
  });
});
