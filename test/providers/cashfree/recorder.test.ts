import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryVerificationRecorder, newVerificationId } from '../../../src/providers/cashfree/recorder.js';
import { maskPan, redact } from '../../../src/providers/cashfree/redact.js';

describe('redact', () => {
  it('keeps ids, statuses and scores, masks identifiers, omits personal values, images and secrets', () => {
    const redacted = redact({
      pan: 'ABCPV1234D',
      bank_account: '026291800001191',
      aadhaar_number: '655675523712',
      name: 'John Doe',
      dob: '1993-06-30',
      mobile: '9999999999',
      split_address: { house: '12', pincode: 560025 },
      image: Buffer.from('jpeg bytes'),
      access_token: 'tok',
      reference_id: 1234,
      status: 'VALID',
      name_match_score: '92.00',
      available_scopes: ['NAME', 'PAN'],
      nested: {
        scopes: [{ metadata: { aadhaar: 'xxxxxxxx9012', photo_link: 'iVBOR…', pan: 'ABCDE1234F' } }],
      },
      blob: 'A'.repeat(600),
    });
    expect(redacted).toEqual({
      pan: 'XXXXX1234X',
      bank_account: 'XXXXXXXXXXX1191',
      aadhaar_number: 'XXXXXXXX3712',
      name: '[omitted]',
      dob: '[omitted]',
      mobile: '[omitted]',
      split_address: { house: '[omitted]', pincode: '[omitted]' },
      image: '[omitted]',
      access_token: '[secret]',
      reference_id: 1234,
      status: 'VALID',
      name_match_score: '92.00',
      available_scopes: ['NAME', 'PAN'],
      nested: {
        scopes: [{ metadata: { aadhaar: 'XXXXXXXX9012', photo_link: '[omitted]', pan: 'XXXXX1234X' } }],
      },
      blob: '[omitted]',
    });
  });

  it('never lets a PAN through, whatever it looks like', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{5}[0-9]{4}[A-Z]$/), (pan) => {
        const masked = maskPan(pan);
        expect(masked).toMatch(/^XXXXX\d{4}X$/);
        expect(JSON.stringify(redact({ pan, deep: { pan } }))).not.toContain(pan);
      }),
    );
    expect(maskPan('not-a-pan')).toBe('XXXXXXXXX');
  });
});

describe('newVerificationId', () => {
  it('fits both verification_id and BAV user_id rules, and never repeats', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{1,15}$/), (prefix) => {
        const first = newVerificationId(prefix);
        expect(first.length).toBeLessThanOrEqual(40);
        expect(first).toMatch(/^[A-Za-z0-9_]+$/);
        expect(first.startsWith(`${prefix}_`)).toBe(true);
        expect(newVerificationId(prefix)).not.toBe(first);
      }),
    );
  });

  it('refuses prefixes that would break those rules', () => {
    expect(() => newVerificationId('has-dash')).toThrow();
    expect(() => newVerificationId('a'.repeat(16))).toThrow();
    expect(() => newVerificationId('')).toThrow();
  });
});

describe('InMemoryVerificationRecorder', () => {
  it('refuses to start the same verification twice and reports unfinished ones', async () => {
    const recorder = new InMemoryVerificationRecorder();
    await recorder.start({ verificationId: 'v1', kind: 'pan', attempt: 1, request: {} });
    await expect(
      recorder.start({ verificationId: 'v1', kind: 'pan', attempt: 1, request: {} }),
    ).rejects.toThrow();
    expect(recorder.pending().map((v) => v.verificationId)).toEqual(['v1']);
    await recorder.finish({ verificationId: 'v1', status: 'success', response: {} });
    await recorder.finish({ verificationId: 'unknown', status: 'success', response: {} });
    expect(recorder.pending()).toEqual([]);
    expect([...recorder.statuses()]).toEqual([['v1', 'success']]);
  });
});
