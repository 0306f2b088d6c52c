import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SecureShareUserDetailsResponse } from '../../../src/providers/cashfree/index.js';
import {
  aadhaarIdentityFrom,
  maskedField,
  proposalFrom,
} from '../../../src/modules/secure-share/proposal.js';

/** The original Secure-Share example's user-details payload, exactly as given. */
const CONTRACT_PAYLOAD: SecureShareUserDetailsResponse = JSON.parse(
  readFileSync(new URL('./contract-user-details.json', import.meta.url), 'utf8'),
);

describe('the original Secure-Share example payload', () => {
  it('maps every scope onto the profile fields, each with its scope and confidence', () => {
    const proposal = proposalFrom(CONTRACT_PAYLOAD);
    expect(proposal.verificationId).toBe('test_verification_id');
    expect(proposal.fields).toEqual([
      { field: '/panDetails/panNumber', value: 'ABCDE1234F', scope: 'PAN', confidence: 0.85 },
      {
        field: '/panDetails/name',
        value: 'John Doe',
        scope: 'NAME',
        confidence: 0.85,
        conflict: true,
        candidates: [
          { value: 'John Doe', scope: 'NAME', confidence: 0.85 },
          { value: 'Mallesh Fakkirappa Dollin', scope: 'AADHAAR', confidence: 0.85 },
        ],
      },
      {
        field: '/panDetails/dateOfBirth',
        value: '1990-01-01',
        scope: 'DOB',
        confidence: null,
        conflict: true,
        candidates: [
          { value: '1990-01-01', scope: 'DOB', confidence: null },
          { value: '1995-02-02', scope: 'AADHAAR', confidence: 0.85 },
        ],
      },
      { field: '/panDetails/mobileNo', value: '9988123456', scope: 'MOBILE', confidence: null },
      { field: '/panDetails/email', value: 'example@example.com', scope: 'EMAIL', confidence: null },
      { field: '/panDetails/iAm', value: 'Individual', scope: 'PAN', confidence: 0.85 },
      { field: '/profileDetails/gender', value: 'Male', scope: 'GENDER', confidence: null },
      { field: '/profileDetails/occupation', value: 'Salaried', scope: 'OCCUPATION', confidence: null },
      { field: '/profileDetails/annualIncome', value: 0, scope: 'INCOME', confidence: null },
      {
        field: '/addressDetails/permanentAddress',
        value: '123 Main St, Bangalore',
        scope: 'ADDRESS',
        confidence: null,
      },
      { field: '/addressDetails/permanentState', value: 'Karnataka', scope: 'ADDRESS', confidence: null },
      { field: '/addressDetails/permanentPincode', value: '123456', scope: 'ADDRESS', confidence: null },
      { field: '/addressDetails/permanentCountry', value: 'India', scope: 'ADDRESS', confidence: null },
      {
        field: '/bankDetails/-/bankAccountNumber',
        value: '1234567890',
        scope: 'BANK_ACCOUNT',
        confidence: 0.85,
      },
      { field: '/bankDetails/-/bankName', value: 'YES BANK', scope: 'BANK_ACCOUNT', confidence: 0.85 },
      { field: '/bankDetails/-/nameAtBank', value: 'John Doe', scope: 'BANK_ACCOUNT', confidence: 0.85 },
      { field: '/aadhaar', value: '9012', scope: 'AADHAAR', confidence: 0.85 },
    ]);
  });

  it('takes the Aadhaar identity from the AADHAAR scope, with the number cut to its last 4 digits', async () => {
    const identity = await aadhaarIdentityFrom(CONTRACT_PAYLOAD);
    expect(identity).toEqual({
      name: 'Mallesh Fakkirappa Dollin',
      dateOfBirth: '1995-02-02',
      gender: 'Male',
      address: {
        house: 'Shri Kanaka Nilaya',
        street: 'Umashankar Nagar 1st Main 5th Cross',
        landmark: 'Shell petrol pump',
        city: 'Ranibennur',
        postOffice: 'Ranebennur',
        subDistrict: 'Ranibennur',
        district: 'Haveri',
        state: 'Karnataka',
        pincode: '123456',
        country: 'India',
      },
      aadhaarLast4: '9012',
      // "<base64 encoded image>" is no image.
      photo: undefined,
    });
  });

  it('masks PAN, account and Aadhaar for display', () => {
    const shown = proposalFrom(CONTRACT_PAYLOAD).fields.map(maskedField);
    const byField = Object.fromEntries(shown.map((entry) => [entry.field, entry]));
    expect(byField['/panDetails/panNumber']).toMatchObject({ value: 'XXXXXX234F', masked: true });
    expect(byField['/bankDetails/-/bankAccountNumber']).toMatchObject({ value: 'XXXXXX7890', masked: true });
    expect(byField['/aadhaar']).toMatchObject({ value: 'XXXX XXXX 9012', masked: true });
    expect(byField['/panDetails/name']).toMatchObject({ value: 'John Doe', masked: false });
  });

  it('falls back to the Aadhaar address, whole, when there is no ADDRESS scope', () => {
    const withoutAddress = {
      ...CONTRACT_PAYLOAD,
      scopes: CONTRACT_PAYLOAD.scopes.filter((scope) => scope.scope !== 'ADDRESS'),
    };
    const address = proposalFrom(withoutAddress).fields.filter((entry) =>
      entry.field.startsWith('/addressDetails/'),
    );
    expect(address).toEqual([
      {
        field: '/addressDetails/permanentAddress',
        value: 'Shri Kanaka Nilaya, Umashankar Nagar 1st Main 5th Cross',
        scope: 'AADHAAR',
        confidence: 0.85,
      },
      { field: '/addressDetails/landmark', value: 'Shell petrol pump', scope: 'AADHAAR', confidence: 0.85 },
      { field: '/addressDetails/permanentCity', value: 'Ranibennur', scope: 'AADHAAR', confidence: 0.85 },
      { field: '/addressDetails/permanentState', value: 'Karnataka', scope: 'AADHAAR', confidence: 0.85 },
      { field: '/addressDetails/permanentPincode', value: '123456', scope: 'AADHAAR', confidence: 0.85 },
      { field: '/addressDetails/permanentCountry', value: 'India', scope: 'AADHAAR', confidence: 0.85 },
    ]);
  });
});

