import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.js';
import { fetchAadhaarFromDigilocker, readyApplicant, waitForDecision } from '../../helpers/kyc.js';
import { customer, pdfBase64, problems } from './fixtures.js';

// The four account-opening declarations (issue 15): validation, encryption at rest, submission, PEP review, locks.
const ctx = useTestApp({ JOBS_ENABLED: 'true' });

const adult = (overrides: Record<string, unknown> = {}) => ({
  name: 'Meera Verma',
  relationship: 'spouse',
  dateOfBirth: '1990-04-12',
  ...overrides,
});
const minor = (overrides: Record<string, unknown> = {}) =>
  adult({ name: 'Kabir Verma', relationship: 'son', dateOfBirth: '2019-08-01', ...overrides });
const guardian = { name: 'Asha Verma', relationship: 'mother', address: '12 Linking Road, Bandra West' };
const indiaOnly = {
  taxResidentOutsideIndia: false,
  countryOfBirth: 'IN',
  cityOfBirth: 'Pune',
  nationality: 'IN',
};
const nominees = (...list: object[]) => ({ nominationDetails: { optOut: false, nominees: list } });
const fatca = (overrides: Record<string, unknown>) => ({ fatcaDetails: { ...indiaOnly, ...overrides } });
const trading = (overrides: Record<string, unknown>) => ({
  tradingPreferences: { segments: ['cash'], incomeRange: '5_10_lakh', ...overrides },
});

describe('the declarations: validation names the field', () => {
  it.each<[string, object, Array<[string, string]>]>([
    [
      'shares that do not add up to 100',
      nominees(adult({ allocationPercent: 60 }), minor({ allocationPercent: 30 })),
      [['/nominationDetails/nominees', 'allocation_not_100']],
    ],
    [
      'a share for some nominees only',
      nominees(adult({ allocationPercent: 100 }), minor()),
      [['/nominationDetails/nominees/1/allocationPercent', 'required']],
    ],
    [
      'more than MAX_NOMINEES (3)',
      nominees(adult(), adult({ name: 'Ravi Verma' }), adult({ name: 'Uma Verma' }), minor()),
      [['/nominationDetails/nominees', 'too_many_nominees']],
    ],
    [
      'a guardian for an adult nominee',
      nominees(adult({ guardian })),
      [['/nominationDetails/nominees/0/guardian', 'not_allowed']],
    ],
    [
      'an identity number not of its type',
      nominees(adult({ idType: 'passport', idNumber: 'ABCPV1234D' })),
      [['/nominationDetails/nominees/0/idNumber', 'invalid_id_number']],
    ],
    [
      'nominees with an opt-out',
      { nominationDetails: { optOut: true, nominees: [adult()] } },
      [['/nominationDetails/nominees', 'not_allowed']],
    ],
    [
      'no nominee and no opt-out',
      { nominationDetails: { optOut: false } },
      [['/nominationDetails/nominees', 'required']],
    ],
    [
      'a tax residence outside India without its countries',
      fatca({ taxResidentOutsideIndia: true }),
      [['/fatcaDetails/taxResidencies', 'required']],
    ],
    [
      'countries that are not ISO codes, India as a foreign residence, no TIN nor reason',
      fatca({
        taxResidentOutsideIndia: true,
        taxResidencies: [
          { country: 'XX', tin: '1' },
          { country: 'IN', noTinReason: 'not_issued' },
          { country: 'US' },
        ],
        nationality: 'ZZ',
      }),
      [
        ['/fatcaDetails/taxResidencies/0/country', 'invalid_country'],
        ['/fatcaDetails/taxResidencies/1/country', 'invalid_country'],
        ['/fatcaDetails/taxResidencies/2/tin', 'tin_or_reason'],
        ['/fatcaDetails/nationality', 'invalid_country'],
      ],
    ],
    [
      'derivatives segments without income proof (currency derivatives too)',
      trading({ segments: ['cash', 'currency'] }),
      [['/tradingPreferences/incomeProof', 'required']],
    ],
    [
      'an income range that is not one of the closed ranges',
      trading({ incomeRange: '5-10 lakh' }),
      [['/tradingPreferences/incomeRange', 'invalid_value']],
    ],
  ])('refuses %s', async (_, body, expected) => {
    const user = await sharedCustomer();
    const response = await user.update(body);
    expect(response.statusCode, response.body).toBe(400);
    expect(problems(response)).toEqual(expected);
  });

  it('accepts a minor with a guardian, 2-decimal shares adding up to 100, and derivatives with a PDF proof', async () => {
    const user = await sharedCustomer();
    const response = await user.update({
      ...nominees(
        adult({ allocationPercent: 33.33 }),
        adult({ name: 'Ravi Verma', relationship: 'brother', allocationPercent: 33.33 }),
        minor({ allocationPercent: 33.34, guardian }),
      ),
      ...fatca({
        taxResidentOutsideIndia: true,
        taxResidencies: [
          { country: 'us', tin: '123-45-6789' },
          { country: 'SG', noTinReason: 'not_issued' },
        ],
      }),
      ...trading({
        segments: ['fno', 'cash'],
        incomeProof: { documentType: 'itr', document: await pdfBase64('ITR acknowledgement') },
      }),
    });
    expect(response.statusCode, response.body).toBe(200);
    const { data } = response.json();
    expect(data.nominationDetails.nominees[2].guardian).toEqual(guardian);
    expect(data.fatcaDetails.taxResidencies[0]).toEqual({ country: 'US', tin: '123-45-6789' });
    expect(data.tradingPreferences).toMatchObject({
      segments: ['cash', 'fno'],
      incomeProof: { documentType: 'itr', document: { contentType: 'application/pdf' } },
    });
  });
});

