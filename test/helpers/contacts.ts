import type { FastifyInstance } from 'fastify';
import { authed } from './app.js';

export interface OutboxEntry {
  id: string;
  channel: 'email' | 'sms';
  template: string;
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  createdAt: string;
}

/** The newest development-outbox messages to `to` (an email address or a 10-digit mobile number). */
export async function outboxFor(app: FastifyInstance, to: string): Promise<OutboxEntry[]> {
  const response = await app.inject({ method: 'GET', url: '/v1/dev/outbox', query: { to, limit: '20' } });
  if (response.statusCode !== 200) throw new Error(`outbox: ${response.body}`);
  return (response.json() as { data: OutboxEntry[] }).data;
}

/**
 * The newest message of `template` to `to`, waiting for it to be written (mails may be queued after
 * the answer); with `newerThan`, one written after that many such messages.
 */
export async function latestMessage(
  app: FastifyInstance,
  to: string,
  template: string,
  options: { newerThan?: number; timeoutMs?: number } = {},
) {
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  for (;;) {
    const matching = (await outboxFor(app, to)).filter((entry) => entry.template === template);
    const found = matching.length > (options.newerThan ?? 0) ? matching[0] : undefined;
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${template} message to ${to} in the outbox`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How many messages of `template` to `to` the outbox holds. */
export const messageCount = async (app: FastifyInstance, to: string, template: string) =>
  (await outboxFor(app, to)).filter((entry) => entry.template === template).length;

/** The token of the link in a message (`…#token=…`). */
export const linkToken = (entry: OutboxEntry) => /#token=([A-Za-z0-9_-]+)/.exec(entry.text)![1]!;
/** The 6-digit code of an SMS. */
export const smsCode = (entry: OutboxEntry) => /\b(\d{6})\b/.exec(entry.text)![1]!;

/**
 * Verifies a customer's email (the link sent at registration) and mobile number (an SMS code),
 * through the development outbox and the public routes, as the customer would.
 */
export async function verifyContacts(app: FastifyInstance, user: { token: string; email: string }) {
  const mail = await latestMessage(app, user.email, 'email_verification');
  const email = await app.inject({
    method: 'POST',
    url: '/v1/auth/email/verify',
    payload: { token: linkToken(mail) },
  });
  if (email.statusCode !== 200) throw new Error(`email verification: ${email.body}`);
  await verifyMobile(app, user);
}

/** Verifies a customer's mobile number with the code sent by SMS, read from the development outbox. */
export async function verifyMobile(app: FastifyInstance, user: { token: string }) {
  const details = await authed(app, user.token, { method: 'GET', url: '/v1/user/getDetails' });
  const mobileNo = (details.json() as { data: { mobileNo: string } }).data.mobileNo;
  const otp = await authed(app, user.token, { method: 'POST', url: '/v1/auth/mobile/otp' });
  if (otp.statusCode !== 202) throw new Error(`mobile code: ${otp.body}`);
  const sms = await latestMessage(app, mobileNo, 'mobile_otp');
  const mobile = await authed(app, user.token, {
    method: 'POST',
    url: '/v1/auth/mobile/verify',
    payload: { code: smsCode(sms) },
  });
  if (mobile.statusCode !== 200) throw new Error(`mobile verification: ${mobile.body}`);
}
