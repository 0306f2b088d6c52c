import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CashfreeValidationError } from '../../../src/providers/cashfree/errors.js';
import {
  groupPhoto,
  noFaceImage,
  notLiveImage,
  passingSelfie,
} from '../../../src/providers/cashfree-simulator/test-images.js';
import { rejectionOf, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('liveliness (/liveliness)', () => {
  it('passes a high-contrast selfie with a score of at least 0.75, the same score every time', async () => {
    const selfie = await passingSelfie(7);
    const first = await h.client.checkLiveliness({ image: selfie, strictCheck: true }, { userId: 'u1' });
    const second = await h.client.checkLiveliness({ image: selfie });
    expect(first.data).toMatchObject({
      status: 'SUCCESS',
      liveliness: true,
      verification_id: first.verificationId,
    });
    expect(first.data.score).toBeGreaterThanOrEqual(0.75);
    expect(second.data.score).toBe(first.data.score);
    expect(second.verificationId).not.toBe(first.verificationId);
  });

  it('never stores the image in the verification record', async () => {
    const { verificationId } = await h.client.checkLiveliness({ image: await passingSelfie(8, 'png') });
    const recorded = h.recorder.verifications.get(verificationId);
    expect(recorded?.request).toEqual({ verification_id: verificationId, image: '[omitted]' });
    expect(recorded?.finishes[0]).toMatchObject({ status: 'success', outcome: 'SUCCESS' });
  });

  it.each([
    ['a uniform picture', noFaceImage, 'FACE_NOT_DETECTED', false],
    ['a wide group shot', groupPhoto, 'MULTIPLE_FACE_DETECTED', false],
    ['a low-contrast picture', notLiveImage, 'SUCCESS', false],
  ])('answers %s with %s under strict_check', async (_label, make, status, liveliness) => {
    const { data } = await h.client.checkLiveliness({ image: await make(), strictCheck: true });
    expect(data.status).toBe(status);
    expect(data.liveliness).toBe(liveliness);
    expect(Number(data.score)).toBeLessThan(0.5);
  });

  it('judges the most prominent face of a group shot without strict_check', async () => {
    const { data } = await h.client.checkLiveliness({ image: await groupPhoto(), strictCheck: false });
    expect(data).toMatchObject({ status: 'SUCCESS', liveliness: true });
  });

  it('refuses a file that is not a JPEG or PNG', async () => {
    const error = await rejectionOf(
      h.client.checkLiveliness({ image: Buffer.from('GIF89a not really an image') }),
    );
    expect(error).toBeInstanceOf(CashfreeValidationError);
    expect(error).toMatchObject({ status: 400, code: 'file_format_invalid' });
  });
});

describe('face match (/face-match)', () => {
  it('matches a selfie with itself', async () => {
    const selfie = await passingSelfie(3);
    const { data } = await h.client.matchFaces({ firstImage: selfie, secondImage: selfie });
    expect(data).toMatchObject({ status: 'SUCCESS', face_match_result: 'YES', face_match_score: 1 });
  });

  it('does not match two different faces', async () => {
    const { data, verificationId } = await h.client.matchFaces({
      firstImage: await passingSelfie(3),
      secondImage: await passingSelfie(4),
      threshold: 0.9,
    });
    expect(data.face_match_result).toBe('NO');
    expect(Number(data.face_match_score)).toBeLessThan(0.9);
    expect(h.recorder.verifications.get(verificationId)?.finishes[0]?.outcome).toBe('NO');
  });

  it('reports no face when one picture is uniform', async () => {
    const { data } = await h.client.matchFaces({
      firstImage: await passingSelfie(3),
      secondImage: await noFaceImage(),
    });
    expect(data).toMatchObject({ status: 'FACE_NOT_DETECTED', face_match_result: 'NO', face_match_score: 0 });
  });
});

describe('name match (/name-match)', () => {
  it.each([
    ['JOHN DOE', 'john doe', 1, 'The given names are identical'],
    ['JOHN DOE', 'DOE JOHN', 1, 'The given names are identical'],
    ['JOHN DOE', 'JOHN D', 0.85, 'Initials penalty'],
    ['JOHN DOE', 'TOM', 0, 'The given names are different'],
  ])('compares "%s" with "%s"', async (name1, name2, score, reason) => {
    const { data } = await h.client.matchNames({ name1, name2 });
    expect(data).toMatchObject({ status: 'SUCCESS', score, name_1: name1, name_2: name2 });
    expect(data.reason).toBe(reason);
  });

  it('refuses an empty name', async () => {
    const error = await rejectionOf(h.client.matchNames({ name1: 'JOHN', name2: ' ' }));
    expect(error).toMatchObject({ status: 400, code: 'name_2_value_invalid' });
  });
});
