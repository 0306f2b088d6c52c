import { officialPhoto, selfiePhoto } from './faces.js';
import type { Persona } from './personas.js';

/*
 * Each persona's face (faces.ts), drawn from its key: the official photo its Aadhaar and driving
 * licence carry, and a selfie that matches it. Drawing takes tens of milliseconds, so each picture is
 * drawn once per process.
 */

const drawn = new Map<string, Promise<Buffer>>();

function once(key: string, draw: () => Promise<Buffer>): Promise<Buffer> {
  let picture = drawn.get(key);
  if (!picture) {
    picture = draw();
    drawn.set(key, picture);
    // A failed drawing is not remembered: the next request draws again.
    picture.catch(() => drawn.delete(key));
  }
  return picture;
}

function genderOf(persona: Persona): string | undefined {
  const gender = persona.digilocker.aadhaar['gender'] ?? persona.digilocker.userDetails.gender;
  return typeof gender === 'string' ? gender : undefined;
}

export function personaOfficialPhoto(persona: Persona): Promise<Buffer> {
  return once(`official\0${persona.key}`, () => officialPhoto(persona.key, genderOf(persona)));
}

export function personaSelfie(persona: Persona): Promise<Buffer> {
  return once(`selfie\0${persona.key}`, () => selfiePhoto(persona.key, genderOf(persona)));
}

/** A document with its `photo_link` (when it has one) replaced by `photo`, base64 as Cashfree sends it. */
function withPhotoLink(document: Record<string, unknown>, photo: string): Record<string, unknown> {
  return document['photo_link'] === undefined || document['photo_link'] === null
    ? document
    : { ...document, photo_link: photo };
}

/**
 * The persona as the simulator hands it out: every photo it carries (Aadhaar, driving licence,
 * Secure-Share's AADHAAR scope) is its drawn official photo, or `photo` (base64 JPEG or PNG) when the
 * caller brought one. A document without a photo (say, an Aadhaar that could not be fetched) stays
 * without one.
 */
export async function withPhotos(persona: Persona, photo?: string): Promise<Persona> {
  const base64 = photo ?? (await personaOfficialPhoto(persona)).toString('base64');
  return {
    ...persona,
    scopes: persona.scopes.map((scope) =>
      scope.scope === 'AADHAAR'
        ? {
            ...scope,
            records: scope.records.map((record) => ({
              ...record,
              metadata: withPhotoLink(record.metadata, base64),
            })),
          }
        : scope,
    ),
    digilocker: {
      ...persona.digilocker,
      aadhaar: withPhotoLink(persona.digilocker.aadhaar, base64),
      drivingLicense: withPhotoLink(persona.digilocker.drivingLicense, base64),
    },
  };
}
