import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.js';
import { customer, problems, randomPan, contractExampleRequest } from './fixtures.js';
import type { Customer, Profile } from './fixtures.js';

// One rule per row, through the real endpoint: a bad value is a 400 validation_failed naming the exact
// path and code; a good one is stored in its normalised form.

const ctx = useTestApp();

type Request = Awaited<ReturnType<typeof contractExampleRequest>>;
const PAN = randomPan();
let base: Request;
let user: Customer;
let savedVersion: number;

beforeAll(async () => {
  base = await contractExampleRequest({ pan: PAN });
  user = await customer(ctx.app);
  const saved = await user.update(base);
  if (saved.statusCode !== 200) throw new Error(saved.body);
  savedVersion = (saved.json() as { data: Profile }).data.__v;
});

// Dates as the service sees them: ages count by the calendar in India (UTC+05:30).
const nowInIndia = new Date(Date.now() + 5.5 * 3600 * 1000);
const [year, month, day] = [
  nowInIndia.getUTCFullYear(),
  nowInIndia.getUTCMonth() + 1,
  nowInIndia.getUTCDate(),
];
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const yearsAgo = (years: number, extraDays = 0) =>
  // 29 February becomes 28 February in common years, which keeps "exactly N years" true.
  isoDate(new Date(Date.UTC(year - years, month - 1, (month === 2 && day === 29 ? 28 : day) + extraDays)));

const pan = (patch: Record<string, unknown>) => ({ panDetails: { ...base.panDetails, ...patch } });
const profile = (patch: Record<string, unknown>) => ({
  profileDetails: { ...base.profileDetails, ...patch },
});
const address = (patch: Record<string, unknown>) => ({
  addressDetails: { ...base.addressDetails, ...patch },
});
const bank = (patch: Record<string, unknown>) => ({ bankDetails: [{ ...base.bankDetails[0], ...patch }] });
const demat = (patch: Record<string, unknown>) => ({ dematDetails: [{ ...base.dematDetails[0], ...patch }] });
const banks = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    ...base.bankDetails[0],
    bankAccountNumber: `50100${String(index).padStart(7, '0')}`,
    primary: index === 0,
  }));

