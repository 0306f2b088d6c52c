import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../db/client.js';
import { AppError, notFound, rateLimited } from '../../lib/errors.js';
import { CashfreeError, cashfreeErrorToAppError } from '../../providers/cashfree/index.js';
import type { CashfreeClient } from '../../providers/cashfree/index.js';
import type { ConsentService } from '../consents/service.js';
import { sanitizeSelfie } from '../documents/sanitize.js';
import type { DocumentService } from '../documents/service.js';
import type { IdempotencyService } from '../idempotency/service.js';
import type { UserKeyService } from '../keys/service.js';
import type { CaptureEvidence, IpvService } from './ipv-service.js';
import { createSelfieCheckRepository } from './repository.js';
import type { LivelinessResponse } from './schemas.js';

export const MAX_SELFIE_BYTES = 10 * 1024 * 1024;
const MAX_SELFIE_PIXELS = 30_000_000;
/** Selfies are downscaled before upload: enough for face analysis, far less biometric data in transit. */
const UPLOAD_DIMENSION = 1024;

export interface LivelinessSettings {
  minScore: number;
  dailyLimit: number;
  /** Sent as Cashfree's `strict_check`. */
  strict: boolean;
}

export interface SelfieUpload {
  bytes: Buffer;
  /** In-person verification evidence: the challenge, the capture point and time, the connection. */
  evidence: CaptureEvidence;
  idempotencyKey?: string;
}

export class LivelinessService {
  constructor(
    private readonly db: Database,
    private readonly provider: CashfreeClient,
    private readonly consents: ConsentService,
    private readonly keys: UserKeyService,
    private readonly documents: DocumentService,
    private readonly idempotency: IdempotencyService,
    private readonly ipv: IpvService,
    private readonly settings: LivelinessSettings,
  ) {}

  /**
   * Checks a selfie: consent, size, type and pixels first; then it is stored encrypted and sent to the
   * provider. The answer is the provider's, in the original contract's shape; a pass makes it the user's `userImage`.
   */
  async check(
    userId: string,
    upload: SelfieUpload,
  ): Promise<{ status: number; body: LivelinessResponse; replayed: boolean }> {
    await this.consents.require(userId, 'kyc_verification');
    const { challengeId, location, capturedAt } = upload.evidence;
    const fingerprint = createHash('sha256')
      .update('image\0')
      .update(upload.bytes)
      .update(JSON.stringify({ challengeId, location, capturedAt }))
      .digest('hex');
    return this.idempotency.run(
      { userId, scope: 'liveliness_check', key: upload.idempotencyKey, fingerprint },
      async () => ({ status: 200, body: await this.runCheck(userId, upload) }),
    );
  }

  private async runCheck(userId: string, upload: SelfieUpload): Promise<LivelinessResponse> {
    // A cheap refusal before the image work; the reservation below is what enforces the limit.
    if (await this.atDailyLimit(this.db, userId)) throw rateLimited(3600);

    const selfie = await sanitizeSelfie(upload.bytes, {
      maxBytes: MAX_SELFIE_BYTES,
      maxPixels: MAX_SELFIE_PIXELS,
      maxDimension: UPLOAD_DIMENSION,
      field: '/image',
    });
    // Counted and reserved under the user's row lock, so racing requests cannot all pass the count.
    // The lock is released before the provider call; the reserved attempt counts from now on.
    const checkId = await this.db.transaction(async (tx) => {
      const checks = createSelfieCheckRepository(tx);
      if (!(await checks.lockUser(userId))) throw notFound('User');
      if (await this.atDailyLimit(tx, userId)) throw rateLimited(3600);
      const dataKey = await this.keys.getOrCreate(tx, userId);
      const document = await this.documents.store(tx, userId, dataKey, 'selfie', selfie);
      // Stays PENDING if the process stops before the answer: the call may have been paid for.
      const id = await checks.insert({ userId, documentId: document.id, status: 'PENDING', passed: false });
      await this.ipv.record(tx, {
        userId,
        dataKey,
        selfieCheckId: id,
        evidence: upload.evidence,
        uploaded: upload.bytes,
        stored: selfie.bytes,
      });
      return id;
    });

    const checks = createSelfieCheckRepository(this.db);
    try {
      const verified = await this.provider.checkLiveliness(
        { image: selfie.bytes, strictCheck: this.settings.strict },
        { userId },
      );
      const data = verified.data;
      const score = Number(data.score);
      const passed = data.status === 'SUCCESS' && data.liveliness === true && score >= this.settings.minScore;
      await checks.settle(checkId, {
        verificationId: verified.verificationId,
        status: data.status,
        liveliness: data.liveliness,
        score,
        passed,
      });
      // Only a selfie that can become the user's image is worth a paid lookup of where it was taken.
      if (passed && upload.evidence.location)
        await this.ipv.geocode(userId, checkId, upload.evidence.location);
      return {
        success: true,
        data: {
          reference_id: data.reference_id,
          verification_id: data.verification_id,
          status: data.status,
          liveliness: data.liveliness,
          score,
        },
      };
    } catch (error) {
      if (!(error instanceof CashfreeError)) throw error;
      await checks.settle(checkId, { status: 'PROVIDER_ERROR', passed: false });
      throw cashfreeErrorToAppError(error);
    }
  }

  private async atDailyLimit(executor: Executor, userId: string): Promise<boolean> {
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    const attempts = await createSelfieCheckRepository(executor).countSince(userId, dayAgo);
    return attempts >= this.settings.dailyLimit;
  }

  /** The latest selfie check that passed, if any: its document is the user's `userImage`. */
  latestPassed(executor: Executor, userId: string) {
    return createSelfieCheckRepository(executor).latestPassed(userId);
  }

  /** Whether a selfie passed the liveliness check after `since` (and not after `until`, if given). */
  passedBetween(executor: Executor, userId: string, since: Date, until?: Date): Promise<boolean> {
    return createSelfieCheckRepository(executor).passedBetween(userId, since, until);
  }
}

export const multipartRequired = () =>
  new AppError('validation_failed', 'Send the selfie as multipart/form-data in the field "image"', {
    errors: [{ field: '/image', code: 'required', message: 'is required' }],
  });
