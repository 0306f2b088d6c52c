import { createHash, randomInt } from 'node:crypto';
import type { Database, Executor } from '../../db/client.js';
import { IPV_INSTRUCTIONS } from '../../db/schema/index.js';
import type {
  CheckOutcome,
  IpvChallengeStatus,
  IpvGeoStatus,
  IpvInstruction,
} from '../../db/schema/index.js';
import { decryptFieldString, encryptField } from '../../lib/crypto/index.js';
import { AppError, rateLimited } from '../../lib/errors.js';
import { CashfreeError } from '../../providers/cashfree/index.js';
import type { CashfreeClient } from '../../providers/cashfree/index.js';
import type { UserKeyService } from '../keys/service.js';
import type { CheckReasonCode } from '../kyc/reasons.js';
import { createIpvRepository } from './ipv-repository.js';
import type { IpvEvidenceRow } from './ipv-repository.js';

/** A challenge is answered within minutes of being shown, or not at all. */
export const IPV_CHALLENGE_TTL_SECONDS = 300;
/**
 * Challenges a customer may ask for in an hour: far above what a person retaking selfies needs (each
 * selfie may renew its challenge a few times), yet a script cannot fill the table. It grows with
 * LIVELINESS_DAILY_LIMIT, so an operator who allows more selfies is not stopped here first.
 */
export const challengesPerHour = (livelinessDailyLimit: number) => Math.max(30, 3 * livelinessDailyLimit);

export interface CaptureLocation {
  latitude: number;
  longitude: number;
  /** Radius of the client's uncertainty, in metres; null when the client did not say. */
  accuracy: number | null;
}

/** What the client and the connection say about one selfie capture. */
export interface CaptureEvidence {
  challengeId?: string | undefined;
  location?: CaptureLocation | undefined;
  capturedAt?: Date | undefined;
  clientIp: string;
  userAgent?: string | undefined;
}

/** The evidence as frozen into a case snapshot (and shown to reviewers). */
export interface IpvSnapshot {
  challengeId: string | null;
  challengeStatus: IpvChallengeStatus;
  instruction: IpvInstruction | null;
  location: CaptureLocation | null;
  clientIp: string;
  userAgent: string | null;
  clientCapturedAt: string | null;
  receivedAt: string;
  uploadSha256: string;
  storedSha256: string;
  geo: {
    status: IpvGeoStatus;
    verificationId: string | null;
    city: string | null;
    state: string | null;
    countryCode: string | null;
  };
}

const locationContext = (userId: string) => ({ table: 'ipv_evidence', column: 'location', userId });
const ipContext = (userId: string) => ({ table: 'ipv_evidence', column: 'client_ip', userId });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * In-person verification evidence of selfie captures (SEBI online KYC: a random action the server
 * chose, time stamps, and a geo-tag that must be in India).
 */
export class IpvService {
  constructor(
    private readonly db: Database,
    private readonly provider: CashfreeClient,
    private readonly keys: UserKeyService,
    private readonly challengeLimitPerHour: number,
  ) {}

  /** A fresh single-use challenge for the next selfie. */
  async issueChallenge(userId: string) {
    const repository = createIpvRepository(this.db);
    const hourAgo = new Date(Date.now() - 3600 * 1000);
    if ((await repository.countChallengesSince(userId, hourAgo)) >= this.challengeLimitPerHour)
      throw rateLimited(600);
    const row = await repository.insertChallenge({
      userId,
      instruction: IPV_INSTRUCTIONS[randomInt(IPV_INSTRUCTIONS.length)]!,
      expiresAt: new Date(Date.now() + IPV_CHALLENGE_TTL_SECONDS * 1000),
    });
    return { challengeId: row.id, instruction: row.instruction, expiresAt: row.expiresAt.toISOString() };
  }

  /**
   * Records the evidence of a selfie inside the transaction that stores it, using up its challenge
   * (a challenge that was expired, reused or unknown is recorded as such: the case goes to review).
   */
  async record(
    tx: Executor,
    input: {
      userId: string;
      dataKey: Buffer;
      selfieCheckId: string;
      evidence: CaptureEvidence;
      uploaded: Buffer;
      stored: Buffer;
    },
  ): Promise<void> {
    const { userId, dataKey, evidence } = input;
    const repository = createIpvRepository(tx);
    const now = new Date();
    let challengeStatus: IpvChallengeStatus = 'missing';
    let instruction: IpvInstruction | null = null;
    if (evidence.challengeId) {
      const consumed = await repository.consumeChallenge(userId, evidence.challengeId, now);
      if (consumed) {
        instruction = consumed.instruction;
        challengeStatus = consumed.expiresAt > now ? 'valid' : 'expired';
      } else {
        const known = await repository.findChallenge(userId, evidence.challengeId);
        instruction = known?.instruction ?? null;
        challengeStatus = known ? 'reused' : 'unknown';
      }
    }
    await repository.insertEvidence({
      userId,
      selfieCheckId: input.selfieCheckId,
      challengeId: evidence.challengeId ?? null,
      challengeStatus,
      instruction,
      location: evidence.location
        ? encryptField(dataKey, JSON.stringify(evidence.location), locationContext(userId))
        : null,
      clientIp: encryptField(dataKey, evidence.clientIp, ipContext(userId)),
      userAgent: evidence.userAgent?.slice(0, 512) ?? null,
      clientCapturedAt: evidence.capturedAt ?? null,
      receivedAt: now,
      uploadSha256: sha256(input.uploaded),
      storedSha256: sha256(input.stored),
      geoStatus: evidence.location ? 'not_checked' : 'no_location',
    });
  }

