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

/** Sends `image` as the selfie of a liveliness check. */
export function uploadSelfie(
  app: FastifyInstance,
  token: string,
  image: Buffer,
  headers: Record<string, string> = {},
  filename = 'selfie.jpg',
) {
  const body = multipart([imagePart(image, filename)]);
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
