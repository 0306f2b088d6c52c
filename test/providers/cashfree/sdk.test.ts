import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cashfree } from 'cashfree-verification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/providers/cashfree-simulator/index.js';
import { passingSelfie } from '../../../src/providers/cashfree-simulator/test-images.js';

/*
 * Cashfree's own npm SDK (cashfree-verification), pointed at the standalone simulator: every endpoint
 * the SDK and the simulator both have must answer it as Cashfree would. The SDK has no bank, IFSC,
 * /liveliness, PAN Lite or Secure-Share methods.
 */

let sim: RunningSimulator;
const scratch = mkdtempSync(path.join(tmpdir(), 'pehchan-sdk-'));
const API_VERSION = '2024-12-01';
const unique = (prefix: string) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
/** A JPEG as the SDK takes it in Node (axios 1.5 posts files with form-data, which reads streams, not Files). */
async function jpeg(seed: number): Promise<File> {
  const file = path.join(scratch, `face-${seed}.jpg`);
  writeFileSync(file, await passingSelfie(seed));
  return createReadStream(file) as unknown as File;
}

beforeAll(async () => {
  sim = await startSimulator({ rateLimitPerMinute: 0, bankAsyncSettleMs: 0 });
  Cashfree.XClientId = sim.clientId;
  Cashfree.XClientSecret = sim.clientSecret;
  // Otherwise every call sets up Sentry and reports errors to Cashfree's project.
  Cashfree.XEnableErrorAnalytics = false;
  // The SDK builds its URLs from basePath.
  Cashfree.basePath = sim.url;
});
afterAll(async () => {
  await sim?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("Cashfree's npm SDK against the simulator", () => {
  it('verifies a PAN, fetches it again by reference id, and runs PAN 360', async () => {
    const pan = await Cashfree.VrsPanVerification({ pan: 'ABCPV1234D', name: 'JOHN DOE' }, API_VERSION);
    expect(pan.status).toBe(200);
    expect(pan.data).toMatchObject({ pan: 'ABCPV1234D', valid: true });
    const again = await Cashfree.VrsFetchPanDetails(String(pan.data.reference_id), API_VERSION);
    expect(again.data).toMatchObject({ pan: 'ABCPV1234D', reference_id: pan.data.reference_id });
    const advance = await Cashfree.VrsPanAdvanceVerification({
      pan: 'ABCPV1234D',
      verification_id: unique('pan360'),
      name: 'JOHN DOE',
    });
    expect(advance.data).toMatchObject({ pan: 'ABCPV1234D', status: 'VALID' });
  });

  it('runs DigiLocker: creates the link, follows its status and fetches the Aadhaar after consent', async () => {
    const verificationId = unique('dl');
    const created = await Cashfree.VrsDigilockerVerificationCreateUrl({
      verification_id: verificationId,
      document_requested: ['AADHAAR'],
      redirect_url: 'https://example.in/done',
    });
    expect(created.data).toMatchObject({ verification_id: verificationId, status: 'PENDING' });
    const consent = await fetch(`${created.data.url}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'sandbox_pan_holder' }),
    });
    expect(consent.status).toBe(200);
    const status = await Cashfree.VrsDigilockerVerificationFetchStatus(undefined, undefined, verificationId);
    expect(status.data).toMatchObject({ status: 'AUTHENTICATED' });
    const aadhaar = await Cashfree.VrsDigilockerVerificationFetchDocument(
      'AADHAAR',
      undefined,
      undefined,
      verificationId,
    );
    expect(aadhaar.data).toMatchObject({ status: 'SUCCESS', name: 'JOHN DOE' });
  });

  it('checks face liveness and matches two faces', async () => {
    const liveness = await Cashfree.VrsFaceLivenessCheck(API_VERSION, unique('live'), await jpeg(1));
    expect(liveness.data).toMatchObject({ status: 'SUCCESS', liveness: true });
    const match = await Cashfree.VrsFaceMatchVerification(unique('fm'), await jpeg(2), await jpeg(2));
    expect(match.data).toMatchObject({ face_match_result: 'YES' });
  });

  it('matches names and reverse-geocodes a point', async () => {
    const names = await Cashfree.VrsNameMatchVerification({
      verification_id: unique('nm'),
      name_1: 'John Doe',
      name_2: 'JOHN DOE',
    });
    expect(names.data).toMatchObject({ status: 'SUCCESS' });
    const place = await Cashfree.VrsReverseGeocodingVerification({
      verification_id: unique('geo'),
      latitude: '19.0760',
      longitude: '72.8777',
    });
    expect(place.data).toMatchObject({ status: 'VALID' });
  });
});
