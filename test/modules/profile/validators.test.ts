import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import { STATES_AND_UNION_TERRITORIES, canonicalStateName } from '../../../src/modules/profile/india.js';
import {
  FieldErrorCollector,
  PAN_HOLDER_TYPES,
  TEXT_LIMITS,
  expectValid,
  pointer,
  validateBankAccountNumber,
  validateDateOfBirth,
  validateDematAccount,
  validateEmail,
  validateEnum,
  validateIAm,
  validateIfsc,
  validateMobile,
  validatePan,
  validatePersonName,
  validatePincode,
  validateState,
  validateText,
} from '../../../src/modules/profile/validators.js';
import type { Check } from '../../../src/modules/profile/validators.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const DIGITS = '0123456789'.split('');
const upper = fc.constantFrom(...UPPER);
const digit = fc.constantFrom(...DIGITS);
const chars = (arb: fc.Arbitrary<string>, length: number) =>
  fc.array(arb, { minLength: length, maxLength: length }).map((parts) => parts.join(''));
const holderType = fc.constantFrom(...Object.keys(PAN_HOLDER_TYPES));

const validPan = fc
  .tuple(chars(upper, 3), holderType, upper, chars(digit, 4), upper)
  .map((parts) => parts.join(''));

/** Randomly lower-cases letters, as a user might type them. */
const mixCase = (value: string) =>
  fc
    .array(fc.boolean(), { minLength: value.length, maxLength: value.length })
    .map((flags) => [...value].map((char, i) => (flags[i] ? char.toLowerCase() : char)).join(''));

function okValue<T>(result: Check<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.value;
}

function failCode(result: Check<unknown>): string {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.code;
}

describe('pointer and FieldErrorCollector', () => {
  it('builds escaped JSON pointers', () => {
    expect(pointer('bankDetails', 1, 'ifscCode')).toBe('/bankDetails/1/ifscCode');
    expect(pointer('a/b', 'c~d')).toBe('/a~1b/c~0d');
  });

  it('collects every failure under its path and throws one validation_failed', () => {
    const errors = new FieldErrorCollector();
    expect(errors.check('/panDetails/panNumber', validatePan('abcpe1234f'))).toBe('ABCPE1234F');
    expect(errors.check('/bankDetails/1/ifscCode', validateIfsc('HDFC1001234'))).toBeUndefined();
    expect(
      errors.check(
        '/dematDetails/0',
        validateDematAccount({ depository: 'NSDL', dpID: '12345678', clientID: '12345678' }),
      ),
    ).toBeUndefined();
    errors.add('/bankDetails', 'multiple_primary', 'Exactly one bank account must be primary');
    try {
      errors.throwIfAny();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.status).toBe(400);
      expect(appError.code).toBe('validation_failed');
      expect(appError.errors?.map(({ field, code }) => [field, code])).toEqual([
        ['/bankDetails/1/ifscCode', 'invalid_ifsc'],
        ['/dematDetails/0/dpID', 'invalid_dp_id'],
        ['/bankDetails', 'multiple_primary'],
      ]);
    }
  });

  it('does not throw when nothing failed', () => {
    const errors = new FieldErrorCollector();
    errors.check('/x', validatePincode('411001'));
    expect(() => errors.throwIfAny()).not.toThrow();
  });

  it('expectValid returns the value or throws a 400 naming the path', () => {
    expect(expectValid('/p', validatePincode(' 411001 '))).toBe('411001');
    expect(() => expectValid('/p', validatePincode('011001'))).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [expect.objectContaining({ field: '/p', code: 'invalid_pincode' })],
      }),
    );
  });
});

describe('validateEnum', () => {
  it('matches case-insensitively and returns the canonical spelling', () => {
    expect(okValue(validateEnum(' saving ', ['Saving', 'Current']))).toBe('Saving');
    expect(okValue(validateEnum('FEMALE', ['Male', 'Female', 'Others']))).toBe('Female');
    expect(failCode(validateEnum('Savings', ['Saving', 'Current']))).toBe('invalid_value');
    expect(failCode(validateEnum(1, ['Saving', 'Current']))).toBe('invalid_type');
  });

  it('takes iAm from the original contract’s set', () => {
    expect(okValue(validateIAm('individual'))).toBe('Individual');
    expect(okValue(validateIAm('Mutual'))).toBe('Mutual');
    expect(failCode(validateIAm('Company'))).toBe('invalid_value');
  });
});