const refused: Array<[string, () => Record<string, unknown>, string, string]> = [
  // PAN
  ['a PAN of the wrong shape', () => pan({ panNumber: 'ABCPE1234' }), '/panDetails/panNumber', 'invalid_pan'],
  [
    'a PAN with digits for letters',
    () => pan({ panNumber: '1BCPE1234F' }),
    '/panDetails/panNumber',
    'invalid_pan',
  ],
  ['an unknown holder type', () => pan({ panNumber: 'ABCXE1234F' }), '/panDetails/panNumber', 'invalid_pan'],
  [
    "a company's PAN for an individual",
    () => pan({ panNumber: 'ABCCE1234F' }),
    '/panDetails/panNumber',
    'pan_holder_type_mismatch',
  ],
  [
    "an individual's PAN for a mutual fund",
    () => pan({ iAm: 'Mutual' }),
    '/panDetails/panNumber',
    'pan_holder_type_mismatch',
  ],
  ['an unknown iAm', () => pan({ iAm: 'Company' }), '/panDetails/iAm', 'invalid_value'],
  ['a one-letter name', () => pan({ name: 'J' }), '/panDetails/name', 'too_short'],
  ['digits in the name', () => pan({ name: 'John 5now' }), '/panDetails/name', 'invalid_name'],
  ['a NUL in the name', () => pan({ name: 'John\u0000Snow' }), '/panDetails/name', 'invalid_characters'],
  // Date of birth
  ['30 February', () => pan({ dateOfBirth: '1995-02-30' }), '/panDetails/dateOfBirth', 'invalid_date'],
  [
    '29 February of a common year',
    () => pan({ dateOfBirth: '1995-02-29' }),
    '/panDetails/dateOfBirth',
    'invalid_date',
  ],
  ['DD-MM-YYYY', () => pan({ dateOfBirth: '15-08-1995' }), '/panDetails/dateOfBirth', 'invalid_date'],
  [
    'an ISO timestamp',
    () => pan({ dateOfBirth: '1995-08-15T00:00:00.000Z' }),
    '/panDetails/dateOfBirth',
    'invalid_date',
  ],
  [
    'a date in the future',
    () => pan({ dateOfBirth: `${year + 1}-01-01` }),
    '/panDetails/dateOfBirth',
    'date_in_future',
  ],
  ['18 tomorrow', () => pan({ dateOfBirth: yearsAgo(18, 1) }), '/panDetails/dateOfBirth', 'too_young'],
  ['121 years old', () => pan({ dateOfBirth: yearsAgo(121) }), '/panDetails/dateOfBirth', 'too_old'],
  ['a number for a date', () => pan({ dateOfBirth: 19950815 }), '/panDetails/dateOfBirth', 'type'],
  // Contact
  ['a landline', () => pan({ mobileNo: '0201234567' }), '/panDetails/mobileNo', 'invalid_mobile'],
  ['a short mobile', () => pan({ mobileNo: '98765' }), '/panDetails/mobileNo', 'invalid_mobile'],
  ['a bad email', () => pan({ email: 'abi@' }), '/panDetails/email', 'invalid_email'],
  // Profile
  ['an unknown gender', () => profile({ gender: 'Other' }), '/profileDetails/gender', 'invalid_value'],
  ['a negative income', () => profile({ annualIncome: -1 }), '/profileDetails/annualIncome', 'minimum'],
  [
    'an income as a string',
    () => profile({ annualIncome: '500000' }),
    '/profileDetails/annualIncome',
    'type',
  ],
  ['citizenship as a string', () => profile({ citizenship: 'true' }), '/profileDetails/citizenship', 'type'],
  [
    'a missing field',
    () => ({ profileDetails: { ...base.profileDetails, occupation: undefined } }),
    '/profileDetails/occupation',
    'required',
  ],
  [
    'a bell in placeOfBirth',
    () => profile({ placeOfBirth: 'Pu\u0007ne' }),
    '/profileDetails/placeOfBirth',
    'invalid_characters',
  ],
  ['a two-letter occupation', () => profile({ occupation: 'IT' }), '/profileDetails/occupation', 'too_short'],
  // Address
  [
    'a PIN code starting with 0',
    () => address({ permanentPincode: '011001' }),
    '/addressDetails/permanentPincode',
    'invalid_pincode',
  ],
  [
    'a five-digit PIN code',
    () => address({ permanentPincode: '41100' }),
    '/addressDetails/permanentPincode',
    'invalid_pincode',
  ],
  [
    'an unknown state',
    () => address({ permanentState: 'Atlantis' }),
    '/addressDetails/permanentState',
    'invalid_state',
  ],
  [
    'another country',
    () => address({ permanentCountry: 'Nepal' }),
    '/addressDetails/permanentCountry',
    'invalid_value',
  ],
  [
    'a too short address',
    () => address({ permanentAddress: 'Pune' }),
    '/addressDetails/permanentAddress',
    'too_short',
  ],
  [
    'a newline in the landmark',
    () => address({ landmark: 'Near\nMall' }),
    '/addressDetails/landmark',
    'invalid_characters',
  ],
  [
    'a bidi override in the city',
    () => address({ permanentCity: 'Pu\u202Ene' }),
    '/addressDetails/permanentCity',
    'invalid_characters',
  ],
  [
    'an overlong city',
    () => address({ permanentCity: 'P'.repeat(51) }),
    '/addressDetails/permanentCity',
    'too_long',
  ],
  // Bank
  ['no bank account once one is saved', () => ({ bankDetails: [] }), '/bankDetails', 'section_required'],
  ['six bank accounts', () => ({ bankDetails: banks(6) }), '/bankDetails', 'maxItems'],
  ['no primary bank account', () => bank({ primary: false }), '/bankDetails', 'one_primary_required'],
  [
    'two primary bank accounts',
    () => ({ bankDetails: banks(2).map((entry) => ({ ...entry, primary: true })) }),
    '/bankDetails',
    'one_primary_required',
  ],
  [
    'the same account twice',
    () => ({ bankDetails: [base.bankDetails[0], { ...base.bankDetails[0], primary: false }] }),
    '/bankDetails/1',
    'duplicate_account',
  ],
  [
    'account type Savings',
    () => bank({ accountType: 'Savings' }),
    '/bankDetails/0/accountType',
    'invalid_value',
  ],
  [
    'an 8-digit account number',
    () => bank({ bankAccountNumber: '12345678' }),
    '/bankDetails/0/bankAccountNumber',
    'invalid_account_number',
  ],
  [
    'a 19-digit account number',
    () => bank({ bankAccountNumber: '1234567890123456789' }),
    '/bankDetails/0/bankAccountNumber',
    'invalid_account_number',
  ],
  [
    'letters in the account number',
    () => bank({ bankAccountNumber: 'AB1234567890' }),
    '/bankDetails/0/bankAccountNumber',
    'invalid_account_number',
  ],
  [
    'a negative account number',
    () => bank({ bankAccountNumber: -123456789 }),
    '/bankDetails/0/bankAccountNumber',
    'invalid_account_number',
  ],
  [
    'a fractional account number',
    () => bank({ bankAccountNumber: 1234567890.5 }),
    '/bankDetails/0/bankAccountNumber',
    'invalid_account_number',
  ],
  [
    'an account number past 2^53 as a number',
    () => bank({ bankAccountNumber: 2 ** 64 }),
    '/bankDetails/0/bankAccountNumber',
    'unsafe_integer',
  ],
  [
    'an IFSC without the reserved 0',
    () => ({ bankDetails: [base.bankDetails[0], { ...base.bankDetails[1], ifscCode: 'SBIN1005678' }] }),
    '/bankDetails/1/ifscCode',
    'invalid_ifsc',
  ],
  ['a short IFSC', () => bank({ ifscCode: 'HDFC000123' }), '/bankDetails/0/ifscCode', 'invalid_ifsc'],
  // Demat
  ['an NSDL DP ID of 8 digits', () => demat({ dpID: '12345678' }), '/dematDetails/0/dpID', 'invalid_dp_id'],
  [
    'an NSDL client ID of 7 digits',
    () => demat({ clientID: '1234567' }),
    '/dematDetails/0/clientID',
    'invalid_client_id',
  ],
  [
    'the contract example’s 16-digit NSDL ids',
    () => demat({ dpID: '1234567890123456', clientID: '6543210987654321' }),
    '/dematDetails/0/dpID',
    'invalid_dp_id',
  ],
  [
    'a CDSL DP ID with IN',
    () => demat({ depository: 'CDSL', dpID: 'IN301234' }),
    '/dematDetails/0/dpID',
    'invalid_dp_id',
  ],
  [
    'a BO ID whose DP ID disagrees',
    () => demat({ depository: 'CDSL', dpID: '12081699', clientID: '1208160000012345' }),
    '/dematDetails/0/dpID',
    'dp_id_mismatch',
  ],
  [
    'an unknown depository',
    () => demat({ depository: 'BSE' }),
    '/dematDetails/0/depository',
    'invalid_value',
  ],
  ['no primary demat account', () => demat({ primary: false }), '/dematDetails', 'one_primary_required'],
  [
    'two primary demat accounts',
    () => ({
      dematDetails: [base.dematDetails[0], { ...base.dematDetails[0], clientID: '11111111' }],
    }),
    '/dematDetails',
    'one_primary_required',
  ],
  [
    'four demat accounts',
    () => ({ dematDetails: Array(4).fill(base.dematDetails[0]) }),
    '/dematDetails',
    'maxItems',
  ],
  [
    'a primary demat account without its master copy',
    () => demat({ clientMasterCopy: undefined }),
    '/dematDetails/0/clientMasterCopy',
    'required',
  ],
  [
    'a primary demat account with a null master copy',
    () => demat({ clientMasterCopy: null }),
    '/dematDetails/0/clientMasterCopy',
    'required',
  ],
  // Unknown fields, anywhere
  ['a top-level role', () => ({ role: 'admin' }), '/role', 'unknown_field'],
  ['panDetails.status', () => pan({ status: 'VALID' }), '/panDetails/status', 'unknown_field'],
  [
    'profileDetails.kycStatus',
    () => profile({ kycStatus: 'approved' }),
    '/profileDetails/kycStatus',
    'unknown_field',
  ],
  ['addressDetails.verified', () => address({ verified: true }), '/addressDetails/verified', 'unknown_field'],
  [
    'bankDetails[0].isVerified',
    () => bank({ isVerified: true }),
    '/bankDetails/0/isVerified',
    'unknown_field',
  ],
  [
    'dematDetails[0].verificationStatus',
    () => demat({ verificationStatus: 'ok' }),
    '/dematDetails/0/verificationStatus',
    'unknown_field',
  ],
  ['a section as a string', () => ({ panDetails: 'ABCPE1234F' }), '/panDetails', 'type'],
];

