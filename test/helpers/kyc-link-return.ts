import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The host's check of a KYC link's return, exactly as docs/kyc-links.md shows it: the signature over
 * `${linkId}.${status}.${ts}` with the webhook secret's bytes, compared in constant time, and a
 * maximum age. The unit tests and the browser test's host page both verify with it.
 */
export function verifyPehchanReturn(returnUrl: string, webhookSecret: string, maxAgeSeconds = 300) {
  const params = new URL(returnUrl).searchParams;
  const linkId = params.get('linkId');
  const status = params.get('status');
  const ts = params.get('ts');
  const signature = params.get('signature');
  if (!linkId || !status || !ts || !signature || !/^\d+$/.test(ts)) return null;
  const age = Math.floor(Date.now() / 1000) - Number(ts);
  if (age > maxAgeSeconds || age < -60) return null;
  const key = Buffer.from(webhookSecret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${linkId}.${status}.${ts}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { linkId, status };
}
