import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeSelfie } from '../../../src/modules/documents/sanitize.js';
import { MAX_SELFIE_BYTES } from '../../../src/modules/liveliness/service.js';
import { officialPhoto } from '../../../src/providers/cashfree-simulator/faces.js';
import { PERSONAS } from '../../../src/providers/cashfree-simulator/index.js';
import { passingSelfie } from '../../../src/providers/cashfree-simulator/test-images.js';
import { simulatorPost, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const keys = [...PERSONAS.keys()];
/** Personas whose DigiLocker Aadhaar has a photo (an AADHAAR_NOT_LINKED answer has none). */
const withAadhaarPhoto = keys.filter((key) => PERSONAS.get(key)!.digilocker.aadhaar['photo_link'] !== null);

/** As Pehchan stores both pictures before comparing them: re-encoded JPEGs, at most 1024 pixels a side. */
const asPehchanStoresIt = async (bytes: Buffer) =>
  (await sanitizeSelfie(bytes, { maxBytes: MAX_SELFIE_BYTES, maxPixels: 30_000_000, maxDimension: 1024 }))
    .bytes;

async function download(path: string): Promise<Buffer> {
  const response = await fetch(`${h.sim.url}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/jpeg');
  return Buffer.from(await response.arrayBuffer());
}

/** The Aadhaar photo DigiLocker hands over after the user consents as `persona`. */
async function digilockerPhoto(persona: string, photo?: string): Promise<Buffer> {
  const { verificationId } = await h.client.createDigilockerRequest({ documents: ['AADHAAR'] });
  const consent = await simulatorPost(h.sim, `/simulator/digilocker/${verificationId}/authenticate`, {
    persona,
    ...(photo ? { photo } : {}),
  });
  expect(consent.status).toBe(200);
  const aadhaar = await h.client.getDigilockerDocument('AADHAAR', verificationId);
  if (aadhaar.pending) throw new Error('DigiLocker still pending after consent');
  return Buffer.from(String(aadhaar.document.photo_link), 'base64');
}

describe('personas over HTTP', () => {
  it('lists every persona with its key, name and purpose, and links to its pictures', async () => {
    const listed = (await (await fetch(`${h.sim.url}/simulator/personas`)).json()) as Record<
      string,
      string
    >[];
    expect(listed.map((persona) => persona.key)).toEqual(keys);
    for (const persona of listed) {
      expect(persona).toMatchObject({
        name: PERSONAS.get(persona.key!)!.digilocker.userDetails.name,
        purpose: expect.stringMatching(/\w/),
        selfie: `${h.sim.url}/simulator/personas/${persona.key}/selfie.jpg`,
        photo: `${h.sim.url}/simulator/personas/${persona.key}/photo.jpg`,
      });
    }
  });

  it('answers 404 for a persona it does not know', async () => {
    const response = await fetch(`${h.sim.url}/simulator/personas/nobody/selfie.jpg`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'persona_value_invalid' });
  });

  it('draws the same face on every run', async () => {
    const [first, second] = await Promise.all([officialPhoto('someone', 'F'), officialPhoto('someone', 'F')]);
    expect(first.equals(second)).toBe(true);
    expect((await officialPhoto('someone else', 'F')).equals(first)).toBe(false);
  });

  it.each(keys)(
    "%s: the selfie is accepted by Pehchan's upload checks and is a live face to the simulator",
    async (key) => {
      const selfie = await download(`/simulator/personas/${key}/selfie.jpg`);
      expect(selfie.length).toBeLessThan(MAX_SELFIE_BYTES);
      const stored = await asPehchanStoresIt(selfie);
      const { data } = await h.client.checkLiveliness({ image: stored, strictCheck: true });
      expect(data).toMatchObject({ status: 'SUCCESS', liveliness: true });
      expect(Number(data.score)).toBeGreaterThanOrEqual(0.75);
    },
  );

  it.each(withAadhaarPhoto)(
    "%s: the selfie matches the persona's DigiLocker Aadhaar photo and no other persona's",
    async (key) => {
      const selfie = await asPehchanStoresIt(await download(`/simulator/personas/${key}/selfie.jpg`));
      for (const other of withAadhaarPhoto) {
        const photo = await asPehchanStoresIt(await digilockerPhoto(other));
        const { data } = await h.client.matchFaces({ firstImage: selfie, secondImage: photo });
        expect({ other, result: data.face_match_result }).toEqual({
          other,
          result: other === key ? 'YES' : 'NO',
        });
        if (other === key) expect(Number(data.face_match_score)).toBeGreaterThanOrEqual(0.8);
        else expect(Number(data.face_match_score)).toBeLessThan(0.7);
      }
    },
  );

  it("serves the persona's official photo as the driving licence photo too", async () => {
    const { verificationId } = await h.client.createDigilockerRequest({ documents: ['DRIVING_LICENSE'] });
    await simulatorPost(h.sim, `/simulator/digilocker/${verificationId}/authenticate`, {
      persona: 'john_doe',
    });
    const licence = await h.client.getDigilockerDocument('DRIVING_LICENSE', verificationId);
    if (licence.pending) throw new Error('DigiLocker still pending after consent');
    expect(Buffer.from(String(licence.document.photo_link), 'base64')).toEqual(
      await download('/simulator/personas/john_doe/photo.jpg'),
    );
  });
});

describe('DigiLocker consent with a photo of the caller’s choosing', () => {
  it('serves the given photo as the Aadhaar photo', async () => {
    const photo = await passingSelfie(5);
    expect((await digilockerPhoto('default', photo.toString('base64'))).equals(photo)).toBe(true);
  });

  it.each([
    ['not base64', '***'],
    ['not a JPEG or PNG', Buffer.from('GIF89a not an image').toString('base64')],
  ])('refuses a photo that is %s, leaving the request pending', async (_label, photo) => {
    const { verificationId } = await h.client.createDigilockerRequest({ documents: ['AADHAAR'] });
    const consent = await simulatorPost(h.sim, `/simulator/digilocker/${verificationId}/authenticate`, {
      persona: 'default',
      photo,
    });
    expect(consent.status).toBe(400);
    expect(await consent.json()).toMatchObject({ code: 'photo_value_invalid' });
    expect(await h.client.getDigilockerStatus({ verificationId })).toMatchObject({ status: 'PENDING' });
  });
});