describe('refused with 400 validation_failed naming the exact path', () => {
  it.each(refused)('%s', async (_label, body, field, code) => {
    const response = await user.update(body());
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', success: false });
    expect(problems(response)).toEqual([[field, code]]);
  });

  it('names every problem of a request at once, across sections', async () => {
    const response = await user.update({
      ...pan({ panNumber: 'nope' }),
      ...address({ permanentPincode: '1' }),
      bankDetails: [base.bankDetails[0], { ...base.bankDetails[1], ifscCode: 'x' }],
    });
    expect(problems(response)).toEqual([
      ['/panDetails/panNumber', 'invalid_pan'],
      ['/addressDetails/permanentPincode', 'invalid_pincode'],
      ['/bankDetails/1/ifscCode', 'invalid_ifsc'],
    ]);
  });

  it('tells the client to send a string for a 20-digit number in the raw JSON', async () => {
    const body = JSON.stringify(bank({})).replace(
      /"bankAccountNumber":\d+/,
      '"bankAccountNumber":12345678901234567890',
    );
    expect(body).toContain('12345678901234567890');
    const response = await ctx.app.inject({
      method: 'PUT',
      url: '/v1/data/update_data',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      payload: body,
    });
    expect(problems(response)).toEqual([['/bankDetails/0/bankAccountNumber', 'unsafe_integer']]);
    expect((response.json() as { errors: Array<{ message: string }> }).errors[0]!.message).toMatch(
      /as a string/,
    );
  });

  it('changed nothing while refusing', async () => {
    const current = await user.profile();
    expect(current.__v).toBe(savedVersion);
    expect(current.panDetails).toEqual({ ...base.panDetails, dateOfBirth: '1995-08-15' });
  });
});

