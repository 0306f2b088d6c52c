import {
  normalizedScore,
  referenceOf,
  type CallContext,
  type CashfreeEngine,
  type Verified,
} from '../engine.js';
import { ReverseGeocodingResponse } from '../schemas.js';

/** POST /reverse-geocoding; coordinates are sent as strings, as Cashfree expects. */
export function reverseGeocode(
  engine: CashfreeEngine,
  input: { latitude: number | string; longitude: number | string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<ReverseGeocodingResponse>> {
  return engine.verify(
    {
      kind: 'reverse_geocoding',
      idPrefix: 'geo',
      verificationId: input.verificationId,
      schema: ReverseGeocodingResponse,
      build: (verificationId) =>
        engine.json('/reverse-geocoding', {
          verification_id: verificationId,
          latitude: String(input.latitude),
          longitude: String(input.longitude),
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
