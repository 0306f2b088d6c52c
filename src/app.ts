import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import { runBackfills } from './db/backfill.js';
import { openDatabase } from './db/client.js';
import type { DatabaseHandle } from './db/client.js';
import { defineJobs } from './jobs/definitions.js';
import { Jobs } from './jobs/index.js';
import { SESSION_CHANGES_CHANNEL, SessionCache } from './modules/auth/session-cache.js';
import { accountRoutes } from './modules/auth/account-routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { devOutboxRoutes } from './modules/mail/routes.js';
import { adminStaffRoutes } from './modules/staff/routes.js';
import { adminAuditRoutes } from './modules/audit/routes.js';
import { consentRoutes } from './modules/consents/routes.js';
import { adminPrivacyRoutes, privacyRoutes } from './modules/privacy/routes.js';
import { documentRoutes } from './modules/documents/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { registerHome } from './modules/home/routes.js';
import { adminKycRoutes, kycRoutes } from './modules/kyc/routes.js';
import { adminDashboardRoutes } from './modules/dashboard/routes.js';
import { ipvRoutes, livelinessRoutes } from './modules/liveliness/routes.js';
import { profileRoutes } from './modules/profile/routes.js';
import { reviewRoutes } from './modules/review/routes.js';
import { reviewQueueRoutes } from './modules/review/queue-routes.js';
import { bankRoutes } from './modules/banks/routes.js';
import { digilockerRoutes } from './modules/digilocker/routes.js';
import { secureShareRoutes } from './modules/secure-share/routes.js';
import { apiKeyRoutes } from './modules/api-keys/routes.js';
import { integrationRoutes } from './modules/integration/routes.js';
import { kycLinkIntegrationRoutes, kycLinkRoutes } from './modules/kyc-links/routes.js';
import { adminWebhookRoutes } from './modules/webhooks/routes.js';
import { providerWebhookRoutes } from './modules/provider-webhooks/routes.js';
import { userRoutes } from './modules/user/routes.js';
import { esignCustomerRoutes, esignIntegrationRoutes, esignReviewRoutes } from './modules/esign/routes.js';
import { DatabaseVerificationRecorder } from './modules/verifications/recorder.js';
import { registerAuth } from './plugins/auth.js';
import { registerDocs } from './plugins/docs.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerHttp, serverOptions } from './plugins/http.js';
import { registerWebApps } from './plugins/web-apps.js';
import type { LoggerOption } from './plugins/http.js';
import { createVerificationProvider, sendSimulatorWebhooksHere } from './plugins/provider.js';
import type { VerificationProvider } from './plugins/provider.js';
import { createCounterStore, RateLimiter, throttleAddress } from './plugins/rate-limit.js';
import type { CounterStore } from './plugins/rate-limit.js';
import { createServices } from './services.js';
import type { Services } from './services.js';

export const VERSION = '0.1.0';

export interface AppOptions {
  config: Config;
  /** An already opened database (tests share one per file); otherwise opened from the config. */
  database?: DatabaseHandle;
  logger?: LoggerOption;
  /** Where the built web apps are (`<webRoot>/<app>/dist`); the repository's `web/` unless given. */
  webRoot?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: DatabaseHandle;
    jobs: Jobs | undefined;
    services: Services;
    counters: CounterStore;
    provider: VerificationProvider;
  }
}

