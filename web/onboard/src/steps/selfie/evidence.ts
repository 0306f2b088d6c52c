import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call } from '../../../../shared/src/api/client';

/** The customer's answer to the location request, as far as the page knows it. */
export type LocationState =
  | { kind: 'idle' }
  | { kind: 'asking' }
  | { kind: 'shared'; latitude: number; longitude: number; accuracy: number }
  | { kind: 'refused' }
  /** The device tried and gave no fix in time (indoors, location services off): worth another try. */
  | { kind: 'failed' }
  /** No location on this browser at all. */
  | { kind: 'unavailable' };

export interface Challenge {
  challengeId: string;
  instruction: string;
  expiresAt: string;
}

/** A fix may be a minute old (the customer does not move while taking a selfie); a slow GPS is given 15 s. */
const POSITION_OPTIONS: PositionOptions = { enableHighAccuracy: true, maximumAge: 60_000, timeout: 15_000 };

/**
 * The in-person verification evidence a selfie carries: the browser's location (asked once, with the
 * customer's consent; a refusal is remembered and the selfie still goes) and the server's challenge,
 * shown before the capture and renewed after each check (a challenge is single-use).
 */
export function useCaptureEvidence() {
  const [location, setLocation] = useState<LocationState>({ kind: 'idle' });
  const [challenge, setChallenge] = useState<Challenge>();
  const pending = useRef<Promise<LocationState> | undefined>(undefined);

  /** Asks once; `again` asks once more after a failed fix (the customer's "Try again"). */
  const locate = useCallback(
    ({ again = false } = {}): Promise<LocationState> => {
      const askable =
        location.kind === 'idle' || location.kind === 'asking' || (again && location.kind === 'failed');
      if (!askable) return Promise.resolve(location);
      if (pending.current) return pending.current;
      if (!('geolocation' in navigator)) {
        const state: LocationState = { kind: 'unavailable' };
        setLocation(state);
        return Promise.resolve(state);
      }
      setLocation({ kind: 'asking' });
      pending.current = new Promise<LocationState>((resolve) => {
        navigator.geolocation.getCurrentPosition(
          ({ coords }) =>
            resolve({
              kind: 'shared',
              latitude: coords.latitude,
              longitude: coords.longitude,
              accuracy: coords.accuracy,
            }),
          (error) => resolve({ kind: error.code === error.PERMISSION_DENIED ? 'refused' : 'failed' }),
          POSITION_OPTIONS,
        );
      }).then((state) => {
        pending.current = undefined;
        setLocation(state);
        return state;
      });
      return pending.current;
    },
    [location],
  );

  const renewChallenge = useCallback(async () => {
    setChallenge(undefined);
    try {
      setChallenge((await call(api.POST('/v1/ipv/challenge'))).data);
    } catch {
      // Without a challenge the selfie still goes; the case then goes to a reviewer.
      setChallenge(undefined);
    }
  }, []);

  useEffect(() => {
    void renewChallenge();
  }, [renewChallenge]);

  /**
   * Adds the evidence fields to the selfie's form, asking for the location first if it was not asked
   * yet. The challenge is the one shown when the photo was taken.
   */
  const attach = useCallback(
    async (form: FormData, { challengeId, capturedAt }: { challengeId?: string; capturedAt: Date }) => {
      const where = await locate();
      if (challengeId) form.append('challengeId', challengeId);
      if (where.kind === 'shared') {
        form.append('latitude', where.latitude.toFixed(7));
        form.append('longitude', where.longitude.toFixed(7));
        form.append('accuracy', String(Math.round(where.accuracy)));
      }
      form.append('capturedAt', capturedAt.toISOString());
    },
    [locate],
  );

  return { location, locate, challenge, renewChallenge, attach };
}
