import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { sessionOf } from '../../plugins/auth.js';
import { apiKeyAuthenticator } from '../api-keys/auth.js';
import type { ApiKeyService } from '../api-keys/service.js';
import { UserParams } from '../integration/schemas.js';
import { CaseIdParams } from '../kyc/schemas.js';
import { actorOf } from '../review/actor.js';
import { EsignResponse, PdfDownload } from './schemas.js';
import type { EsignService, FormFile } from './service.js';

const sendPdf = (reply: FastifyReply, form: FormFile) =>
  reply
    .header('content-type', 'application/pdf')
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      `attachment; filename="account-opening-form-${form.caseId}${form.signed ? '-signed' : ''}.pdf"`,
    )
    .send(form.bytes);

/** The customer's side, under /v1/kyc: the signing link, a re-send, and the signed form. */
export const esignCustomerRoutes: FastifyPluginAsyncTypebox<{ esign: EsignService }> = async (
  app,
  { esign },
) => {
  const security = [{ bearerAuth: [] }];
  const customer = { onRequest: app.requireRole('customer') };

  app.get(
    '/esign',
    {
      ...customer,
      schema: {
        tags: ['kyc'],
        operationId: 'getEsign',
        summary: 'E-sign of the account opening form',
        description:
          "The latest case's status with the Aadhaar e-sign link while it is esign_pending. A pending signature is looked up at Cashfree first, so the onboarding app calls this when the customer comes back from signing; the case then reads completed or esign_expired.",
        security,
        errors: ['provider_unavailable', 'forbidden', 'kyc_not_approved', 'provider_error'],
        response: { 200: EsignResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { success: true as const, data: await esign.customerView(sessionOf(request).userId) };
    },
  );

  app.post(
    '/esign/resend',
    {
      ...customer,
      schema: {
        tags: ['kyc'],
        operationId: 'resendEsign',
        summary: 'Send the form for e-sign again',
        description:
          'A new signing request for an approved case whose link expired (esign_expired) or whose first send failed (approved); the case becomes esign_pending. 409 `kyc_not_approved` before approval, `case_already_decided` once signed.',
        security,
        errors: [
          'kyc_not_approved',
          'case_already_decided',
          'provider_error',
          'provider_unavailable',
          'forbidden',
        ],
        response: { 200: EsignResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await esign.resendForCustomer(sessionOf(request).userId),
    }),
  );

  app.get(
    '/account-opening-form',
    {
      ...customer,
      schema: {
        tags: ['kyc'],
        operationId: 'getAccountOpeningForm',
        summary: 'Download the signed account opening form',
        description: "The customer's latest e-signed account opening form; 404 until one is signed.",
        security,
        errors: ['not_found', 'forbidden'],
        response: { 200: PdfDownload },
      },
    },
    async (request, reply) => sendPdf(reply, await esign.signedFormOf(sessionOf(request).userId)),
  );
};

/** Reviewers and admins, under /v1/review: the form of a case (audited) and a re-send (audited). */
export const esignReviewRoutes: FastifyPluginAsyncTypebox<{ esign: EsignService }> = async (
  app,
  { esign },
) => {
  app.addHook('onRequest', app.requireRole('reviewer', 'admin'));
  const security = [{ bearerAuth: [] }];

  app.get(
    '/cases/:caseId/account-opening-form',
    {
      schema: {
        tags: ['review'],
        operationId: 'getReviewAccountOpeningForm',
        summary: "Download a case's account opening form",
        description:
          'The signed form once the customer signed it, otherwise the form as sent for e-sign (the file name says which); 404 before the form was sent. Each download is recorded in the audit log.',
        security,
        errors: ['not_found'],
        params: CaseIdParams,
        response: { 200: PdfDownload },
      },
    },
    async (request, reply) =>
      sendPdf(reply, await esign.formForStaff(request.params.caseId, actorOf(request))),
  );

  app.post(
    '/cases/:caseId/esign/resend',
    {
      schema: {
        tags: ['review'],
        operationId: 'resendReviewEsign',
        summary: 'Send the form for e-sign again',
        description:
          'A new signing request for an approved case whose link expired (or whose first send failed); the case becomes esign_pending. Audited.',
        security,
        errors: [
          'not_found',
          'kyc_not_approved',
          'case_already_decided',
          'provider_error',
          'provider_unavailable',
        ],
        params: CaseIdParams,
        response: { 200: EsignResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await esign.resendForStaff(request.params.caseId, actorOf(request)),
    }),
  );
};

/** The host application's backend, under /v1/integration: the signed form (scope `documents:read`). */
export const esignIntegrationRoutes: FastifyPluginAsyncTypebox<{
  esign: EsignService;
  apiKeys: ApiKeyService;
}> = async (app, { esign, apiKeys }) => {
  const authenticateApiKey = apiKeyAuthenticator(apiKeys);
  app.get(
    '/users/:id/account-opening-form',
    {
      onRequest: authenticateApiKey('documents:read'),
      schema: {
        tags: ['integration'],
        operationId: 'getIntegrationAccountOpeningForm',
        summary: "A user's signed account opening form",
        description:
          "The user's latest e-signed account opening form as a PDF (API key scope `documents:read`); 404 until one is signed.",
        security: [{ apiKeyAuth: [] }],
        errors: ['not_found'],
        params: UserParams,
        response: { 200: PdfDownload },
      },
    },
    async (request, reply) => sendPdf(reply, await esign.signedFormOf(request.params.id)),
  );
};
