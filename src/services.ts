import { AuditLog, AuditService } from './modules/audit/service.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Jobs } from './jobs/index.js';
import { KeyRing } from './lib/crypto/index.js';
import { SecondFactorService } from './modules/auth/mfa-service.js';
import { AccountTokens } from './modules/auth/account-tokens.js';
import { ContactVerificationService } from './modules/auth/contact-verification.js';
import { PasswordResetService } from './modules/auth/password-reset.js';
import { AuthService } from './modules/auth/service.js';
import type { SessionCache } from './modules/auth/session-cache.js';
import { MessageService } from './modules/mail/service.js';
import { HttpSmsTransport, SmtpTransport } from './modules/mail/transports.js';
import { StaffService } from './modules/staff/service.js';
import { ConsentService } from './modules/consents/service.js';
import { DashboardService } from './modules/dashboard/service.js';
import { DocumentService } from './modules/documents/service.js';
import { EsignService } from './modules/esign/service.js';
import { IdempotencyService } from './modules/idempotency/service.js';
import { UserKeyService } from './modules/keys/service.js';
import { BankService } from './modules/banks/service.js';
import { DigilockerService } from './modules/digilocker/service.js';
import { SecureShareService } from './modules/secure-share/service.js';
import { KycCheckRunner } from './modules/kyc/check-runner.js';
import { KycDecisionService } from './modules/kyc/decisions.js';
import { KycProfileWorkflow } from './modules/kyc/profile-workflow.js';
import { KycService } from './modules/kyc/service.js';
import { CaseTransitions } from './modules/kyc/transitions.js';
import { OfficialIdentityService } from './modules/official-identity/service.js';
import { ReviewService } from './modules/review/service.js';
import { ReviewTemplateService } from './modules/review/templates.js';
import { ReviewQueueService } from './modules/review/queue.js';
import { CaseClaimService } from './modules/review/claims.js';
import { ApiKeyService } from './modules/api-keys/service.js';
import { IntegrationService } from './modules/integration/service.js';
import { KycLinkService } from './modules/kyc-links/service.js';
import {
  requestWebhookDelivery,
  scheduleWebhookDelivery,
  WebhookDispatcher,
  WebhookService,
} from './modules/webhooks/service.js';
import { DeliveryStatusService } from './modules/webhooks/integration-view.js';
import { IpvService, challengesPerHour } from './modules/liveliness/ipv-service.js';
import { LivelinessService } from './modules/liveliness/service.js';
import { ProfileService } from './modules/profile/service.js';
import { PrivacyAdminService } from './modules/privacy/admin.js';
import { ErasureService } from './modules/privacy/erasure.js';
import { InvestigationHoldService } from './modules/privacy/investigation.js';
import { PrivacyExportService } from './modules/privacy/service.js';
import { ProviderWebhookService } from './modules/provider-webhooks/service.js';
import type { RateLimiter } from './plugins/rate-limit.js';
import type { VerificationProvider } from './plugins/provider.js';
import type { DatabaseVerificationRecorder } from './modules/verifications/recorder.js';

export interface Services {
  audit: AuditService;
  auditLog: AuditLog;
  auth: AuthService;
  messages: MessageService;
  passwordReset: PasswordResetService;
  contacts: ContactVerificationService;
  staff: StaffService;
  keys: UserKeyService;
  documents: DocumentService;
  profiles: ProfileService;
  consents: ConsentService;
  idempotency: IdempotencyService;
  liveliness: LivelinessService;
  ipv: IpvService;
  providerWebhooks: ProviderWebhookService;
  kyc: KycService;
  kycChecks: KycCheckRunner;
  kycDecisions: KycDecisionService;
  review: ReviewService;
  reviewTemplates: ReviewTemplateService;
  reviewQueue: ReviewQueueService;
  caseClaims: CaseClaimService;
  dashboard: DashboardService;
  webhooks: WebhookService;
  webhookDispatcher: WebhookDispatcher;
  /** The outbox's delivery status for the host application (`webhooks:read`). */
  deliveryStatus: DeliveryStatusService;
  apiKeys: ApiKeyService;
  integration: IntegrationService;
  kycLinks: KycLinkService;
  officialIdentities: OfficialIdentityService;
  digilocker: DigilockerService;
  banks: BankService;
  secureShare: SecureShareService;
  privacyExports: PrivacyExportService;
  erasure: ErasureService;
  privacyAdmin: PrivacyAdminService;
  investigationHolds: InvestigationHoldService;
  esign: EsignService;
}

