import type { FastifyBaseLogger } from 'fastify';
import type { CheckType } from '../db/schema/index.js';
import { ESIGN_SEND_JOB, ESIGN_SWEEP_JOB } from '../modules/esign/service.js';
import { KYC_CHECK_JOB, KYC_RESUME_JOB } from '../modules/kyc/check-runner.js';
import { defineMessageJobs } from '../modules/mail/service.js';
import { DATA_EXPORT_JOB } from '../modules/privacy/service.js';
import { createVerificationRepository } from '../modules/verifications/repository.js';
import { defineWebhookJobs } from '../modules/webhooks/service.js';
import type { Database } from '../db/client.js';
import type { Services } from '../services.js';
import type { Jobs } from './index.js';

export const PURGE_SESSIONS_JOB = 'auth.purge-sessions';
export const SETTLE_ABANDONED_VERIFICATIONS_JOB = 'verifications.settle-abandoned';
export const PRIVACY_RETENTION_JOB = 'privacy.retention';
/** A provider call has a 15 s timeout and a few retries: pending this long means its process died. */
const ABANDONED_AFTER_SECONDS = 15 * 60;

/** Every background job of the service, with its schedule and retry policy. */
export function defineJobs(
  jobs: Jobs,
  services: Services,
  db: Database,
  logger: FastifyBaseLogger,
  options: { esign: boolean },
) {
  defineWebhookJobs(jobs, services.webhookDispatcher);
  defineMessageJobs(jobs, services.messages);
  jobs.define({
    name: PURGE_SESSIONS_JOB,
    schedule: '17 * * * *',
    handler: async () => {
      const purged = await services.auth.purgeExpiredSessions();
      const idempotencyKeys = await services.idempotency.purgeExpired();
      logger.info({ purged, idempotencyKeys }, 'purged ended sessions and expired idempotency keys');
    },
  });
  jobs.define<{ caseId: string; type: CheckType }>({
    name: KYC_CHECK_JOB,
    // Provider outages and refused credentials are retried for hours with backoff; the case stays verifying.
    retryLimit: 12,
    retryDelaySeconds: 15,
    concurrency: 4,
    handler: ({ caseId, type }) => services.kycChecks.runCheck(caseId, type),
  });
  jobs.define({
    name: SETTLE_ABANDONED_VERIFICATIONS_JOB,
    schedule: '*/5 * * * *',
    handler: async () => {
      // A crash between sending and recording leaves a row pending: its outcome is unknown, not pending.
      const settled =
        await createVerificationRepository(db).markStalePendingIndeterminate(ABANDONED_AFTER_SECONDS);
      if (settled > 0)
        logger.warn({ settled }, 'verifications abandoned by a crashed process marked indeterminate');
    },
  });
  jobs.define({
    name: PRIVACY_RETENTION_JOB,
    // Daily: erases what ended legal holds kept, never-approved drafts past DRAFT_RETENTION_DAYS, and expired exports.
    schedule: '41 2 * * *',
    expireInSeconds: 3600,
    handler: async () => {
      const swept = await services.erasure.sweep();
      const expiredExports = await services.privacyExports.purgeExpiredBackgroundZips();
      if (swept.holdsEnded + swept.draftsErased + expiredExports > 0)
        logger.info(
          { ...swept, expiredExports },
          'retention: erased held data, old drafts and expired exports',
        );
    },
  });
  jobs.define<{ exportId: string }>({
    name: DATA_EXPORT_JOB,
    retryLimit: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 1800,
    // One archive in memory at a time.
    concurrency: 1,
    handler: ({ exportId }) => services.privacyExports.buildBackgroundZip(exportId),
  });
  jobs.define({
    name: KYC_RESUME_JOB,
    schedule: '* * * * *',
    handler: async () => {
      const resumed = await services.kycChecks.resumeStalled();
      if (resumed > 0) logger.info({ resumed }, 'resumed stalled KYC checks');
    },
  });
  if (!options.esign) return;
  jobs.define<{ caseId: string }>({
    name: ESIGN_SEND_JOB,
    // A provider outage must not lose the approval: the case stays approved and the send is retried for hours.
    retryLimit: 12,
    retryDelaySeconds: 30,
    handler: ({ caseId }) => services.esign.sendAfterApproval(caseId),
  });
  jobs.define({
    name: ESIGN_SWEEP_JOB,
    // Sends what an approval's own request missed, and looks up the signatures customers have not come back from.
    schedule: '* * * * *',
    handler: async () => {
      const { sent, settled } = await services.esign.sweep();
      if (sent + settled > 0) logger.info({ sent, settled }, 'e-sign sweep');
    },
  });
}
