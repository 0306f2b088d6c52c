import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { CaseStatus, LinkLocale } from '../../db/schema/index.js';
import { AppError, conflict, fieldError } from '../../lib/errors.js';
import { throttleAddress } from '../../plugins/rate-limit.js';
import type { RateLimiter } from '../../plugins/rate-limit.js';
import type { ActiveSession } from '../auth/repository.js';
import type { AuthService, ClientContext } from '../auth/service.js';
import type { IntegrationService } from '../integration/service.js';
import type { LastDecision } from '../kyc/schemas.js';
import { enqueueLinkWebhook } from '../webhooks/outbox.js';
import { createKycLinkRepository } from './repository.js';
import type { LinkRow } from './repository.js';
import { LINK_TTL } from './schemas.js';
import type { CreateLinkBody, LinkStatus, LinkView } from './schemas.js';

/** `kl_` and 32 random bytes in base64url: the link's single-use secret. */
const TOKEN_PATTERN = /^kl_[A-Za-z0-9_-]{43}$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface KycLinkSettings {
  /** Pehchan's public base URL; links point at `${publicUrl}/onboard/link#<token>`. */
  publicUrl: string;
  /** The origins a redirectUrl may have (LINK_REDIRECT_ORIGINS). */
  redirectOrigins: string[];
  /** WEBHOOK_SECRET (`whsec_` + base64): its bytes sign the redirect. Without it links cannot be made. */
  signingSecret: string | undefined;
  exchangesPerIpPerMinute: number;
  accessTokenTtlSeconds: number;
}

/**
 * The redirect's signature: base64url(HMAC-SHA256(key, `${linkId}.${status}.${ts}`)), the key being
 * the bytes of the webhook secret (what follows `whsec_`, base64-decoded). docs/kyc-links.md has the
 * host's side of it.
 */
export function signRedirect(secret: string, linkId: string, status: string, ts: number): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return createHmac('sha256', key).update(`${linkId}.${status}.${ts}`).digest('base64url');
}

const linkNotFound = () => new AppError('link_not_found', 'This KYC link does not exist');

/** Why a link can no longer be exchanged. */
function refusal(row: LinkRow): AppError {
  if (row.revokedAt) return new AppError('link_revoked', 'This KYC link was cancelled by the sender');
  if (row.openedAt) return new AppError('link_used', 'This KYC link was already used; ask for a new one');
  return new AppError('link_expired', 'This KYC link has expired; ask for a new one');
}

