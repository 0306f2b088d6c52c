import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/client.js';
import type { MessageChannel } from '../../db/schema/index.js';
import type { Jobs } from '../../jobs/index.js';
import { decryptFieldString, encryptField } from '../../lib/crypto/index.js';
import type { UserKeyService } from '../keys/service.js';
import { createMessageRepository } from './repository.js';
import type { MessageRow } from './repository.js';
import { renderEmail, SMS_TEMPLATES } from './templates.js';
import type { Brand, EmailTemplateName, EmailVars, SmsTemplateName } from './templates.js';
import type { EmailMessage, EmailTransport, SmsMessage, SmsTransport } from './transports.js';

export const MESSAGE_DELIVERY_JOB = 'messages.deliver';
export const MESSAGE_SWEEP_JOB = 'messages.sweep';
/** Attempts before a message is given up: with the backoff below, about two hours of retries. */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_SECONDS = 30;
const LEASE_SECONDS = 120;
/** A pending message this far past its due time lost its job; the sweep queues it again. */
const SWEEP_GRACE_SECONDS = 600;
const MAX_ERROR_LENGTH = 500;
const OUTBOX_SCAN = 500;

type Content = EmailMessage | SmsMessage;

export interface OutboxEntry {
  id: string;
  channel: MessageChannel;
  template: string;
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  createdAt: string;
}

export interface MessageTransports {
  email: EmailTransport | undefined;
  sms: SmsTransport | undefined;
}

const contentContext = (userId: string, id: string) => ({
  table: 'outbound_messages',
  column: `content:${id}`,
  userId,
});

/**
 * Mail and SMS to account holders. A message is written (encrypted under the recipient's data key)
 * in the caller's transaction and delivered by a job after commit, with retries and backoff. A
 * channel without a transport (outside production only: the configuration refuses it there) keeps
 * its messages for the development outbox instead.
 */
export class MessageService {
  constructor(
    private readonly db: Database,
    private readonly keys: UserKeyService,
    private readonly jobs: Jobs | undefined,
    private readonly transports: MessageTransports,
    private readonly brand: Brand,
    private readonly logger: FastifyBaseLogger,
  ) {}

  /** Writes an email for `userId`; call `deliverSoon` with the id once the transaction committed. */
  async queueEmail<Name extends EmailTemplateName>(
    executor: Executor,
    message: { userId: string; to: string; template: Name; vars: EmailVars<Name> },
  ): Promise<string> {
    const rendered = renderEmail(message.template, message.vars, this.brand);
    return this.queue(executor, message.userId, 'email', message.template, { to: message.to, ...rendered });
  }

  async queueSms(
    executor: Executor,
    message: {
      userId: string;
      to: string;
      template: SmsTemplateName;
      vars: { code: string; validForSeconds: number };
    },
  ): Promise<string> {
    const text = SMS_TEMPLATES[message.template](message.vars, this.brand);
    return this.queue(executor, message.userId, 'sms', message.template, {
      to: message.to,
      text,
      template: message.template,
    });
  }

  /** Asks for a delivery now; a message kept for the outbox, or a lost request, is handled elsewhere. */
  async deliverSoon(messageId: string): Promise<void> {
    await this.jobs?.send(MESSAGE_DELIVERY_JOB, { messageId });
  }