/** [label, request, what getDetails then shows (a subset)] */
const accepted: Array<[string, () => Record<string, unknown>, (profile: Profile) => unknown, unknown]> = [
  [
    'a lower-case PAN, stored upper-case',
    () => pan({ panNumber: PAN.toLowerCase() }),
    (p) => p.panDetails?.panNumber,
    PAN,
  ],
  [
    'a mutual fund’s trust PAN',
    () => pan({ iAm: 'mutual', panNumber: randomPan().replace(/^(...)P/, '$1T') }),
    (p) => p.panDetails?.iAm,
    'Mutual',
  ],
  [
    'a name with an apostrophe and extra spaces',
    () => pan({ name: '  D’Souza   Anil ' }),
    (p) => p.panDetails?.name,
    "D'Souza Anil",
  ],
  [
    'exactly 18 today',
    () => pan({ dateOfBirth: yearsAgo(18) }),
    (p) => p.panDetails?.dateOfBirth,
    yearsAgo(18),
  ],
  [
    'exactly 120 today',
    () => pan({ dateOfBirth: yearsAgo(120) }),
    (p) => p.panDetails?.dateOfBirth,
    yearsAgo(120),
  ],
  [
    '29 February of a leap year',
    () => pan({ dateOfBirth: '1996-02-29' }),
    (p) => p.panDetails?.dateOfBirth,
    '1996-02-29',
  ],
  [
    'a mobile with +91 and spaces',
    () => pan({ mobileNo: '+91 98765 43210' }),
    (p) => p.panDetails?.mobileNo,
    '9876543210',
  ],
  [
    'an email with capitals and spaces',
    () => pan({ email: ' Abi@Example.COM ' }),
    (p) => p.panDetails?.email,
    'abi@example.com',
  ],
  ['a lower-case gender', () => profile({ gender: 'female' }), (p) => p.profileDetails?.gender, 'Female'],
  ['gender Others', () => profile({ gender: 'Others' }), (p) => p.profileDetails?.gender, 'Others'],
  ['zero income', () => profile({ annualIncome: 0 }), (p) => p.profileDetails?.annualIncome, 0],
  [
    'text in Devanagari with a zero-width joiner',
    () => profile({ placeOfBirth: 'पुणे\u200D' }),
    (p) => p.profileDetails?.placeOfBirth,
    'पुणे\u200D',
  ],
  [
    'a state in lower case',
    () => address({ permanentState: 'tamil nadu' }),
    (p) => p.addressDetails?.permanentState,
    'Tamil Nadu',
  ],
  [
    'a former state name',
    () => address({ permanentState: 'ORISSA' }),
    (p) => p.addressDetails?.permanentState,
    'Odisha',
  ],
  [
    'a state with &',
    () => address({ permanentState: 'Jammu & Kashmir' }),
    (p) => p.addressDetails?.permanentState,
    'Jammu and Kashmir',
  ],
  [
    'country in lower case',
    () => address({ permanentCountry: 'india' }),
    (p) => p.addressDetails?.permanentCountry,
    'India',
  ],
  [
    'padded text, trimmed',
    () => address({ permanentCity: '  Pune  ' }),
    (p) => p.addressDetails?.permanentCity,
    'Pune',
  ],
  ['no landmark', () => address({ landmark: undefined }), (p) => p.addressDetails?.landmark, null],
  ['five bank accounts', () => ({ bankDetails: banks(5) }), (p) => p.bankDetails.length, 5],
  [
    'a lower-case IFSC',
    () => bank({ ifscCode: 'hdfc0001234' }),
    (p) => p.bankDetails[0]?.ifscCode,
    'HDFC0001234',
  ],
  [
    'account type in lower case',
    () => bank({ accountType: 'current' }),
    (p) => p.bankDetails[0]?.accountType,
    'Current',
  ],
  [
    'an account number with leading zeros',
    () => bank({ bankAccountNumber: '000012345678' }),
    (p) => p.bankDetails[0]?.bankAccountNumber,
    '000012345678',
  ],
  [
    'an 18-digit account number',
    () => bank({ bankAccountNumber: '123456789012345678' }),
    (p) => p.bankDetails[0]?.bankAccountNumber,
    '123456789012345678',
  ],
  [
    'a 9-digit account number as a number',
    () => bank({ bankAccountNumber: 123456789 }),
    (p) => p.bankDetails[0]?.bankAccountNumber,
    '123456789',
  ],
  [
    'the largest safe integer',
    () => bank({ bankAccountNumber: Number.MAX_SAFE_INTEGER }),
    (p) => p.bankDetails[0]?.bankAccountNumber,
    String(Number.MAX_SAFE_INTEGER),
  ],
  [
    'the same account number at two banks',
    () => ({
      bankDetails: [
        base.bankDetails[0],
        { ...base.bankDetails[1], bankAccountNumber: base.bankDetails[0]!.bankAccountNumber },
      ],
    }),
    (p) => p.bankDetails.length,
    2,
  ],
  ['a lower-case NSDL DP ID', () => demat({ dpID: 'in301234' }), (p) => p.dematDetails[0]?.dpID, 'IN301234'],
  [
    'a depository in lower case',
    () => demat({ depository: 'nsdl' }),
    (p) => p.dematDetails[0]?.depository,
    'NSDL',
  ],
  [
    'a 16-digit CDSL BO ID, split',
    () => demat({ depository: 'CDSL', dpID: undefined, clientID: '1208160000012345' }),
    (p) => [p.dematDetails[0]?.dpID, p.dematDetails[0]?.clientID],
    ['12081600', '00012345'],
  ],
  [
    'a 16-character NSDL BO ID with its DP ID, split',
    () => demat({ dpID: 'IN301234', clientID: 'IN30123465432109' }),
    (p) => [p.dematDetails[0]?.dpID, p.dematDetails[0]?.clientID],
    ['IN301234', '65432109'],
  ],
  [
    'three demat accounts, only the primary with a master copy',
    () => ({
      dematDetails: [
        base.dematDetails[0],
        { depository: 'CDSL', dpID: '12081600', clientID: '00000001', primary: false },
        {
          depository: 'CDSL',
          dpID: '12081600',
          clientID: '00000002',
          primary: false,
          clientMasterCopy: null,
        },
      ],
    }),
    (p) => p.dematDetails.map((entry) => entry.clientMasterCopy === null),
    [false, true, true],
  ],
];

describe('accepted and stored normalised', () => {
  it.each(accepted)('%s', async (_label, body, pick, expected) => {
    const response = await user.update(body());
    expect(response.statusCode, response.body).toBe(200);
    expect(pick((response.json() as { data: Profile }).data)).toEqual(expected);
    expect(pick(await user.profile())).toEqual(expected);
  });
});