function statusOf(row: LinkRow, now: Date): LinkStatus {
  if (row.completedAt) return 'completed';
  if (row.revokedAt) return 'revoked';
  if (row.openedAt) return 'opened';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

/**
 * KYC links: a host application's backend makes a link for its customer; opening it exchanges the
 * single-use token for a customer session bound to that link; completing sends the browser back to
 * the host with a signed result.
 */
export class KycLinkService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      auth: AuthService;
      integration: IntegrationService;
      limiter: RateLimiter;
      settings: KycLinkSettings;
      /** Asks for webhook delivery after a transaction that enqueued an event committed. */
      announce: () => Promise<void>;
      logger: FastifyBaseLogger;
    },
  ) {}

  async create(
    body: CreateLinkBody,
    apiKeyId: string,
  ): Promise<{ linkId: string; url: string; expiresAt: string }> {
    const { settings } = this.deps;
    const redirectUrl = this.checkRedirectUrl(body.redirectUrl);
    if (!settings.signingSecret)
      throw conflict(
        'links_not_configured',
        'KYC links need WEBHOOK_SECRET: the customer’s return to redirectUrl is signed with it',
      );
    const userId = await this.customerFor(body);
    const token = `kl_${randomBytes(32).toString('base64url')}`;
    const row = await createKycLinkRepository(this.db).insert({
      userId,
      externalId: body.externalId,
      tokenHash: sha256(token),
      redirectUrl,
      locale: body.locale ?? 'en',
      expiresAt: new Date(Date.now() + (body.expiresIn ?? LINK_TTL.default) * 1000),
      createdByApiKey: apiKeyId,
    });
    return {
      linkId: row.id,
      url: `${settings.publicUrl}/onboard/link#${token}`,
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  async get(linkId: string): Promise<LinkView> {
    const row = await createKycLinkRepository(this.db).find(linkId);
    if (!row) throw linkNotFound();
    return this.view(row);
  }

  /** Revokes a link not completed yet, and ends the session it opened; idempotent. */
  async revoke(linkId: string): Promise<LinkView> {
    const repository = createKycLinkRepository(this.db);
    const row = (await repository.revoke(linkId)) ?? (await repository.find(linkId));
    if (!row) throw linkNotFound();
    if (row.revokedAt) await this.deps.auth.revokeLinkSessions(row.id);
    return this.view(row);
  }

  /** The single-use token for a customer session; 404 unknown, 410 used, expired or revoked. */
  async exchange(token: string, client: ClientContext) {
    await this.deps.limiter.consume({
      key: `kyc-link:ip:${throttleAddress(client.ip)}`,
      limit: this.deps.settings.exchangesPerIpPerMinute,
      windowSeconds: 60,
    });
    if (!TOKEN_PATTERN.test(token)) throw linkNotFound();
    const tokenHash = sha256(token);
    const found = await createKycLinkRepository(this.db).findByTokenHash(tokenHash);
    if (!found) throw linkNotFound();
    // Checked before the link is used up: a disabled account answers 403 and the link stays usable.
    await this.deps.auth.assertLinkable(found.userId);
    this.assertOriginStillAllowed(found.redirectUrl);
    // Read before the transaction: other services do not run inside it.
    const kyc = await this.kycOf(found.userId);
    const link = await this.db.transaction(async (tx) => {
      const claimed = await createKycLinkRepository(tx).claimForExchange(tokenHash);
      if (!claimed) throw refusal((await createKycLinkRepository(tx).findByTokenHash(tokenHash)) ?? found);
      await enqueueLinkWebhook(tx, {
        type: 'kyc_link.opened',
        userId: claimed.userId,
        linkId: claimed.id,
        ...kyc,
      });
      return claimed;
    });
    const tokens = await this.deps.auth.startLinkSession(link.userId, link.id, client);
    // A revocation between the claim and the new session found no session to end: end it now.
    const current = await createKycLinkRepository(this.db).find(link.id);
    if (!current || current.revokedAt) {
      await this.deps.auth.revokeLinkSessions(link.id);
      throw refusal(current ?? { ...link, revokedAt: new Date() });
    }
    await this.announce();
    return {
      accessToken: tokens.token,
      expiresIn: this.deps.settings.accessTokenTtlSeconds,
      refreshToken: tokens.refreshToken,
      link: {
        linkId: link.id,
        locale: link.locale as LinkLocale,
        parentOrigin: new URL(link.redirectUrl).origin,
      },
    };
  }

  /**
   * The end of a link's journey: the host's redirectUrl with the customer's KYC status, signed.
   * Completing again answers a fresh redirect (the webhook goes out once).
   */
  async complete(session: ActiveSession): Promise<{ redirectUrl: string }> {
    if (!session.linkId)
      throw conflict(
        'not_link_session',
        'This session was not opened through a KYC link; there is nowhere to return to',
      );
    const secret = this.deps.settings.signingSecret;
    if (!secret)
      throw conflict('links_not_configured', 'KYC links need WEBHOOK_SECRET to sign the return to the host');
    const repository = createKycLinkRepository(this.db);
    const row = await repository.find(session.linkId);
    if (!row) throw linkNotFound();
    if (row.revokedAt) throw refusal(row);
    this.assertOriginStillAllowed(row.redirectUrl);
    const kyc = await this.kycOf(row.userId);
    const status = kyc.kycStatus;
    const completed = await this.db.transaction(async (tx) => {
      const updated = await createKycLinkRepository(tx).markCompleted(row.id);
      if (updated)
        await enqueueLinkWebhook(tx, {
          type: 'kyc_link.completed',
          userId: row.userId,
          linkId: row.id,
          ...kyc,
        });
      return updated !== undefined;
    });
    if (completed) await this.announce();
    const ts = Math.floor(Date.now() / 1000);
    const url = new URL(row.redirectUrl);
    url.searchParams.set('linkId', row.id);
    url.searchParams.set('status', status);
    url.searchParams.set('ts', String(ts));
    url.searchParams.set('signature', signRedirect(secret, row.id, status, ts));
    return { redirectUrl: url.toString() };
  }

  /** 400 naming /redirectUrl unless it is an http(s) URL on an allowed origin, without credentials. */
  private checkRedirectUrl(raw: string): string {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password)
      throw fieldError('/redirectUrl', 'invalid_url', 'must be an absolute http(s) URL without credentials');
    if (!this.deps.settings.redirectOrigins.includes(url.origin))
      throw fieldError(
        '/redirectUrl',
        'origin_not_allowed',
        this.deps.settings.redirectOrigins.length === 0
          ? 'no redirect origin is allowed: set LINK_REDIRECT_ORIGINS'
          : `must be on one of the origins in LINK_REDIRECT_ORIGINS (${this.deps.settings.redirectOrigins.join(', ')})`,
      );
    return url.toString();
  }

  /** The host's origin may have been taken off LINK_REDIRECT_ORIGINS since the link was made. */
  private assertOriginStillAllowed(redirectUrl: string): void {
    if (!this.deps.settings.redirectOrigins.includes(new URL(redirectUrl).origin))
      throw conflict(
        'links_not_configured',
        "This link's return address is no longer among LINK_REDIRECT_ORIGINS; ask for a new link",
      );
  }

  /** The customer with this externalId, or a new one without a password. */
  private async customerFor(body: CreateLinkBody): Promise<string> {
    const { integration, auth } = this.deps;
    const existing = await integration.findUserIdByExternalId(body.externalId);
    if (existing) return existing;
    try {
      return await auth.createLinkCustomer(body);
    } catch (error) {
      // Another request created the customer for this externalId a moment ago (its insert took the
      // external id, or the email first): use theirs.
      if (error instanceof AppError && (error.code === 'external_id_taken' || error.code === 'email_taken')) {
        const winner = await integration.findUserIdByExternalId(body.externalId);
        if (winner) return winner;
      }
      throw error;
    }
  }

  /** The customer's current case status and last decision, as the integration lookup has them. */
  private async kycOf(userId: string): Promise<{ kycStatus: CaseStatus } & LastDecision> {
    const { kycStatus, verifiedStatus, verifiedAt } = await this.deps.integration.getUser(userId);
    return { kycStatus, verifiedStatus, verifiedAt };
  }

  private async view(row: LinkRow): Promise<LinkView> {
    return {
      linkId: row.id,
      userId: row.userId,
      externalId: row.externalId,
      status: statusOf(row, new Date()),
      locale: row.locale as LinkLocale,
      redirectUrl: row.redirectUrl,
      kycStatus: (await this.kycOf(row.userId)).kycStatus,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      openedAt: row.openedAt?.toISOString() ?? null,
      completedAt: row.completedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    };
  }

  /** Delivery is best effort after commit: the outbox's schedule sends the event anyway. */
  private async announce(): Promise<void> {
    try {
      await this.deps.announce();
    } catch (error) {
      this.deps.logger.warn(
        { err: error },
        'webhook delivery could not be requested; the schedule will send it',
      );
    }
  }
}