/** Wires the services together; each feature's rules live in its own service. */
export function createServices(deps: {
  config: Config;
  db: Database;
  limiter: RateLimiter;
  provider: VerificationProvider;
  jobs: Jobs | undefined;
  logger: FastifyBaseLogger;
  sessionCache: SessionCache;
  verifications: DatabaseVerificationRecorder;
}): Services {
  const { config, db, provider } = deps;
  const keyRing = new KeyRing({ current: config.kycSecret, previous: config.kycSecretPrevious });
  const keys = new UserKeyService(db, keyRing);
  const documents = new DocumentService(db, keys, keyRing);
  // Events are written to the outbox inside transactions; this asks for a delivery run after commit.
  const requestDelivery = () => requestWebhookDelivery(deps.jobs);
  const consents = new ConsentService(db, { announce: requestDelivery, logger: deps.logger });
  const idempotency = new IdempotencyService(db);
  const ipv = new IpvService(
    db,
    provider.client,
    keys,
    challengesPerHour(config.verification.livelinessDailyLimit),
  );
  const liveliness = new LivelinessService(db, provider.client, consents, keys, documents, idempotency, ipv, {
    minScore: config.verification.livelinessMinScore,
    dailyLimit: config.verification.livelinessDailyLimit,
    strict: config.verification.livelinessStrict,
  });
  const officialIdentities = new OfficialIdentityService(keys, documents);
  const digilocker = new DigilockerService(db, provider.client, consents, keys, officialIdentities, {
    fixedUrl: config.digilockerRedirectUrl,
    publicUrl: config.messaging.publicUrl,
  });
  const audit = new AuditService();
  // After a decision commits: webhook delivery, and the e-sign sweep that sends a newly approved case's form.
  const transitions = new CaseTransitions({
    announce: async () => {
      await requestDelivery();
      await esign.requestSweep();
    },
    logger: deps.logger,
  });
  const profiles = new ProfileService(
    db,
    keys,
    keyRing,
    documents,
    config.profile,
    new KycProfileWorkflow(transitions, liveliness),
  );
  const kycChecks = new KycCheckRunner(db, {
    keys,
    keyRing,
    documents,
    provider: provider.client,
    jobs: deps.jobs,
    settings: {
      nameMatchPass: config.verification.nameMatchPass,
      nameMatchReview: config.verification.nameMatchReview,
      faceMatchMinScore: config.verification.faceMatchMinScore,
    },
    officialIdentities,
    transitions,
    consents,
    logger: deps.logger,
  });
  const kyc = new KycService(db, {
    keys,
    keyRing,
    profiles,
    consents,
    checks: kycChecks,
    ipv,
    liveliness,
    officialIdentities,
    transitions,
    requireVerifiedContacts: config.accounts.requireVerifiedContacts,
  });
  const kycDecisions = new KycDecisionService(db, {
    kyc,
    transitions,
    audit,
    fourEyes: config.review.fourEyes,
  });
  const { messaging } = config;
  const messages = new MessageService(
    db,
    keys,
    deps.jobs,
    {
      email: messaging.smtpUrl ? new SmtpTransport(messaging.smtpUrl, messaging.mailFrom) : undefined,
      sms:
        messaging.smsWebhookUrl && messaging.smsWebhookSecret
          ? new HttpSmsTransport(messaging.smsWebhookUrl, messaging.smsWebhookSecret, messaging.smsTimeoutMs)
          : undefined,
    },
    { product: 'Pehchan', brandName: messaging.brandName },
    deps.logger,
  );
  const accountTokens = new AccountTokens(keyRing);
  const contacts = new ContactVerificationService(db, config, deps.limiter, accountTokens, messages);
  const auth = new AuthService(
    db,
    config,
    deps.limiter,
    keyRing,
    new SecondFactorService(db, keys, config),
    deps.sessionCache,
    (userId) => contacts.onRegistered(userId),
  );
  const staff = new StaffService(db, config, keyRing, keys, accountTokens, messages, auth, audit);
  const integration = new IntegrationService(db, kyc);
  const { privacy } = config;
  const erasure = new ErasureService(db, {
    keys,
    auth,
    announce: requestDelivery,
    logger: deps.logger,
    retentionYears: privacy.retentionYears,
    draftRetentionDays: privacy.draftRetentionDays,
  });
  const esign = new EsignService(db, {
    keys,
    documents,
    kyc,
    transitions,
    audit,
    provider: provider.client,
    jobs: deps.jobs,
    settings: {
      ...config.esign,
      redirectUrl: `${config.messaging.publicUrl}/onboard/status?esign=return`,
      downloadTimeoutMs: config.verification.providerTimeoutMs,
      providerOrigin: new URL(provider.baseUrl).origin,
    },
    logger: deps.logger,
  });
  return {
    audit,
    auditLog: new AuditLog(db, audit, staff),
    auth,
    messages,
    passwordReset: new PasswordResetService(db, config, deps.limiter, accountTokens, messages, deps.logger),
    contacts,
    staff,
    keys,
    documents,
    profiles,
    consents,
    idempotency,
    liveliness,
    ipv,
    providerWebhooks: new ProviderWebhookService(db, provider.webhookSecret, deps.verifications, esign),
    kyc,
    kycChecks,
    kycDecisions,
    review: new ReviewService(db, kyc, documents, officialIdentities, digilocker, {
      decisions: kycDecisions,
      audit,
      auth,
      staff,
      publicUrl: config.messaging.publicUrl,
    }),
    reviewTemplates: new ReviewTemplateService(db, audit),
    reviewQueue: new ReviewQueueService(db, { kyc, staff, keyRing, slaHours: config.reviewSlaHours }),
    caseClaims: new CaseClaimService(db, { audit, staff }),
    dashboard: new DashboardService(db),
    webhooks: new WebhookService(db, audit, { onRequeued: requestDelivery }),
    webhookDispatcher: new WebhookDispatcher(db, {
      url: config.webhook.url,
      secret: config.webhook.secret,
      timeoutMs: config.webhook.timeoutMs,
      scheduleDelivery: (at) => scheduleWebhookDelivery(deps.jobs, at),
    }),
    deliveryStatus: new DeliveryStatusService(db),
    apiKeys: new ApiKeyService(db, audit),
    integration,
    kycLinks: new KycLinkService(db, {
      auth,
      integration,
      limiter: deps.limiter,
      settings: {
        publicUrl: messaging.publicUrl,
        redirectOrigins: config.linkRedirectOrigins,
        signingSecret: config.webhook.secret,
        exchangesPerIpPerMinute: config.rateLimits.loginPerIpPerMinute,
        accessTokenTtlSeconds: config.accessTokenTtlSeconds,
      },
      announce: requestDelivery,
      logger: deps.logger,
    }),
    officialIdentities,
    digilocker,
    banks: new BankService(provider.client, deps.limiter),
    secureShare: new SecureShareService(
      db,
      provider.client,
      consents,
      keys,
      officialIdentities,
      profiles,
      config.accounts.requireVerifiedContacts,
    ),
    privacyExports: new PrivacyExportService(db, {
      keys,
      documents,
      auth,
      limiter: deps.limiter,
      jobs: deps.jobs,
      exportsPerDay: privacy.exportsPerDay,
      zipInlineMaxBytes: privacy.zipInlineMaxBytes,
    }),
    erasure,
    privacyAdmin: new PrivacyAdminService(db, audit),
    investigationHolds: new InvestigationHoldService(db, { audit, erasure, logger: deps.logger }),
    esign,
  };
}