describe('validatePan', () => {
  it.each([
    ['AZJPG7110R', 'AZJPG7110R'],
    ['azjpg7110r', 'AZJPG7110R'],
    ['  AbCpE1234f ', 'ABCPE1234F'],
  ])('accepts %j as %s', (input, expected) => {
    expect(okValue(validatePan(input, 'Individual'))).toBe(expected);
  });

  it.each([
    ['ABCPE1234', 'too short'],
    ['ABCPE12345F', 'too long'],
    ['ABCP11234F', 'digit where a letter belongs'],
    ['ABCPEA234F', 'letter where a digit belongs'],
    ['ABCPE12341', 'digit at the end'],
    ['ABCDE1234F', 'unknown holder type D'],
    ['ABCPE 1234F', 'inner space'],
    ['ABCPÉ1234F', 'non-ASCII letter'],
    ['ABCﬀ1234F', 'ligature that upper-cases to two letters'],
    ['', 'empty'],
  ])('refuses %j (%s)', (input) => {
    expect(failCode(validatePan(input))).toBe('invalid_pan');
  });

  it('refuses non-strings', () => {
    expect(failCode(validatePan(1234))).toBe('invalid_type');
    expect(failCode(validatePan(null))).toBe('invalid_type');
  });

  it('requires the 4th character to agree with iAm', () => {
    expect(failCode(validatePan('ABCCE1234F', 'Individual'))).toBe('pan_holder_type_mismatch');
    expect(okValue(validatePan('ABCTE1234F', 'Mutual'))).toBe('ABCTE1234F');
    expect(failCode(validatePan('ABCPE1234F', 'Mutual'))).toBe('pan_holder_type_mismatch');
    expect(okValue(validatePan('ABCCE1234F'))).toBe('ABCCE1234F');
  });

  it('property: every well-formed PAN passes, and any mix of case normalises to it', () => {
    fc.assert(
      fc.property(
        validPan.chain((pan) => fc.tuple(fc.constant(pan), mixCase(pan))),
        ([pan, typed]) => {
          expect(okValue(validatePan(pan))).toBe(pan);
          expect(okValue(validatePan(typed))).toBe(pan);
          expect(okValue(validatePan(` ${typed}\t`))).toBe(pan);
        },
      ),
    );
  });

  it('property: a wrong length fails', () => {
    fc.assert(
      fc.property(validPan, fc.integer({ min: 0, max: 20 }), (pan, length) => {
        fc.pre(length !== 10);
        const resized = pan.repeat(3).slice(0, length);
        expect(validatePan(resized).ok).toBe(false);
      }),
    );
  });

  it('property: a character of the wrong class at any position fails', () => {
    const letterPositions = [0, 1, 2, 3, 4, 9];
    const wrongChar = fc.oneof(
      fc.constantFrom(...'!@#-_ .é😀'.split('')),
      fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[A-Za-z0-9]/.test(c)),
    );
    fc.assert(
      fc.property(
        validPan,
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        wrongChar,
        digit,
        upper,
        (pan, at, kind, junk, d, l) => {
          const replacement = kind ? junk : letterPositions.includes(at) ? d : l;
          const broken = pan.slice(0, at) + replacement + pan.slice(at + 1);
          expect(validatePan(broken).ok).toBe(false);
        },
      ),
    );
  });
});

