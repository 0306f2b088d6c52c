import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { outboundMessages } from '../../../src/db/schema/index.js';
import { guardResponses, newUser, registerAndLogin, testConfig } from '../../helpers/app.js';
import { createTestDatabase } from '../../helpers/database.js';
import type { TestDatabase } from '../../helpers/database.js';
import { outboxFor } from '../../helpers/contacts.js';

const SMS_SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

/** Bodies arrive quoted-printable (`=3D` for `=`, soft line breaks): decoded so they read as sent. */
const decodeQuotedPrintable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port; resolves `next()` with each mail it accepts. */
function startSmtp() {
  const received: ReceivedMail[] = [];
  const waiting: ((mail: ReceivedMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
        };
        const resolve = waiting.shift();
        if (resolve) resolve(mail);
        else received.push(mail);
        callback();
      });
    },
  });
  return {
    server,
    next: () => {
      const ready = received.shift();
      return ready ? Promise.resolve(ready) : new Promise<ReceivedMail>((resolve) => waiting.push(resolve));
    },
  };
}

interface ReceivedSms {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An SMS hook receiver answering with the given statuses in turn (then 200). */
function startSmsHook() {
  const received: ReceivedSms[] = [];
  const statuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
    });
  });
  return { server, received, statuses };
}

const listen = (server: Server | SMTPServer['server']) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

describe('delivery through SMTP and the SMS hook', () => {
  const smtp = startSmtp();
  const sms = startSmsHook();
  let app: FastifyInstance;
  let database: TestDatabase;

  beforeAll(async () => {
    const smtpPort = await listen(smtp.server.server);
    const smsPort = await listen(sms.server);
    database = await createTestDatabase();
    const config = testConfig({
      JOBS_ENABLED: 'true',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Acme KYC <kyc@acme.example>',
      BRAND_NAME: 'Acme Securities',
      PUBLIC_URL: 'https://kyc.acme.example/',
      SMS_WEBHOOK_URL: `http://127.0.0.1:${smsPort}/sms`,
      SMS_WEBHOOK_SECRET: SMS_SECRET,
    });
    app = await buildApp({ config, database: database.handle, logger: false });
    guardResponses(app, config);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await new Promise((resolve) => sms.server.close(resolve));
  });

  it('sends the password-reset mail to a real SMTP server, branded, in text and HTML', async () => {
    const user = await registerAndLogin(app);
    const verification = await smtp.next();
    expect(verification.to).toEqual([user.email]);
    expect(verification.raw).toMatch(/Subject: Confirm your email address for Acme Securities/);

    await app.inject({ method: 'POST', url: '/v1/auth/password/forgot', payload: { email: user.email } });
    const mail = await smtp.next();
    expect(mail.from).toBe('kyc@acme.example');
    expect(mail.to).toEqual([user.email]);
    expect(mail.raw).toMatch(/Subject: Reset your Acme Securities password/);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(mail.raw).toMatch(/https:\/\/kyc\.acme\.example\/onboard\/reset-password#token=pr_/);
    expect(mail.raw).toMatch(/Acme Securities \(identity verification by Pehchan\)/);
    // With a transport, nothing lands in the development outbox.
    expect(await outboxFor(app, user.email)).toEqual([]);
  });

  it('sends SMS to the hook signed like the outbound webhooks', async () => {
    const user = await registerAndLogin(app, newUser({ mobileNo: '9000000001' }));
    await smtp.next();
    const before = sms.received.length;
    const sent = await app.inject({
      method: 'POST',
      url: '/v1/auth/mobile/otp',
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(sent.statusCode).toBe(202);
    const [message] = await waitFor(() =>
      sms.received.length > before ? sms.received.slice(before) : undefined,
    );
    const payload = new Webhook(SMS_SECRET).verify(message!.body, {
      'webhook-id': String(message!.headers['webhook-id']),
      'webhook-timestamp': String(message!.headers['webhook-timestamp']),
      'webhook-signature': String(message!.headers['webhook-signature']),
    }) as { type: string; data: { to: string; text: string; template: string } };
    expect(payload.type).toBe('sms.send');
    expect(payload.data.to).toBe('+919000000001');
    expect(payload.data.template).toBe('mobile_otp');
    expect(payload.data.text).toMatch(/^\d{6} is your Acme Securities verification code/);
  });

  it('retries a failed delivery with backoff and records the failure', async () => {
    const user = await registerAndLogin(app, newUser({ mobileNo: '9000000002' }));
    await smtp.next();
    const userId = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString()).sub as string;
    // Written as a request would, then delivered by hand: the job system must not race the test.
    const id = await app.services.messages.queueSms(database.handle.db, {
      userId,
      to: '9000000002',
      template: 'mobile_otp',
      vars: { code: '123456', validForSeconds: 300 },
    });
    sms.statuses.push(503);
    await expect(app.services.messages.deliver(id)).rejects.toThrow(/HTTP 503/);
    const [failed] = await database.handle.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.id, id));
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMS hook answered HTTP 503' });
    expect(failed!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    await app.services.messages.deliver(id);
    const [sent] = await database.handle.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.id, id));
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    // A second job for a sent message sends nothing.
    const count = sms.received.length;
    await app.services.messages.deliver(id);
    expect(sms.received.length).toBe(count);
  });

  it('queues again a message whose delivery job was lost (a crash right after commit)', async () => {
    const user = await registerAndLogin(app);
    await smtp.next();
    const userId = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString()).sub as string;
    const id = await app.services.messages.queueEmail(database.handle.db, {
      userId,
      to: user.email,
      template: 'password_reset',
      vars: { link: 'https://kyc.acme.example/onboard/reset-password#token=lost', validForSeconds: 1800 },
    });
    await database.handle.db
      .update(outboundMessages)
      .set({ nextAttemptAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(outboundMessages.id, id));
    expect(await app.services.messages.sweep()).toBeGreaterThanOrEqual(1);
    const mail = await smtp.next();
    expect(mail.to).toEqual([user.email]);
    expect(mail.raw).toContain('token=lost');
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the development outbox', () => {
  it('is a 404 in production', async () => {
    const database = await createTestDatabase();
    const config = { ...testConfig(), isProduction: true, nodeEnv: 'production' };
    const app = await buildApp({ config, database: database.handle, logger: false });
    try {
      await app.ready();
      const answer = await app.inject({ method: 'GET', url: '/v1/dev/outbox' });
      expect(answer.statusCode).toBe(404);
    } finally {
      await app.close();
      await database.drop();
    }
  });

  it('answers outside production, newest first, with links readable', async () => {
    const database = await createTestDatabase();
    const config = testConfig();
    const app = await buildApp({ config, database: database.handle, logger: false });
    try {
      await app.ready();
      const user = await registerAndLogin(app);
      await app.inject({ method: 'POST', url: '/v1/auth/password/forgot', payload: { email: user.email } });
      const deadline = Date.now() + 5000;
      let entries = await outboxFor(app, user.email);
      while (entries.length < 2 && Date.now() < deadline) entries = await outboxFor(app, user.email);
      expect(entries.map((entry) => entry.template)).toEqual(['password_reset', 'email_verification']);
      expect(entries[0]!.text).toMatch(/#token=pr_/);
      const bad = await app.inject({ method: 'GET', url: '/v1/dev/outbox?limit=1000' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('/limit');
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
