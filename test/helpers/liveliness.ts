import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { authed, registerAndLogin } from './app.js';
import { imagePart, multipart } from './multipart.js';

/** A signed-in customer who has given the `kyc_verification` consent a selfie needs. */
export async function consentingCustomer(app: FastifyInstance) {
  const user = await registerAndLogin(app);
  const consent = await authed(app, user.token, {
    method: 'POST',
    url: '/v1/consents',
    payload: { purpose: 'kyc_verification', noticeVersion: '2026-11' },
  });
  expect(consent.statusCode).toBe(201);
  return user;
}

/** A point in Mumbai, within 5 km of a place the simulator's reverse geocoding knows: in India. */
export const IN_INDIA = { latitude: '19.0760', longitude: '72.8777', accuracy: '20' };
/** A point in London: the simulator answers the country code `Gb`. */
export const ABROAD = { latitude: '51.5074', longitude: '-0.1278', accuracy: '20' };

export type CapturePart = { name: string; value: string };

/**
 * The in-person verification fields a current client sends with its selfie: a fresh challenge,
 * the capture point (`null`: none) and the capture time.
 */
export async function captureFields(
  app: FastifyInstance,
  token: string,
  location: Record<string, string> | null = IN_INDIA,
): Promise<CapturePart[]> {
  const challenge = await authed(app, token, { method: 'POST', url: '/v1/ipv/challenge' });
  if (challenge.statusCode !== 201) throw new Error(`challenge: ${challenge.body}`);
  return [
    { name: 'challengeId', value: challenge.json().data.challengeId as string },
    ...Object.entries(location ?? {}).map(([name, value]) => ({ name, value })),
    { name: 'capturedAt', value: new Date().toISOString() },
  ];
}

/** Sends `image` as the selfie of a liveliness check, with the capture fields given (none: a v1 client). */
export function uploadSelfie(
  app: FastifyInstance,
  token: string,
  image: Buffer,
  headers: Record<string, string> = {},
  filename = 'selfie.jpg',
  fields: CapturePart[] = [],
) {
  const body = multipart([imagePart(image, filename), ...fields]);
  return authed(app, token, {
    method: 'POST',
    url: '/v1/image/liveliness_check',
    payload: body.payload,
    headers: { ...body.headers, ...headers },
  });
}

/** The user id inside an access token. */
export const userIdOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
