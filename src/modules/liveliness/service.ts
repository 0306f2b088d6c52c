import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../db/client.js';
import { AppError, rateLimited } from '../../lib/errors.js';
import { CashfreeError, cashfreeErrorToAppError } from '../../providers/cashfree/index.js';
import type { CashfreeClient } from '../../providers/cashfree/index.js';
import type { ConsentService } from '../consents/service.js';
import { sanitizeSelfie } from '../documents/sanitize.js';
import type { DocumentService } from '../documents/service.js';
import type { IdempotencyService } from '../idempotency/service.js';
import type { UserKeyService } from '../keys/service.js';
import { createSelfieCheckRepository } from './repository.js';
import type { LivelinessResponse } from './schemas.js';

export const MAX_SELFIE_BYTES = 10 * 1024 * 1024;
const MAX_SELFIE_PIXELS = 30_000_000;
/** Selfies are downscaled before upload: enough for face analysis, far less biometric data in transit. */
const UPLOAD_DIMENSION = 1024;

export interface LivelinessSettings {
  minScore: number;
  dailyLimit: number;
}

export interface SelfieUpload {
  bytes: Buffer;
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
    private readonly settings: LivelinessSettings,
  ) {}

  /**
   * Checks a selfie: consent, size, type and pixels first; then it is stored encrypted and sent to the
   * provider. The answer is the provider's, in the seed's shape; a pass makes it the user's `userImage`.
   */
  async check(
    userId: string,
    upload: SelfieUpload,
  ): Promise<{ status: number; body: LivelinessResponse; replayed: boolean }> {
    await this.consents.require(userId, 'kyc_verification');
    const fingerprint = createHash('sha256').update('image\0').update(upload.bytes).digest('hex');
    return this.idempotency.run(
      { userId, scope: 'liveliness_check', key: upload.idempotencyKey, fingerprint },
      async () => ({ status: 200, body: await this.runCheck(userId, upload) }),
    );
  }

  private async runCheck(userId: string, upload: SelfieUpload): Promise<LivelinessResponse> {
    const checks = createSelfieCheckRepository(this.db);
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    if ((await checks.countSince(userId, dayAgo)) >= this.settings.dailyLimit) throw rateLimited(3600);

    const selfie = await sanitizeSelfie(upload.bytes, {
      maxBytes: MAX_SELFIE_BYTES,
      maxPixels: MAX_SELFIE_PIXELS,
      maxDimension: UPLOAD_DIMENSION,
      field: '/image',
    });
    const document = await this.db.transaction(async (tx) => {
      const dataKey = await this.keys.getOrCreate(tx, userId);
      return this.documents.store(tx, userId, dataKey, 'selfie', selfie);
    });

    try {
      const verified = await this.provider.checkLiveliness({ image: selfie.bytes }, { userId });
      const data = verified.data;
      const score = Number(data.score);
      const passed = data.status === 'SUCCESS' && data.liveliness === true && score >= this.settings.minScore;
      await checks.insert({
        userId,
        documentId: document.id,
        verificationId: verified.verificationId,
        status: data.status,
        liveliness: data.liveliness,
        score,
        passed,
      });
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
      await checks.insert({ userId, documentId: document.id, status: 'PROVIDER_ERROR', passed: false });
      throw cashfreeErrorToAppError(error);
    }
  }

  /** The document id of the selfie that is the user's `userImage`, if any passed. */
  async passedSelfieDocument(executor: Executor, userId: string): Promise<string | undefined> {
    return (await createSelfieCheckRepository(executor).latestPassed(userId))?.documentId;
  }
}

export const multipartRequired = () =>
  new AppError(400, 'validation_failed', 'Send the selfie as multipart/form-data in the field "image"', {
    errors: [{ field: '/image', code: 'required', message: 'is required' }],
  });