/** The example payload with `scope`'s records replaced. */
const withScope = (
  scope: string,
  records: { confidence_score: number | null; metadata: Record<string, unknown> }[],
) => ({
  ...CONTRACT_PAYLOAD,
  scopes: [...CONTRACT_PAYLOAD.scopes.filter((entry) => entry.scope !== scope), { scope, records }],
});
const fieldOf = (details: SecureShareUserDetailsResponse, field: string) =>
  proposalFrom(details).fields.find((entry) => entry.field === field);

describe('prefill from every record', () => {
  it('reads every record of a scope: two emails that differ are a conflict with both candidates', () => {
    const details = withScope('EMAIL', [
      { confidence_score: null, metadata: { email: 'example@example.com' } },
      { confidence_score: 0.6, metadata: { email: 'work@example.com' } },
    ]);
    expect(fieldOf(details, '/panDetails/email')).toMatchObject({
      conflict: true,
      candidates: [
        { value: 'example@example.com', scope: 'EMAIL', confidence: null },
        { value: 'work@example.com', scope: 'EMAIL', confidence: 0.6 },
      ],
    });
  });

  it('chooses the permanent address by its type, and falls back to the Aadhaar address when only a current one is given', () => {
    const current = {
      complete_address: '4 Hill Road, Bandra',
      state: 'MAHARASHTRA',
      pincode: '400050',
      type: 'Current',
    };
    const permanent = {
      complete_address: '7 Lake View, Pune',
      state: 'MAHARASHTRA',
      pincode: '411001',
      type: 'Permanent',
    };
    const both = withScope('ADDRESS', [
      { confidence_score: null, metadata: current },
      { confidence_score: null, metadata: permanent },
    ]);
    expect(fieldOf(both, '/addressDetails/permanentAddress')).toMatchObject({
      value: '7 Lake View, Pune',
      scope: 'ADDRESS',
    });
    expect(fieldOf(both, '/addressDetails/permanentPincode')?.value).toBe('411001');

    const currentOnly = withScope('ADDRESS', [{ confidence_score: null, metadata: current }]);
    expect(fieldOf(currentOnly, '/addressDetails/permanentAddress')).toMatchObject({
      value: 'Shri Kanaka Nilaya, Umashankar Nagar 1st Main 5th Cross',
      scope: 'AADHAAR',
    });
  });

  it('maps PAN 360\'s "Individual or Person" type to Individual', () => {
    const pan = CONTRACT_PAYLOAD.scopes.find((entry) => entry.scope === 'PAN')!.records[0]!;
    const details = withScope('PAN', [
      {
        confidence_score: pan.confidence_score ?? null,
        metadata: { ...pan.metadata, type: 'Individual or Person' },
      },
    ]);
    expect(fieldOf(details, '/panDetails/iAm')?.value).toBe('Individual');
  });

  it('masks every candidate of a masked field', () => {
    const details = withScope('BANK_ACCOUNT', [
      { confidence_score: 0.9, metadata: { bank_account: '1234567890', name_at_bank: 'John Doe' } },
      { confidence_score: 0.8, metadata: { bank_account: '9876543210', name_at_bank: 'John Doe' } },
    ]);
    const shown = maskedField(fieldOf(details, '/bankDetails/-/bankAccountNumber')!);
    expect(shown.candidates?.map((candidate) => candidate.value)).toEqual(['XXXXXX7890', 'XXXXXX3210']);
  });
});