/** Builds the whole service from a config object. Nothing happens at import time. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify(serverOptions(config, options.logger)).withTypeProvider<TypeBoxTypeProvider>();

  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      statementTimeoutMs: config.dbStatementTimeoutMs,
      poolMax: config.dbPoolMax,
      onPoolError: (error) => app.log.warn({ err: error }, 'database connection lost; the pool reconnects'),
    }));
  // Start-up's database work (migrations, then the job system's schema and queues) goes on while
  // the routes are built and compiled; the server is ready when both are done.
  const migrated = ownsDatabase ? database.migrate() : Promise.resolve();
  // Awaited in onReady; until then a failure must not surface as an unhandled rejection.
  migrated.catch(() => undefined);

  const counters = await createCounterStore(config.redisUrl);
  const limiter = new RateLimiter(counters, app.log, !config.benchmarkMode);
  const jobs = config.jobs.enabled ? new Jobs(database.sql, app.log) : undefined;
  const verifications = new DatabaseVerificationRecorder(database.db);
  const provider = await createVerificationProvider(config, verifications, app.log);
  const sessionCache = new SessionCache(config.sessionCacheSeconds);
  const stopFollowingSessions =
    config.sessionCacheSeconds > 0 ? await database.listen(SESSION_CHANGES_CHANNEL, sessionCache) : undefined;
  const services = createServices({
    config,
    db: database.db,
    limiter,
    provider,
    jobs,
    logger: app.log,
    sessionCache,
    verifications,
  });
  if (jobs) defineJobs(jobs, services, database.db, app.log, { esign: config.esign.enabled });
  // Values older versions stored in clear are encrypted before anything reads them.
  const databaseReady = migrated
    .then(() => runBackfills(database.db, (tx, userId) => services.keys.forLegacyValues(tx, userId)))
    .then(() => jobs?.prepare());
  databaseReady.catch(() => undefined);

  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('jobs', jobs);
  app.decorate('services', services);
  app.decorate('counters', counters);
  app.decorate('provider', provider);

  registerErrorHandling(app);
  // First, so the page at / sees every route registered after it.
  registerHome(app, { rootPage: config.rootPage, simulatorUrl: provider.simulator?.url });
  await registerHttp(app, config);
  await registerDocs(app, VERSION);
  registerAuth(app, services.auth);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });

  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/v1/')) {
      await limiter.consume({
        key: `ip:${throttleAddress(request.ip)}`,
        limit: config.rateLimits.globalPerMinute,
        windowSeconds: 60,
      });
    }
  });

  await app.register(healthRoutes, {
    prefix: '/health',
    database,
    pingTimeoutMs: config.dbConnectTimeoutMs,
    providerHealth: () => provider.client.health,
  });
  await app.register(authRoutes, { prefix: '/v1/auth', auth: services.auth });
  await app.register(accountRoutes, {
    prefix: '/v1/auth',
    passwordReset: services.passwordReset,
    contacts: services.contacts,
    staff: services.staff,
  });
  await app.register(adminStaffRoutes, { prefix: '/v1/admin/staff', staff: services.staff });
  // Production requires a transport for every channel, so nothing would ever land there.
  if (!config.isProduction)
    await app.register(devOutboxRoutes, { prefix: '/v1/dev', messages: services.messages });
  await app.register(userRoutes, { prefix: '/v1/user', profiles: services.profiles });
  await app.register(profileRoutes, { prefix: '/v1/data', profiles: services.profiles });
  await app.register(documentRoutes, { prefix: '/v1/documents', documents: services.documents });
  await app.register(consentRoutes, { prefix: '/v1/consents', consents: services.consents });
  await app.register(privacyRoutes, {
    prefix: '/v1/me',
    exports: services.privacyExports,
    erasure: services.erasure,
    refreshCookie: services.auth.refreshCookie,
  });
  await app.register(livelinessRoutes, { prefix: '/v1/image', liveliness: services.liveliness });
  await app.register(ipvRoutes, { prefix: '/v1/ipv', ipv: services.ipv });
  await app.register(digilockerRoutes, { prefix: '/v1/digilocker', digilocker: services.digilocker });
  await app.register(bankRoutes, { prefix: '/v1/banks', banks: services.banks });
  await app.register(secureShareRoutes, { prefix: '/v1/secure-share', secureShare: services.secureShare });
  await app.register(kycRoutes, { prefix: '/v1/kyc', kyc: services.kyc });
  await app.register(esignCustomerRoutes, { prefix: '/v1/kyc', esign: services.esign });
  await app.register(adminKycRoutes, { prefix: '/v1/admin/kyc', decisions: services.kycDecisions });
  await app.register(reviewQueueRoutes, {
    prefix: '/v1/review',
    queue: services.reviewQueue,
    claims: services.caseClaims,
  });
  await app.register(reviewRoutes, {
    prefix: '/v1/review',
    review: services.review,
    decisions: services.kycDecisions,
    templates: services.reviewTemplates,
  });
  await app.register(esignReviewRoutes, { prefix: '/v1/review', esign: services.esign });
  await app.register(adminDashboardRoutes, { prefix: '/v1/admin/dashboard', dashboard: services.dashboard });
  await app.register(adminWebhookRoutes, { prefix: '/v1/admin/webhooks', webhooks: services.webhooks });
  await app.register(apiKeyRoutes, { prefix: '/v1/admin/api-keys', apiKeys: services.apiKeys });
  await app.register(adminAuditRoutes, { prefix: '/v1/admin/audit', auditLog: services.auditLog });
  await app.register(adminPrivacyRoutes, {
    prefix: '/v1/admin',
    privacyAdmin: services.privacyAdmin,
    investigationHolds: services.investigationHolds,
  });
  await app.register(integrationRoutes, {
    prefix: '/v1/integration',
    integration: services.integration,
    deliveryStatus: services.deliveryStatus,
    apiKeys: services.apiKeys,
  });
  await app.register(esignIntegrationRoutes, {
    prefix: '/v1/integration',
    esign: services.esign,
    apiKeys: services.apiKeys,
  });
  await app.register(kycLinkIntegrationRoutes, {
    prefix: '/v1/integration/kyc-links',
    kycLinks: services.kycLinks,
    apiKeys: services.apiKeys,
  });
  await app.register(kycLinkRoutes, {
    prefix: '/v1/kyc-links',
    kycLinks: services.kycLinks,
    refreshCookie: services.auth.refreshCookie,
  });
  await registerWebApps(app, config, options.webRoot);
  await app.register(providerWebhookRoutes, { prefix: '/v1/webhooks', webhooks: services.providerWebhooks });

  sendSimulatorWebhooksHere(app, provider);
  app.addHook('onReady', async () => {
    await databaseReady;
    await jobs?.start();
  });
  app.addHook('onClose', async () => {
    // A close right after the build still lets the job system finish starting, then stops it.
    await databaseReady.catch(() => undefined);
    await services.passwordReset.drain();
    await jobs?.stop();
    services.messages.close();
    await stopFollowingSessions?.();
    await counters.close();
    await provider.close();
    if (ownsDatabase) await database.close();
  });

  return app;
}
