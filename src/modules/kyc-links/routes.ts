import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { apiKeyAuthenticator, apiKeyOf } from '../api-keys/auth.js';
import type { ApiKeyService } from '../api-keys/service.js';
import { setRefreshCookie, wantsCookieSession } from '../auth/session-cookie.js';
import type { CookieSettings } from '../auth/session-cookie.js';
import {
  CompleteResponse,
  CreatedLinkResponse,
  CreateLinkBody,
  ExchangeBody,
  ExchangeResponse,
  LinkParams,
  LinkResponse,
} from './schemas.js';
import type { KycLinkService } from './service.js';

/** The host application's side: make, look at and revoke links (API key scope `links:write`). */
export const kycLinkIntegrationRoutes: FastifyPluginAsyncTypebox<{
  kycLinks: KycLinkService;
  apiKeys: ApiKeyService;
}> = async (app, { kycLinks, apiKeys }) => {
  const authenticateApiKey = apiKeyAuthenticator(apiKeys);
  const tags = ['integration'];
  const security = [{ apiKeyAuth: [] }];

  app.post(
    '',
    {
      onRequest: authenticateApiKey('links:write'),
      schema: {
        tags,
        operationId: 'createKycLink',
        summary: 'Create a KYC link',
        description:
          'A single-use link that takes the customer through onboarding and back to `redirectUrl` (API key scope `links:write`). A new `externalId` creates the customer without a password (`name`, `email` and `mobileNo` are then required); a known one reuses that customer. The redirect is signed with `WEBHOOK_SECRET`: without it the answer is 409 `links_not_configured`. See docs/kyc-links.md.',
        security,
        errors: ['links_not_configured', 'email_taken', 'external_id_taken'],
        body: CreateLinkBody,
        response: { 201: CreatedLinkResponse },
      },
    },
    async (request, reply) => {
      const apiKey = apiKeyOf(request);
      const data = await kycLinks.create(request.body, apiKey.id);
      request.log.info({ linkId: data.linkId, apiKeyId: apiKey.id }, 'kyc link created');
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ success: true as const, data });
    },
  );

  app.get(
    '/:linkId',
    {
      onRequest: authenticateApiKey('links:write'),
      schema: {
        tags,
        operationId: 'getKycLink',
        summary: 'View a KYC link',
        description:
          "A link's status and times, and its customer's KYC status now (API key scope `links:write`).",
        security,
        errors: ['link_not_found'],
        params: LinkParams,
        response: { 200: LinkResponse },
      },
    },
    async (request) => ({ success: true as const, data: await kycLinks.get(request.params.linkId) }),
  );

  app.delete(
    '/:linkId',
    {
      onRequest: authenticateApiKey('links:write'),
      schema: {
        tags,
        operationId: 'revokeKycLink',
        summary: 'Revoke a KYC link',
        description:
          'Revokes a link not completed yet: it can no longer be opened, and the session it opened ends at once. Idempotent (API key scope `links:write`).',
        security,
        errors: ['link_not_found'],
        params: LinkParams,
        response: { 200: LinkResponse },
      },
    },
    async (request) => {
      const data = await kycLinks.revoke(request.params.linkId);
      request.log.info({ linkId: data.linkId, apiKeyId: apiKeyOf(request).id }, 'kyc link revoked');
      return { success: true as const, data };
    },
  );
};

/** The customer's side: the onboarding app opens and completes a link. */
export const kycLinkRoutes: FastifyPluginAsyncTypebox<{
  kycLinks: KycLinkService;
  refreshCookie: CookieSettings;
}> = async (app, { kycLinks, refreshCookie }) => {
  const tags = ['kyc-links'];

  app.post(
    '/exchange',
    {
      schema: {
        tags,
        operationId: 'exchangeKycLink',
        summary: 'Open a KYC link',
        description:
          "Exchanges a link's single-use token for a customer session bound to the link. A used, expired or revoked link answers 410 (`link_used`, `link_expired`, `link_revoked`), an unknown one 404 `link_not_found`. Rate limited per address like login. With header `x-pehchan-session: cookie` the refresh token is set as the httpOnly `pehchan_refresh` cookie and left out of the body.",
        security: [],
        errors: [
          'link_not_found',
          'link_used',
          'link_expired',
          'link_revoked',
          'forbidden',
          'links_not_configured',
        ],
        body: ExchangeBody,
        response: { 200: ExchangeResponse },
      },
    },
    async (request, reply) => {
      const { refreshToken, ...data } = await kycLinks.exchange(request.body.token, {
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300),
      });
      request.log.info({ linkId: data.link.linkId }, 'kyc link opened');
      if (wantsCookieSession(request)) {
        setRefreshCookie(reply, refreshToken, refreshCookie);
        return { success: true as const, data };
      }
      return { success: true as const, data: { ...data, refreshToken } };
    },
  );

  app.post(
    '/complete',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        operationId: 'completeKycLink',
        summary: 'Finish a KYC link',
        description:
          "Ends the link's journey: answers the host's redirectUrl with `linkId`, `status` (the customer's KYC status), `ts` and `signature` added (docs/kyc-links.md), and sends the `kyc_link.completed` webhook the first time. A session not opened through a link answers 409 `not_link_session`.",
        security: [{ bearerAuth: [] }],
        errors: ['not_link_session', 'link_revoked', 'link_not_found', 'links_not_configured'],
        response: { 200: CompleteResponse },
      },
    },
    async (request) => {
      const data = await kycLinks.complete(sessionOf(request));
      request.log.info({ linkId: sessionOf(request).linkId }, 'kyc link completed');
      return { success: true as const, data };
    },
  );
};