  /**
   * Asks Cashfree's reverse geocoding where the capture point is. Only `VALID` is documented, so the
   * country code decides; a provider failure is recorded (the case then goes to review), never thrown.
   */
  async geocode(userId: string, selfieCheckId: string, location: CaptureLocation): Promise<void> {
    const repository = createIpvRepository(this.db);
    try {
      const { data, verificationId } = await this.provider.reverseGeocode(
        { latitude: location.latitude, longitude: location.longitude },
        { userId },
      );
      const country = data.countrycode?.toUpperCase() ?? null;
      const status: IpvGeoStatus =
        country === 'IN' && data.status === 'VALID'
          ? 'in_india'
          : country && country !== 'IN'
            ? 'outside_india'
            : 'unresolved';
      await repository.updateEvidence(selfieCheckId, {
        geoStatus: status,
        geoVerificationId: verificationId,
        geoCity: data.city ?? null,
        geoState: data.state ?? null,
        geoCountryCode: country,
      });
    } catch (error) {
      if (!(error instanceof CashfreeError)) throw error;
      await repository.updateEvidence(selfieCheckId, {
        geoStatus: 'failed',
        geoVerificationId: null,
        geoCity: null,
        geoState: null,
        geoCountryCode: null,
      });
    }
  }

  /** The evidence of a selfie, readable, for the case snapshot; null for a selfie taken before it was recorded. */
  async snapshotOf(executor: Executor, userId: string, selfieCheckId: string): Promise<IpvSnapshot | null> {
    const row = await createIpvRepository(executor).evidenceOf(selfieCheckId);
    if (!row) return null;
    const dataKey = await this.keys.find(executor, userId);
    if (!dataKey) throw new AppError('internal_error', 'The selfie evidence cannot be read');
    return toSnapshot(row, dataKey);
  }
}

function toSnapshot(row: IpvEvidenceRow, dataKey: Buffer): IpvSnapshot {
  return {
    challengeId: row.challengeId,
    challengeStatus: row.challengeStatus,
    instruction: row.instruction,
    location: row.location
      ? (JSON.parse(
          decryptFieldString(dataKey, row.location, locationContext(row.userId)),
        ) as CaptureLocation)
      : null,
    clientIp: decryptFieldString(dataKey, row.clientIp, ipContext(row.userId)),
    userAgent: row.userAgent,
    clientCapturedAt: row.clientCapturedAt?.toISOString() ?? null,
    receivedAt: row.receivedAt.toISOString(),
    uploadSha256: row.uploadSha256,
    storedSha256: row.storedSha256,
    geo: {
      status: row.geoStatus,
      verificationId: row.geoVerificationId,
      city: row.geoCity,
      state: row.geoState,
      countryCode: row.geoCountryCode,
    },
  };
}

/**
 * What the evidence means for a case: the reasons it goes to review, or none. A point the provider
 * could not place (failure, no answer) is indeterminate, like other checks the provider left open.
 */
export function ipvFindings(ipv: IpvSnapshot | null | undefined): {
  outcome: CheckOutcome;
  reasons: CheckReasonCode[];
} {
  if (!ipv) return { outcome: 'review', reasons: ['ipv_challenge_invalid', 'ipv_location_missing'] };
  const reasons: CheckReasonCode[] = [];
  if (ipv.challengeStatus !== 'valid') reasons.push('ipv_challenge_invalid');
  if (ipv.geo.status === 'no_location') reasons.push('ipv_location_missing');
  if (ipv.geo.status === 'outside_india') reasons.push('ipv_location_outside_india');
  const unplaced = ['failed', 'unresolved', 'not_checked'].includes(ipv.geo.status);
  if (unplaced) reasons.push('provider_outcome_unknown');
  if (reasons.length === 0) return { outcome: 'pass', reasons };
  return { outcome: unplaced ? 'indeterminate' : 'review', reasons };
}
