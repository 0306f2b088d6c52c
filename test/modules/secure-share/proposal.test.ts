import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SecureShareUserDetailsResponse } from '../../../src/providers/cashfree/index.js';
import {
  aadhaarIdentityFrom,
  maskedField,
  proposalFrom,
} from '../../../src/modules/secure-share/proposal.js';

/** Seed 002_b2c26712e6147482.txt's user-details payload, exactly as in the seed. */
const SEED: SecureShareUserDetailsResponse = JSON.parse(
  readFileSync(new URL('./seed-002-user-details.json', import.meta.url), 'utf8'),
);

describe("the seed's Secure-Share payload", () => {
  it('maps every scope onto the profile fields, each with its scope and confidence', () => {
    const proposal = proposalFrom(SEED);
    expect(proposal.verificationId).toBe('test_verification_id');
    expect(proposal.fields).toEqual([
      { field: '/panDetails/panNumber', value: 'ABCDE1234F', scope: 'PAN', confidence: 0.85 },
      { field: '/panDetails/name', value: 'John Doe', scope: 'NAME', confidence: 0.85 },
      { field: '/panDetails/dateOfBirth', value: '1990-01-01', scope: 'DOB', confidence: null },
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
      { field: '/aadhaar', value: '9012', scope: 'AADHAAR', confidence: 0.85 },
    ]);
  });

  it('takes the Aadhaar identity from the AADHAAR scope, with the number cut to its last 4 digits', async () => {
    const identity = await aadhaarIdentityFrom(SEED);
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
    const shown = proposalFrom(SEED).fields.map(maskedField);
    const byField = Object.fromEntries(shown.map((entry) => [entry.field, entry]));
    expect(byField['/panDetails/panNumber']).toMatchObject({ value: 'XXXXXX234F', masked: true });
    expect(byField['/bankDetails/-/bankAccountNumber']).toMatchObject({ value: 'XXXXXX7890', masked: true });
    expect(byField['/aadhaar']).toMatchObject({ value: 'XXXX XXXX 9012', masked: true });
    expect(byField['/panDetails/name']).toMatchObject({ value: 'John Doe', masked: false });
  });

  it('falls back to the Aadhaar address, whole, when there is no ADDRESS scope', () => {
    const withoutAddress = { ...SEED, scopes: SEED.scopes.filter((scope) => scope.scope !== 'ADDRESS') };
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
