import { inIndia, nearestForeignPlace, nearestPlace } from '../data.js';
import {
  bodyOf,
  duplicateVerificationId,
  requiredString,
  validationError,
  verificationIdOf,
  type DefineRoute,
  type SimulatorContext,
} from '../http.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function coordinateOf(body: Record<string, unknown>, field: 'latitude' | 'longitude', limit: number): number {
  const raw = requiredString(body, field);
  const value = Number(raw);
  if (!DECIMAL.test(raw.trim()) || Math.abs(value) > limit) {
    throw validationError(`${field}_value_invalid`, `${field} value should range from -${limit} to ${limit}`);
  }
  return value;
}

/**
 * Points within ~5 km (0.05°) of a known place get its address with score 1; other points in
 * India get the nearest known city with a score falling with distance; points outside India's box
 * within 10° of a known foreign place (London, Dubai, Singapore, New York, Kathmandu) get that
 * place and its country code; others (open sea) are `INVALID`.
 */
export function registerGeocodingRoutes(define: DefineRoute, { state }: SimulatorContext): void {
  define('POST', '/reverse-geocoding', async (request, call) => {
    const body = bodyOf(request);
    const verification_id = verificationIdOf(body);
    call.verificationId = verification_id;
    const latitude = coordinateOf(body, 'latitude', 90);
    const longitude = coordinateOf(body, 'longitude', 180);
    if (!state.claimVerificationId('/reverse-geocoding', verification_id)) throw duplicateVerificationId();
    const base = {
      verification_id,
      reference_id: state.newReferenceId(),
      latitude: String(body['latitude']),
      longitude: String(body['longitude']),
    };
    const foreign = inIndia(latitude, longitude) ? undefined : nearestForeignPlace(latitude, longitude);
    if (foreign) {
      return {
        body: {
          ...base,
          address: foreign.address,
          city: foreign.city,
          state: foreign.state,
          statecode: null,
          countrycode: foreign.countrycode,
          pincode: null,
          score: 1,
          status: 'VALID',
        },
      };
    }
    if (!inIndia(latitude, longitude)) {
      return {
        body: {
          ...base,
          address: null,
          city: null,
          state: null,
          statecode: null,
          countrycode: null,
          pincode: null,
          score: 0,
          status: 'INVALID',
        },
      };
    }
    const { place, distance } = nearestPlace(latitude, longitude);
    const score = distance <= 0.05 ? 1 : Math.max(0.1, Math.round((1 - distance / 10) * 100) / 100);
    return {
      body: {
        ...base,
        address: place.address,
        city: place.city,
        state: place.state,
        statecode: place.statecode,
        countrycode: 'In',
        pincode: place.pincode,
        score,
        status: 'VALID',
      },
    };
  });
}
