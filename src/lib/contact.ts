import { domainToASCII } from 'node:url';

export const EMAIL_MAX_LENGTH = 254;
// Deliberately plain: one @, no spaces, a dotted domain. Deliverability is the mailer's question.
const EMAIL_SHAPE = /^[^\s@"(),:;<>[\\\]]{1,64}@[^\s@]+\.[^\s@]+$/;

/** Trims, lower-cases and converts an IDN domain to punycode; undefined when it is not an email. */
export function normaliseEmail(input: string): string | undefined {
  const trimmed = input.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 1) return undefined;
  const domain = domainToASCII(trimmed.slice(at + 1));
  if (!domain) return undefined;
  const email = `${trimmed.slice(0, at)}@${domain}`;
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.test(email)) return undefined;
  return email;
}

/** Accepts `+91`, `91` and `0` prefixes with spaces or hyphens; returns the 10-digit number. */
export function normaliseIndianMobile(input: string | number): string | undefined {
  const compact = String(input).replace(/[\s-]/g, '');
  const match = /^(?:\+91|91|0)?([6-9]\d{9})$/.exec(compact);
  return match?.[1];
}