describe('validateDateOfBirth', () => {
  const now = new Date('2025-06-15T12:00:00Z');

  it.each(['1995-08-15', '2007-06-15', '1905-06-15', '2000-02-29'])('accepts %s', (date) => {
    expect(okValue(validateDateOfBirth(date, now))).toBe(date);
  });

  it.each([
    ['1995-02-29', 'invalid_date'],
    ['1995-13-01', 'invalid_date'],
    ['1995-00-10', 'invalid_date'],
    ['1995-04-31', 'invalid_date'],
    ['1995-8-15', 'invalid_date'],
    ['15-08-1995', 'invalid_date'],
    ['1995-08-15T00:00:00.000Z', 'invalid_date'],
    [' 1995-08-15', 'invalid_date'],
    ['', 'invalid_date'],
    ['2007-06-16', 'too_young'],
    ['2025-06-15', 'too_young'],
    ['2025-06-16', 'date_in_future'],
    ['1904-06-14', 'too_old'],
  ])('refuses %s with %s', (date, code) => {
    expect(failCode(validateDateOfBirth(date, now))).toBe(code);
  });

  it('refuses non-strings', () => {
    expect(failCode(validateDateOfBirth(19950815, now))).toBe('invalid_type');
  });

  it('counts the 18th birthday by the date in India', () => {
    // 20:00 UTC on 14 June is already 15 June in India.
    expect(validateDateOfBirth('2007-06-15', new Date('2025-06-14T20:00:00Z')).ok).toBe(true);
    expect(validateDateOfBirth('2007-06-15', new Date('2025-06-14T18:00:00Z')).ok).toBe(false);
  });

  it('brings a 29 February birthday of age on 1 March in a common year', () => {
    expect(validateDateOfBirth('2004-02-29', new Date('2022-02-28T12:00:00Z')).ok).toBe(false);
    expect(validateDateOfBirth('2004-02-29', new Date('2022-03-01T12:00:00Z')).ok).toBe(true);
  });

  it('accepts other age limits', () => {
    expect(validateDateOfBirth('2020-01-01', now, { minAge: 0 }).ok).toBe(true);
  });

  const isoDate = (date: Date) => date.toISOString().slice(0, 10);

  it('property: every real date giving an age of 18-120 round-trips unchanged', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1906-01-01T00:00:00Z'),
          max: new Date('2007-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(okValue(validateDateOfBirth(isoDate(date), now))).toBe(isoDate(date));
        },
      ),
    );
  });

  it('property: impossible days of a month fail', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1906, max: 2006 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const pad = (n: number) => String(n).padStart(2, '0');
        expect(validateDateOfBirth(`${year}-${pad(month)}-${pad(daysInMonth)}`, now).ok).toBe(true);
        expect(failCode(validateDateOfBirth(`${year}-${pad(month)}-${pad(daysInMonth + 1)}`, now))).toBe(
          'invalid_date',
        );
      }),
    );
  });

  it('property: an age below 18 or above 120 fails', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.date({
            min: new Date('2007-06-16T00:00:00Z'),
            max: new Date('2030-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          fc.date({
            min: new Date('1000-01-01T00:00:00Z'),
            max: new Date('1904-06-14T00:00:00Z'),
            noInvalidDate: true,
          }),
        ),
        (date) => {
          expect(validateDateOfBirth(isoDate(date), now).ok).toBe(false);
        },
      ),
    );
  });
});

