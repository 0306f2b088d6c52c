import { describe, expect, it } from 'vitest';
import { profileValueText } from '../../web/console/src/case/profile-labels';

describe('the reviewer console’s words for the submitted profile’s values', () => {
  it('reads closed lists, yes and no, rupees, shares and countries as words, in English and Hindi', () => {
    expect(profileValueText('en', 'gender', 'Others')).toBe('Other');
    expect(profileValueText('hi', 'gender', 'Male')).toBe('पुरुष');
    expect(profileValueText('en', 'incomeRange', '25_lakh_1_crore')).toBe('₹25 lakh to ₹1 crore');
    expect(profileValueText('en', 'segments', 'fno')).toBe('Futures and options (F&O)');
    expect(profileValueText('hi', 'accountType', 'Saving')).toBe('बचत');
    expect(profileValueText('en', 'citizenship', true)).toBe('Yes');
    expect(profileValueText('hi', 'optOut', false)).toBe('नहीं');
    expect(profileValueText('en', 'annualIncome', 1200000)).toBe('₹12,00,000');
    expect(profileValueText('en', 'allocationPercent', 33.33)).toBe('33.33%');
    expect(profileValueText('en', 'nationality', 'US')).toBe('United States (US)');
    expect(profileValueText('hi', 'countryOfBirth', 'IN')).toBe('भारत (IN)');
    expect(profileValueText('hi', 'occupation', 'Private sector service')).toBe('निजी क्षेत्र में नौकरी');
    expect(profileValueText('en', 'occupation', 'Professional')).toBe('Professional');
  });

  it('writes a date of birth as a day in the reader’s language, the same day in every time zone', () => {
    const zone = process.env.TZ;
    // West of Greenwich, midnight UTC is still the day before.
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(profileValueText('en', 'dateOfBirth', '1993-06-30')).toBe('30 Jun 1993');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(profileValueText('hi', 'dateOfBirth', '1994-02-11')).toBe('11 फ़र॰ 1994');
    // Not a day of the calendar: as sent.
    expect(profileValueText('en', 'dateOfBirth', '1993-02-30')).toBe('1993-02-30');
    expect(profileValueText('en', 'dateOfBirth', '30/06/1993')).toBe('30/06/1993');
  });

  it('shows free text, proper names and values it does not know as sent', () => {
    expect(profileValueText('hi', 'permanentState', 'Maharashtra')).toBe('Maharashtra');
    expect(profileValueText('hi', 'occupation', 'Software Engineer')).toBe('Software Engineer');
    expect(profileValueText('en', 'gender', 'Transgender')).toBe('Transgender');
    expect(profileValueText('en', 'country', 'QQ')).toBe('QQ');
    expect(profileValueText('en', 'gender', 'constructor')).toBe('constructor');
  });
});
