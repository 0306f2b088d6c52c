import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CashfreeDuplicateError, CashfreeValidationError } from '../../../src/providers/cashfree/errors.js';
import { newVerificationId } from '../../../src/providers/cashfree/recorder.js';
import { rejectionOf, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('PAN verification (/pan)', () => {
  it('verifies the sandbox PAN ABCPV1234D as John Doe with a direct name match', async () => {
    const { data, verificationId, attempt } = await h.client.verifyPan(
      { pan: 'ABCPV1234D', name: 'John Doe' },
      { userId: 'u1' },
    );
    expect(data).toMatchObject({
      pan: 'ABCPV1234D',
      valid: true,
      registered_name: 'JOHN DOE',
      name_match_result: 'DIRECT_MATCH',
      name_match_score: '100.00',
      aadhaar_seeding_status: 'Y',
      pan_status: 'VALID',
    });
    expect(attempt).toBe(1);
    const recorded = h.recorder.verifications.get(verificationId);
    expect(recorded).toMatchObject({
      kind: 'pan',
      userId: 'u1',
      attempt: 1,
      request: { pan: 'XXXXX1234X', name: '[omitted]' },
    });
    expect(recorded?.finishes).toEqual([
      expect.objectContaining({
        status: 'success',
        outcome: 'VALID',
        score: 1,
        referenceId: String(data.reference_id),
      }),
    ]);
    // The recorder never keeps the PAN or the name in clear, not even in the answer.
    expect(JSON.stringify(recorded)).not.toContain('ABCPV1234D');
    expect(JSON.stringify(recorded)).not.toMatch(/john doe/i);
  });

  it('answers INVALID for the PAN Lite "not found" sandbox PAN, as a result and not an error', async () => {
    const { data, verificationId } = await h.client.verifyPan({ pan: 'DEFPV0126D' });
    expect(data).toMatchObject({ valid: false, message: 'Invalid PAN', pan_status: 'INVALID' });
    expect(h.recorder.verifications.get(verificationId)?.finishes[0]).toMatchObject({
      status: 'success',
      outcome: 'INVALID',
    });
  });

  it.each([
    ['ABCDD1234F', 'DELETED'],
    ['ABCDX1234F', 'DEACTIVATED'],
    // Any holder type by its digits, so an individual's PAN (which Pehchan accepts) reaches them too
    ['ABCPE0001F', 'DEACTIVATED'],
    ['ABCPE0002F', 'DELETED'],
    ['ABCPE0003F', 'INVALID'],
  ])('reports %s as %s', async (pan, status) => {
    const { data } = await h.client.verifyPan({ pan });
    expect(data.valid).toBe(false);
    expect(data.pan_status).toBe(status);
  });

  it('maps a malformed PAN to a validation error recorded as failed, without retrying', async () => {
    const before = h.sim.state.callsTo('/pan').length;
    const error = await rejectionOf(h.client.verifyPan({ pan: 'ABC123' }));
    expect(error).toBeInstanceOf(CashfreeValidationError);
    expect(error).toMatchObject({ status: 400, code: 'pan_length_short', retryable: false });
    expect(h.sim.state.callsTo('/pan').length).toBe(before + 1);
    const failed = h.recorder.list().filter((v) => v.finishes[0]?.errorCode === 'pan_length_short');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.finishes[0]?.status).toBe('failed');
  });
});

describe('PAN 360 (/pan/advance)', () => {
  it('returns the profile for AZJPG7110R under our verification id', async () => {
    const verificationId = newVerificationId('t');
    const { data } = await h.client.verifyPanAdvance({
      pan: 'AZJPG7110R',
      name: 'John Snow',
      verificationId,
    });
    expect(data).toMatchObject({
      verification_id: verificationId,
      status: 'VALID',
      registered_name: 'JOHN SNOW',
      first_name: 'JOHN',
      last_name: 'SNOW',
      date_of_birth: '27-10-2004',
      aadhaar_linked: true,
    });
    expect(data.masked_aadhaar_number).toMatch(/^XXXXXXXX\d{4}$/);
  });

  it('refuses a reused verification id with 409 instead of verifying again', async () => {
    const verificationId = newVerificationId('t');
    await h.client.verifyPanAdvance({ pan: 'AZJPG7110R', verificationId });
    const processedBefore = h.sim.state.callsTo('/pan/advance').filter((c) => c.processed).length;
    const other = h.newClient();
    const error = await rejectionOf(other.client.verifyPanAdvance({ pan: 'AZJPG7110R', verificationId }));
    expect(error).toBeInstanceOf(CashfreeDuplicateError);
    expect(error).toMatchObject({ status: 409, code: 'verification_id_already_exists' });
    expect(h.sim.state.callsTo('/pan/advance').filter((c) => c.processed).length).toBe(processedBefore);
    expect(other.recorder.verifications.get(verificationId)?.finishes[0]?.status).toBe('failed');
  });
});

describe('PAN Lite (/pan-lite)', () => {
  it('matches name and date of birth of the sandbox PAN together', async () => {
    const { data } = await h.client.verifyPanLite({ pan: 'ABCPV1234D', name: 'John Doe', dob: '1993-06-30' });
    expect(data).toMatchObject({ status: 'VALID', pan_status: 'E', name_match: 'Y', dob_match: 'Y' });
  });

  it('flags a wrong date of birth and a wrong name', async () => {
    const { data } = await h.client.verifyPanLite({
      pan: 'ABCPV1234D',
      name: 'Tom Wells',
      dob: '1990-01-01',
    });
    expect(data).toMatchObject({ status: 'VALID', name_match: 'N', dob_match: 'N' });
  });

  it.each([
    ['ABCDX1234F', 'X'],
    ['ABCDD1234F', 'D'],
    ['ABCDF1234F', 'F'],
    ['DEFPV0126D', 'N'],
    ['ABCPE0000F', 'N'],
    ['ABCPE0001F', 'X'],
    ['ABCPE0002F', 'D'],
    ['ABCPE0003F', 'F'],
  ])('answers %s with pan_status %s and INVALID', async (pan, panStatus) => {
    const { data } = await h.client.verifyPanLite({ pan, name: 'John Doe', dob: '1993-06-30' });
    expect(data).toMatchObject({
      status: 'INVALID',
      pan_status: panStatus,
      name_match: null,
      dob_match: null,
    });
  });

  it('rejects a date of birth in the wrong format', async () => {
    const error = await rejectionOf(
      h.client.verifyPanLite({ pan: 'ABCPV1234D', name: 'John Doe', dob: '30/06/1993' }),
    );
    expect(error).toMatchObject({ status: 400, code: 'dob_value_invalid' });
  });
});