describe('validateMobile', () => {
  it.each([
    ['9876543210', '9876543210'],
    ['+919876543210', '9876543210'],
    ['+91 98765 43210', '9876543210'],
    ['+91-98765-43210', '9876543210'],
    ['919876543210', '9876543210'],
    ['09876543210', '9876543210'],
    ['6000000000', '6000000000'],
    ['9123456789', '9123456789'],
  ])('accepts %j as %s', (input, expected) => {
    expect(okValue(validateMobile(input))).toBe(expected);
  });

  it.each([
    '1234567890',
    '5876543210',
    '987654321',
    '98765432101',
    '+4915123456789',
    '+91 0987654321',
    '98765o4321',
    '',
  ])('refuses %j', (input) => {
    expect(failCode(validateMobile(input))).toBe('invalid_mobile');
  });

  it('refuses non-strings', () => {
    expect(failCode(validateMobile(9876543210))).toBe('invalid_type');
  });

  const validMobile = fc
    .tuple(fc.constantFrom('6', '7', '8', '9'), chars(digit, 9))
    .map(([first, rest]) => first + rest);

  it('property: every prefix and separator variant normalises to the same 10 digits', () => {
    fc.assert(
      fc.property(
        validMobile,
        fc.constantFrom('', '+91', '91', '0', '+91 ', '+91-'),
        fc.array(fc.constantFrom(' ', '-'), { maxLength: 3 }),
        (mobile, prefix, separators) => {
          let typed = mobile;
          separators.forEach((separator, i) => {
            const at = 2 + i * 3;
            typed = typed.slice(0, at) + separator + typed.slice(at);
          });
          expect(okValue(validateMobile(prefix + typed))).toBe(mobile);
        },
      ),
    );
  });

  it('property: a first digit below 6 or a wrong length fails', () => {
    fc.assert(
      fc.property(fc.constantFrom('0', '1', '2', '3', '4', '5'), chars(digit, 9), (first, rest) => {
        expect(validateMobile(first + rest).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(validMobile, fc.integer({ min: 1, max: 9 }), (mobile, length) => {
        expect(validateMobile(mobile.slice(0, length)).ok).toBe(false);
      }),
    );
  });
});

describe('validateEmail', () => {
  it.each([
    ['abi@example.com', 'abi@example.com'],
    ['  Test@Example.COM ', 'test@example.com'],
    ['first.last+tag@sub.example.co.in', 'first.last+tag@sub.example.co.in'],
    ['user@münchen.de', 'user@xn--mnchen-3ya.de'],
    ['user@ＥＸＡＭＰＬＥ.com', 'user@example.com'],
    ['user@xn--mnchen-3ya.de', 'user@xn--mnchen-3ya.de'],
  ])('accepts %j as %s', (input, expected) => {
    expect(okValue(validateEmail(input))).toBe(expected);
  });

  it.each([
    'plainaddress',
    '@example.com',
    'user@',
    'foo@bar@example.com',
    'foo@example.com\r\nBcc: evil@x.com',
    'föö@münchen.de',
    'John <john@example.com>',
    '"quoted"@example.com',
    'a..b@example.com',
    '.a@example.com',
    'a.@example.com',
    'user@localhost',
    'user@1.2.3.4',
    'user@[127.0.0.1]',
    'user@exa_mple.com',
    'user@-example.com',
    'user@example..com',
    'user@example.com.',
    'user name@example.com',
    `${'a'.repeat(65)}@example.com`,
  ])('refuses %j', (input) => {
    expect(failCode(validateEmail(input))).toBe('invalid_email');
  });

  it('refuses addresses over 254 characters', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(failCode(validateEmail(long))).toBe('too_long');
  });

  it('is fast on a long crafted input', () => {
    const started = performance.now();
    validateEmail(`${'a.'.repeat(25_000)}!@example.com`);
    validateEmail(`a@${'a-'.repeat(25_000)}.com`);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('validatePincode', () => {
  it.each(['411001', '110001', '999999', ' 560001 '])('accepts %j', (input) => {
    expect(okValue(validatePincode(input))).toBe(input.trim());
  });

  it.each(['011001', '41100', '4110011', '41100a', '411 001', ''])('refuses %j', (input) => {
    expect(failCode(validatePincode(input))).toBe('invalid_pincode');
  });

  it('refuses numbers', () => {
    expect(failCode(validatePincode(411001))).toBe('invalid_type');
  });

  it('property: 6 digits not starting with 0 pass; anything else fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 999_999 }), (n) => {
        expect(okValue(validatePincode(String(n)))).toBe(String(n));
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), (input) => {
        fc.pre(!/^\s*[1-9][0-9]{5}\s*$/.test(input));
        expect(validatePincode(input).ok).toBe(false);
      }),
    );
  });
});

describe('validateState', () => {
  it('knows 36 states and union territories', () => {
    expect(STATES_AND_UNION_TERRITORIES).toHaveLength(36);
    expect(new Set(STATES_AND_UNION_TERRITORIES).size).toBe(36);
    for (const name of STATES_AND_UNION_TERRITORIES) expect(canonicalStateName(name)).toBe(name);
  });

  it.each([
    ['Maharashtra', 'Maharashtra'],
    ['maharashtra', 'Maharashtra'],
    ['  MAHA RASHTRA ', 'Maharashtra'],
    ['tamilnadu', 'Tamil Nadu'],
    ['Orissa', 'Odisha'],
    ['Pondicherry', 'Puducherry'],
    ['Uttaranchal', 'Uttarakhand'],
    ['Jammu & Kashmir', 'Jammu and Kashmir'],
    ['J&K', 'Jammu and Kashmir'],
    ['NCT of Delhi', 'Delhi'],
    ['New Delhi', 'Delhi'],
    ['Andaman & Nicobar', 'Andaman and Nicobar Islands'],
    ['Daman and Diu', 'Dadra and Nagar Haveli and Daman and Diu'],
    ['Chattisgarh', 'Chhattisgarh'],
  ])('maps %j to %s', (input, expected) => {
    expect(okValue(validateState(input))).toBe(expected);
  });

  it.each(['Bombay State', 'California', '', '   ', 'महाराष्ट्र', 'Maharashtra1x'])('refuses %j', (input) => {
    expect(failCode(validateState(input))).toBe('invalid_state');
  });
});

describe('validateIfsc', () => {
  it.each([
    ['HDFC0001234', 'HDFC0001234'],
    ['sbin0005678', 'SBIN0005678'],
    [' icic0ABC12z ', 'ICIC0ABC12Z'],
  ])('accepts %j as %s', (input, expected) => {
    expect(okValue(validateIfsc(input))).toBe(expected);
  });

  it.each(['HDFC1001234', 'HDF00001234', 'HDFC000123', 'HDFC00012345', 'HDFC0-01234', 'HDFC 001234', ''])(
    'refuses %j',
    (input) => {
      expect(failCode(validateIfsc(input))).toBe('invalid_ifsc');
    },
  );

  const alphanumeric = fc.constantFrom(...UPPER, ...DIGITS);
  const validIfsc = fc
    .tuple(chars(upper, 4), chars(alphanumeric, 6))
    .map(([bank, branch]) => `${bank}0${branch}`);

  it('property: every well-formed IFSC passes and any mix of case normalises to it', () => {
    fc.assert(
      fc.property(
        validIfsc.chain((ifsc) => fc.tuple(fc.constant(ifsc), mixCase(ifsc))),
        ([ifsc, typed]) => {
          expect(okValue(validateIfsc(typed))).toBe(ifsc);
        },
      ),
    );
  });

  it('property: a non-zero 5th character, a digit in the bank code or a wrong length fails', () => {
    fc.assert(
      fc.property(validIfsc, fc.constantFrom(...UPPER, ...'123456789'.split('')), (ifsc, fifth) => {
        expect(validateIfsc(ifsc.slice(0, 4) + fifth + ifsc.slice(5)).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(validIfsc, fc.integer({ min: 0, max: 3 }), digit, (ifsc, at, d) => {
        expect(validateIfsc(ifsc.slice(0, at) + d + ifsc.slice(at + 1)).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(validIfsc, fc.integer({ min: 0, max: 20 }), (ifsc, length) => {
        fc.pre(length !== 11);
        expect(validateIfsc((ifsc + ifsc).slice(0, length)).ok).toBe(false);
      }),
    );
  });
});

describe('validateBankAccountNumber', () => {
  it.each([
    ['123456789012', '123456789012'],
    [' 000123456 ', '000123456'],
    ['123456789012345678', '123456789012345678'],
    [123456789012, '123456789012'],
    [Number.MAX_SAFE_INTEGER, String(Number.MAX_SAFE_INTEGER)],
  ])('accepts %j as %s', (input, expected) => {
    expect(okValue(validateBankAccountNumber(input))).toBe(expected);
  });

  it.each([
    ['12345678'],
    ['1234567890123456789'],
    ['12345678a'],
    ['1234 5678 9012'],
    [''],
    [12345678],
    [-123456789012],
    [1234567890.5],
  ])('refuses %j', (input) => {
    expect(failCode(validateBankAccountNumber(input))).toBe('invalid_account_number');
  });

  it('asks for a string when the integer is not safe', () => {
    const result = validateBankAccountNumber(JSON.parse('12345678901234567890'));
    expect(failCode(result)).toBe('unsafe_integer');
    expect(!result.ok && result.message).toMatch(/string/);
    expect(failCode(validateBankAccountNumber(Number.MAX_SAFE_INTEGER + 1))).toBe('unsafe_integer');
  });

  it('refuses other types', () => {
    expect(failCode(validateBankAccountNumber(null))).toBe('invalid_type');
    expect(failCode(validateBankAccountNumber({}))).toBe('invalid_type');
  });
});

describe('validateDematAccount', () => {
  it('accepts NSDL and CDSL ids and normalises case', () => {
    expect(
      okValue(validateDematAccount({ depository: 'nsdl', dpID: 'in300123', clientID: '10002345' })),
    ).toEqual({
      depository: 'NSDL',
      dpID: 'IN300123',
      clientID: '10002345',
    });
    expect(
      okValue(validateDematAccount({ depository: 'CDSL', dpID: '12081600', clientID: '00012345' })),
    ).toEqual({
      depository: 'CDSL',
      dpID: '12081600',
      clientID: '00012345',
    });
  });

  it('splits a 16-character BO ID given as client ID', () => {
    expect(
      okValue(validateDematAccount({ depository: 'CDSL', dpID: '', clientID: '1208160000012345' })),
    ).toEqual({
      depository: 'CDSL',
      dpID: '12081600',
      clientID: '00012345',
    });
    expect(okValue(validateDematAccount({ depository: 'CDSL', clientID: '1208160000012345' }))).toMatchObject(
      {
        dpID: '12081600',
      },
    );
    expect(
      okValue(validateDematAccount({ depository: 'CDSL', dpID: '12081600', clientID: '1208160000012345' })),
    ).toMatchObject({
      clientID: '00012345',
    });
    expect(
      okValue(validateDematAccount({ depository: 'NSDL', dpID: null, clientID: 'IN30012310002345' })),
    ).toEqual({
      depository: 'NSDL',
      dpID: 'IN300123',
      clientID: '10002345',
    });
  });

  it.each([
    [{ depository: 'OTHERS', dpID: 'IN300123', clientID: '10002345' }, '/depository', 'invalid_value'],
    [
      { depository: 'NSDL', dpID: '1234567890123456', clientID: '6543210987654321' },
      '/dpID',
      'invalid_dp_id',
    ],
    [{ depository: 'NSDL', dpID: '12345678', clientID: '10002345' }, '/dpID', 'invalid_dp_id'],
    [{ depository: 'NSDL', dpID: 'IN30012', clientID: '10002345' }, '/dpID', 'invalid_dp_id'],
    [{ depository: 'NSDL', dpID: 'IN300123', clientID: '1000234' }, '/clientID', 'invalid_client_id'],
    [{ depository: 'CDSL', dpID: 'IN300123', clientID: '10002345' }, '/dpID', 'invalid_dp_id'],
    [{ depository: 'CDSL', dpID: '12081600', clientID: '1000234x' }, '/clientID', 'invalid_client_id'],
    [{ depository: 'CDSL', dpID: '', clientID: '10002345' }, '/dpID', 'invalid_dp_id'],
    [{ depository: 'CDSL', dpID: '99999999', clientID: '1208160000012345' }, '/dpID', 'dp_id_mismatch'],
    [{ depository: 'CDSL', dpID: '12081600', clientID: 12345678 }, '/clientID', 'invalid_type'],
    [{ depository: 'CDSL', dpID: 12081600, clientID: '00012345' }, '/dpID', 'invalid_type'],
  ])('refuses %j at %s with %s', (input, field, code) => {
    const result = validateDematAccount(input);
    expect(result).toMatchObject({ ok: false, field, code });
  });

  const nsdl = fc
    .tuple(chars(digit, 6), chars(digit, 8))
    .map(([dp, client]) => ({ dpID: `IN${dp}`, clientID: client }));
  const cdsl = fc
    .tuple(chars(digit, 8), chars(digit, 8))
    .map(([dp, client]) => ({ dpID: dp, clientID: client }));

  it('property: valid NSDL and CDSL ids pass, also as one BO ID', () => {
    fc.assert(
      fc.property(nsdl, fc.boolean(), ({ dpID, clientID }, lower) => {
        const expected = { depository: 'NSDL', dpID, clientID };
        const typedDp = lower ? dpID.toLowerCase() : dpID;
        expect(okValue(validateDematAccount({ depository: 'NSDL', dpID: typedDp, clientID }))).toEqual(
          expected,
        );
        expect(
          okValue(validateDematAccount({ depository: 'NSDL', dpID: '', clientID: typedDp + clientID })),
        ).toEqual(expected);
      }),
    );
    fc.assert(
      fc.property(cdsl, ({ dpID, clientID }) => {
        const expected = { depository: 'CDSL', dpID, clientID };
        expect(okValue(validateDematAccount({ depository: 'CDSL', dpID, clientID }))).toEqual(expected);
        expect(
          okValue(validateDematAccount({ depository: 'CDSL', dpID: '', clientID: dpID + clientID })),
        ).toEqual(expected);
      }),
    );
  });

  it('property: ids of the wrong length fail', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('NSDL', 'CDSL'),
        cdsl,
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        (depository, { dpID, clientID }, length, cutClient) => {
          fc.pre(length !== 8 && length !== 16);
          const client = cutClient ? (clientID + clientID + clientID).slice(0, length) : clientID;
          const dp = cutClient
            ? depository === 'NSDL'
              ? `IN${dpID.slice(2)}`
              : dpID
            : (dpID + dpID + dpID).slice(0, length);
          expect(validateDematAccount({ depository, dpID: dp, clientID: client }).ok).toBe(false);
        },
      ),
    );
  });

  it('property: the other depository’s format fails', () => {
    fc.assert(
      fc.property(nsdl, cdsl, (n, c) => {
        expect(validateDematAccount({ depository: 'CDSL', ...n }).ok).toBe(false);
        expect(validateDematAccount({ depository: 'NSDL', ...c }).ok).toBe(false);
      }),
    );
  });
});

describe('validateText', () => {
  const limits = TEXT_LIMITS.placeOfBirth;

  it('trims and NFC-normalises', () => {
    expect(okValue(validateText('  Pune  ', limits))).toBe('Pune');
    const decomposed = 'Pune\u0301';
    expect(okValue(validateText(decomposed, limits))).toBe('Pun\u00e9');
  });

  it('keeps Indic text with zero-width joiners', () => {
    expect(okValue(validateText('क्\u200Dष नगर', limits))).toBe('क्\u200Dष नगर');
  });

  it.each([
    ['Pu\u0000ne', 'NUL'],
    ['Pune\nInjected: yes', 'line feed'],
    ['Pu\tne', 'tab'],
    ['Pu\u007Fne', 'DEL'],
    ['Pu\u0085ne', 'C1 control'],
    ['Pu\u202Ene', 'right-to-left override'],
    ['Pu\u2066ne', 'left-to-right isolate'],
    ['Pu\u200Fne', 'right-to-left mark'],
    ['Pu\u2028ne', 'line separator'],
    ['Pu\u200Bne', 'zero-width space'],
    ['Pu\uD800ne', 'lone surrogate'],
    ['Pu\uE000ne', 'private use'],
  ])('refuses %j (%s)', (input) => {
    expect(failCode(validateText(input, limits))).toBe('invalid_characters');
  });

  it('enforces lengths in characters, not UTF-16 units', () => {
    expect(failCode(validateText('', limits))).toBe('required');
    expect(failCode(validateText('   ', limits))).toBe('required');
    expect(failCode(validateText('Pu', limits))).toBe('too_short');
    expect(failCode(validateText('x'.repeat(101), limits))).toBe('too_long');
    expect(okValue(validateText('😀'.repeat(100), limits))).toHaveLength(200);
    expect(okValue(validateText('', TEXT_LIMITS.landmark))).toBe('');
  });

  it('refuses non-strings', () => {
    expect(failCode(validateText(['Pune'], limits))).toBe('invalid_type');
  });
});

describe('validatePersonName', () => {
  it.each([
    ['JOHN SNOW', 'JOHN SNOW'],
    ["  D'Souza  Mary-Ann   K. ", "D'Souza Mary-Ann K."],
    ['D’Souza', "D'Souza"],
    ['राहुल शर्मा', 'राहुल शर्मा'],
    ['Al', 'Al'],
  ])('accepts %j as %j', (input, expected) => {
    expect(okValue(validatePersonName(input))).toBe(expected);
  });

  it.each([
    ['J', 'too_short'],
    ['x'.repeat(101), 'too_long'],
    ['John3', 'invalid_name'],
    ['John_Snow', 'invalid_name'],
    ['John <script>', 'invalid_name'],
    ['. - .', 'invalid_name'],
    ['John\u202ESnow', 'invalid_characters'],
    ['John\nSnow', 'invalid_characters'],
  ])('refuses %j with %s', (input, code) => {
    expect(failCode(validatePersonName(input))).toBe(code);
  });
});
