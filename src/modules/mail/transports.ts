import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { Webhook } from 'standardwebhooks';
import { uuidv7 } from '../../lib/ids.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmsMessage {
  /** 10-digit Indian mobile number, as stored. */
  to: string;
  text: string;
  /** The template's name, so a gateway adapter can pick its DLT-registered template. */
  template: string;
}

export interface EmailTransport {
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

export interface SmsTransport {
  send(message: SmsMessage): Promise<void>;
}

/** Email over SMTP (`smtp://user:pass@host:587` uses STARTTLS when offered, `smtps://` TLS from the start). */
export class SmtpTransport implements EmailTransport {
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = nodemailer.createTransport(url);
  }

  async send(message: EmailMessage): Promise<void> {
    await this.transporter.sendMail({ from: this.from, ...message });
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * SMS through the host application or a gateway adapter: a JSON POST signed per Standard Webhooks,
 * like the KYC events, so the receiver checks it came from Pehchan before sending it on through its
 * DLT-registered sender. Any 2xx answer is a delivery; anything else is retried.
 */
export class HttpSmsTransport implements SmsTransport {
  private readonly signer: Webhook;

  constructor(
    private readonly url: string,
    secret: string,
    private readonly timeoutMs: number,
  ) {
    this.signer = new Webhook(secret);
  }

  async send(message: SmsMessage): Promise<void> {
    const id = `sms_${uuidv7().replaceAll('-', '')}`;
    const now = new Date();
    const body = JSON.stringify({
      type: 'sms.send',
      timestamp: now.toISOString(),
      data: { to: `+91${message.to}`, text: message.text, template: message.template },
    });
    const response = await fetch(this.url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Pehchan-Webhooks/1',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': this.signer.sign(id, now, body),
      },
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299)
      throw new Error(`SMS hook answered HTTP ${response.status}`);
  }
}
