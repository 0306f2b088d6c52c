import type { FastifyBaseLogger } from 'fastify';
import type { CheckType } from '../db/schema/index.js';
import { KYC_CHECK_JOB, KYC_RESUME_JOB } from '../modules/kyc/service.js';
import { defineWebhookJobs } from '../modules/webhooks/service.js';
import type { Services } from '../services.js';
import type { Jobs } from './index.js';

export const PURGE_SESSIONS_JOB = 'auth.purge-sessions';

/** Every background job of the service, with its schedule and retry policy. */
export function defineJobs(jobs: Jobs, services: Services, logger: FastifyBaseLogger) {
  defineWebhookJobs(jobs, services.webhookDispatcher);
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
    // Provider outages are retried for hours with backoff; the case stays verifying meanwhile.
    retryLimit: 12,
    retryDelaySeconds: 15,
    concurrency: 4,
    handler: ({ caseId, type }) => services.kyc.runCheck(caseId, type),
  });
  jobs.define({
    name: KYC_RESUME_JOB,
    schedule: '* * * * *',
    handler: async () => {
      const resumed = await services.kyc.resumeStalled();
      if (resumed > 0) logger.info({ resumed }, 'resumed stalled KYC checks');
    },
  });
}
