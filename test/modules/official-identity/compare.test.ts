import { describe, expect, it } from 'vitest';
import {
  ADDRESS_SIMILARITY_MIN,
  compareAddress,
  compareDateOfBirth,
  compareGender,
  nameMatchClass,
} from '../../../src/modules/official-identity/compare.js';
import { addressDetailsOf, officialDateOfBirth } from '../../../src/modules/official-identity/parse.js';

const AADHAAR_ADDRESS = {
  house: '12',
  street: 'Linking Road, Santacruz West',
  landmark: 'Near Santacruz Station',
  city: 'Mumbai',
  postOffice: 'Santacruz West',
  subDistrict: 'Andheri',
  district: 'Mumbai Suburban',
  state: 'Maharashtra',
  pincode: '400054',
  country: 'India',
};
const submitted = (permanentAddress: string, permanentPincode = '400054') => ({
  permanentAddress,
  permanentCity: 'Mumbai',
  permanentPincode,
  permanentState: 'Maharashtra',
});

describe('comparing with the official identity', () => {
  it('puts name-match scores in the classes the bank answer uses', () => {
    expect([1, 0.85, 0.65, 0.4, 0.1].map(nameMatchClass)).toEqual([
      'DIRECT_MATCH',
      'GOOD_PARTIAL_MATCH',
      'MODERATE_PARTIAL_MATCH',
      'POOR_PARTIAL_MATCH',
      'NO_MATCH',
    ]);
  });

  it('reads a year of birth alone as a year, and compares it as such', () => {
    expect(officialDateOfBirth('1993')).toBe('1993');
    expect(officialDateOfBirth(null, '1993')).toBe('1993');
    expect(officialDateOfBirth('30-06-1993')).toBe('1993-06-30');
    expect(officialDateOfBirth('June 1993')).toBeUndefined();
    expect(compareDateOfBirth('1993-06-30', '1993')).toBe('year_only');
    expect(compareDateOfBirth('1993-06-30', '1994')).toBe('year_differs');
    expect(compareDateOfBirth('1993-06-30', '1993-06-30')).toBe('equal');
    expect(compareDateOfBirth('1993-06-30', '1993-07-30')).toBe('differs');
    expect(compareDateOfBirth('1993-06-30', undefined)).toBe('unknown');
  });

  it('compares genders only where both are known', () => {
    expect(compareGender('Male', 'Male')).toBe('equal');
    expect(compareGender('Male', 'Female')).toBe('differs');
    expect(compareGender('Male', undefined)).toBe('unknown');
  });

  it('accepts the same address written differently, with the same pincode', () => {
    const result = compareAddress(submitted('12 Linking Rd, Santacruz (W)'), AADHAAR_ADDRESS);
    expect(result).toMatchObject({ pincode: 'equal', agrees: true });
    expect(result.similarity).toBeGreaterThanOrEqual(ADDRESS_SIMILARITY_MIN);
  });

  it('refuses another street in the same pincode, and the same street under another pincode', () => {
    const elsewhere = compareAddress(
      { ...submitted('Flat 9, Juhu Tara Road, Juhu'), permanentCity: 'Pune', permanentState: 'Goa' },
      AADHAAR_ADDRESS,
    );
    expect(elsewhere).toMatchObject({ pincode: 'equal', agrees: false });
    expect(elsewhere.similarity).toBeLessThan(ADDRESS_SIMILARITY_MIN);
    expect(
      compareAddress(submitted('12, Linking Road, Santacruz West', '400049'), AADHAAR_ADDRESS),
    ).toMatchObject({ pincode: 'differs', agrees: false });
  });

  it("gives the official address in the profile's addressDetails shape", () => {
    expect(addressDetailsOf({ ...AADHAAR_ADDRESS, state: 'MAHARASHTRA' })).toEqual({
      permanentAddress: '12, Linking Road, Santacruz West',
      landmark: 'Near Santacruz Station',
      permanentCity: 'Mumbai',
      permanentPincode: '400054',
      permanentState: 'Maharashtra',
      permanentCountry: 'India',
    });
  });
});
