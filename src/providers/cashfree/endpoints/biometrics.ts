import {
  normalizedScore,
  referenceOf,
  type CallContext,
  type CashfreeEngine,
  type Verified,
} from '../engine.js';
import { FaceMatchResponse, LivelinessResponse, NameMatchResponse } from '../schemas.js';

type ImageType = 'image/jpeg' | 'image/png';

function imageType(image: Uint8Array): ImageType {
  return image[0] === 0x89 && image[1] === 0x50 ? 'image/png' : 'image/jpeg';
}

function imageBlob(image: Uint8Array): { blob: Blob; name: string } {
  const type = imageType(image);
  return {
    blob: new Blob([new Uint8Array(image)], { type }),
    name: type === 'image/png' ? 'image.png' : 'image.jpg',
  };
}

/** POST /name-match. */
export function matchNames(
  engine: CashfreeEngine,
  input: { name1: string; name2: string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<NameMatchResponse>> {
  return engine.verify(
    {
      kind: 'name_match',
      idPrefix: 'nm',
      verificationId: input.verificationId,
      schema: NameMatchResponse,
      build: (verificationId) =>
        engine.json('/name-match', {
          verification_id: verificationId,
          name_1: input.name1,
          name_2: input.name2,
        }),
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({
        referenceId: referenceOf(data.reference_id),
        score: normalizedScore(data.score),
        outcome: data.status,
      }),
    },
    ctx,
  );
}

/** POST /face-match (multipart). */
export function matchFaces(
  engine: CashfreeEngine,
  input: { firstImage: Uint8Array; secondImage: Uint8Array; threshold?: number; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<FaceMatchResponse>> {
  return engine.verify(
    {
      kind: 'face_match',
      idPrefix: 'fm',
      verificationId: input.verificationId,
      schema: FaceMatchResponse,
      build: (verificationId) => {
        const form = new FormData();
        form.append('verification_id', verificationId);
        const first = imageBlob(input.firstImage);
        const second = imageBlob(input.secondImage);
        form.append('first_image', first.blob, first.name);
        form.append('second_image', second.blob, second.name);
        if (input.threshold !== undefined) form.append('threshold', String(input.threshold));
        return {
          request: { method: 'POST', path: '/face-match', form },
          record: {
            verification_id: verificationId,
            first_image: input.firstImage,
            second_image: input.secondImage,
            threshold: input.threshold,
          },
        };
      },
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({
        referenceId: referenceOf(data.ref_id),
        score: normalizedScore(data.face_match_score),
        outcome: data.status === 'SUCCESS' ? (data.face_match_result ?? data.status) : data.status,
      }),
    },
    ctx,
  );
}

/** POST /liveliness (multipart). `status` is returned exactly as Cashfree reports it. */
export function checkLiveliness(
  engine: CashfreeEngine,
  input: { image: Uint8Array; strictCheck?: boolean; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<LivelinessResponse>> {
  return engine.verify(
    {
      kind: 'liveliness',
      idPrefix: 'lv',
      verificationId: input.verificationId,
      schema: LivelinessResponse,
      build: (verificationId) => {
        const form = new FormData();
        form.append('verification_id', verificationId);
        const image = imageBlob(input.image);
        form.append('image', image.blob, image.name);
        if (input.strictCheck !== undefined) form.append('strict_check', String(input.strictCheck));
        return {
          request: { method: 'POST', path: '/liveliness', form },
          record: { verification_id: verificationId, image: input.image, strict_check: input.strictCheck },
        };
      },
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({
        referenceId: referenceOf(data.reference_id),
        score: normalizedScore(data.score),
        outcome: data.status,
      }),
    },
    ctx,
  );
}