  /** One delivery attempt (the job's handler). Throws on a failure that will be retried. */
  async deliver(messageId: string): Promise<void> {
    const repository = createMessageRepository(this.db);
    const row = await repository.claim(messageId, LEASE_SECONDS);
    if (!row) return;
    let content: Content;
    try {
      content = await this.open(row);
    } catch (error) {
      // Erased with its owner's data key, or unreadable: there is nothing to send.
      await repository.markFailed(
        row.id,
        `content unreadable: ${(error as Error).message}`.slice(0, MAX_ERROR_LENGTH),
      );
      return;
    }
    try {
      if (row.channel === 'email') await this.transportFor('email').send(content as EmailMessage);
      else await this.transportFor('sms').send(content as SmsMessage);
      await repository.markSent(row.id);
    } catch (caught) {
      const error = describe(caught);
      if (row.attempts >= MAX_ATTEMPTS) {
        await repository.markFailed(row.id, error);
        this.logger.error({ messageId, channel: row.channel, error }, 'message given up after retries');
        return;
      }
      const delaySeconds = FIRST_RETRY_SECONDS * 2 ** (row.attempts - 1);
      await repository.release(row.id, error, new Date(Date.now() + delaySeconds * 1000));
      this.logger.warn(
        { messageId, channel: row.channel, attempt: row.attempts, error },
        'message not delivered, retrying',
      );
      throw new Error(`message ${messageId} not delivered: ${error}`);
    }
  }

  /** Queues a delivery again for every pending message whose job was lost; returns how many. */
  async sweep(limit = 100): Promise<number> {
    const ids = await createMessageRepository(this.db).overdue(SWEEP_GRACE_SECONDS, limit);
    for (const id of ids) await this.deliverSoon(id);
    return ids.length;
  }

  /** The development outbox, newest first, with links and codes readable. */
  async outbox(options: { limit: number; to?: string | undefined }): Promise<OutboxEntry[]> {
    // A recipient filter looks through the newest messages (the recipient is encrypted with the rest).
    const rows = await createMessageRepository(this.db).outbox(options.to ? OUTBOX_SCAN : options.limit);
    const entries: OutboxEntry[] = [];
    for (const row of rows) {
      const content = await this.open(row).catch(() => undefined);
      if (!content) continue; // its owner was erased
      if (options.to && content.to !== options.to) continue;
      if (entries.length === options.limit) break;
      entries.push({
        id: row.id,
        channel: row.channel,
        template: row.template,
        to: content.to,
        subject: 'subject' in content ? content.subject : null,
        text: content.text,
        html: 'html' in content ? content.html : null,
        createdAt: row.createdAt.toISOString(),
      });
    }
    return entries;
  }

  close(): void {
    this.transports.email?.close();
  }

  private async queue(
    executor: Executor,
    userId: string,
    channel: MessageChannel,
    template: string,
    content: Content,
  ): Promise<string> {
    const dataKey = await this.keys.getOrCreate(executor, userId);
    return createMessageRepository(executor).insert({
      userId,
      channel,
      template,
      status: this.transports[channel] ? 'pending' : 'outbox',
      content: (id) => encryptField(dataKey, JSON.stringify(content), contentContext(userId, id)),
    });
  }

  private async open(row: MessageRow): Promise<Content> {
    const dataKey = await this.keys.find(this.db, row.userId);
    if (!dataKey) throw new Error('data key erased');
    return JSON.parse(
      decryptFieldString(dataKey, row.content, contentContext(row.userId, row.id)),
    ) as Content;
  }

  private transportFor<Channel extends MessageChannel>(
    channel: Channel,
  ): NonNullable<MessageTransports[Channel]> {
    const transport = this.transports[channel];
    if (!transport) throw new Error(`no ${channel} transport configured`);
    return transport as NonNullable<MessageTransports[Channel]>;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}

/** The delivery job (one per message, retried with backoff) and the sweep that re-queues lost ones. */
export function defineMessageJobs(jobs: Jobs, messages: MessageService): void {
  jobs.define<{ messageId: string }>({
    name: MESSAGE_DELIVERY_JOB,
    retryLimit: MAX_ATTEMPTS - 1,
    retryDelaySeconds: FIRST_RETRY_SECONDS,
    concurrency: 2,
    handler: ({ messageId }) => messages.deliver(messageId),
  });
  jobs.define({
    name: MESSAGE_SWEEP_JOB,
    schedule: '*/5 * * * *',
    retryLimit: 0,
    handler: async () => {
      await messages.sweep();
    },
  });
}