let shared: Awaited<ReturnType<typeof customer>> | undefined;
const sharedCustomer = async () => (shared ??= await customer(ctx.app));

describe('the declarations at rest and in getDetails', () => {
  it("encrypts a nominee's identity number, returns it masked, and keeps it when the masked value comes back", async () => {
    const user = await customer(ctx.app);
    const pan = 'QZXPW7391K';
    const saved = await user.update(nominees(adult({ idType: 'pan', idNumber: pan.toLowerCase() })));
    expect(saved.statusCode, saved.body).toBe(200);
    const view = saved.json().data;
    expect(view.nominationDetails.nominees[0].idNumber).toBe('******391K');

    const { rows } = (await ctx.database.handle.sql.executeSql(
      `select row_to_json(t)::text as row from nomination_details t where user_id = '${user.id}'`,
    )) as { rows: Array<{ row: string }> };
    const stored = rows.map((each) => each.row).join();
    expect(stored).toContain('"opt_out":false');
    expect(stored).not.toMatch(/QZXPW7391K|Meera/i);

    // The whole getDetails answer sent back changes nothing; a masked value that is not the stored one is refused.
    const echoed = await user.update({ nominationDetails: view.nominationDetails, __v: view.__v });
    expect(echoed.statusCode, echoed.body).toBe(200);
    expect(echoed.json().data.__v).toBe(view.__v);
    const wrong = await user.update(nominees(adult({ idType: 'pan', idNumber: '******999K' })));
    expect(problems(wrong)).toEqual([['/nominationDetails/nominees/0/idNumber', 'invalid_id_number']]);

    const optOut = await user.update({ nominationDetails: { optOut: true } });
    expect(optOut.json().data.nominationDetails).toEqual({
      optOut: true,
      optOutDeclaredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});

describe('submitting with the declarations', () => {
  it('refuses a profile without them, naming each missing section', async () => {
    const applicant = await readyApplicant(ctx.app, {
      nominationDetails: undefined,
      fatcaDetails: undefined,
      pepDetails: undefined,
      tradingPreferences: undefined,
    });
    const refused = await applicant.call('POST', '/v1/kyc/submit');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('kyc_incomplete');
    expect(problems(refused)).toEqual([
      ['/nominationDetails', 'missing'],
      ['/fatcaDetails', 'missing'],
      ['/pepDetails', 'missing'],
      ['/tradingPreferences', 'missing'],
    ]);
  });

  it('sends a declared PEP to review (pep_declared) even when every check passes, and locks the declarations', async () => {
    const applicant = await readyApplicant(ctx.app, {
      pepDetails: { politicallyExposed: false, relatedToPoliticallyExposed: true },
    });
    await fetchAadhaarFromDigilocker(ctx.app, applicant);
    expect((await applicant.call('POST', '/v1/kyc/submit')).statusCode).toBe(200);
    const status = await waitForDecision(ctx.app, applicant.token);
    expect(status).toMatchObject({ status: 'needs_review', reasons: ['pep_declared'] });

    const edit = await applicant.call('PUT', '/v1/data/update_data', {
      pepDetails: { politicallyExposed: false, relatedToPoliticallyExposed: false },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('kyc_locked');
  });
});
