import {
  normalizedScore,
  referenceOf,
  type CallContext,
  type CashfreeEngine,
  type Verified,
} from '../engine.js';
import { PanAdvanceResponse, PanLiteResponse, PanResponse } from '../schemas.js';

/** POST /pan. Takes no verification id, so a lost answer is retried once under a new record. */
export function verifyPan(
  engine: CashfreeEngine,
  input: { pan: string; name?: string },
  ctx: CallContext = {},
): Promise<Verified<PanResponse>> {
  return engine.verify(
    {
      kind: 'pan',
      idPrefix: 'pan',
      schema: PanResponse,
      build: () => engine.json('/pan', { pan: input.pan, name: input.name }),
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({
        referenceId: referenceOf(data.reference_id),
        score: normalizedScore(data.name_match_score),
        outcome: data.pan_status ?? (data.valid ? 'VALID' : 'INVALID'),
      }),
    },
    ctx,
  );
}

/** POST /pan/advance (PAN 360). */
export function verifyPanAdvance(
  engine: CashfreeEngine,
  input: { pan: string; name?: string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<PanAdvanceResponse>> {
  return engine.verify(
    {
      kind: 'pan_advance',
      idPrefix: 'pan360',
      verificationId: input.verificationId,
      schema: PanAdvanceResponse,
      build: (verificationId) =>
        engine.json('/pan/advance', { pan: input.pan, verification_id: verificationId, name: input.name }),
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: data.status }),
    },
    ctx,
  );
}

/** POST /pan-lite: PAN, name and date of birth (YYYY-MM-DD) checked together. */
export function verifyPanLite(
  engine: CashfreeEngine,
  input: { pan: string; name: string; dob: string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<PanLiteResponse>> {
  return engine.verify(
    {
      kind: 'pan_lite',
      idPrefix: 'panlite',
      verificationId: input.verificationId,
      schema: PanLiteResponse,
      build: (verificationId) =>
        engine.json('/pan-lite', {
          verification_id: verificationId,
          pan: input.pan,
          name: input.name,
          dob: input.dob,
        }),
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: data.status }),
    },
    ctx,
  );
}
