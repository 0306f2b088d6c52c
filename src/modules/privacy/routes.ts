import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sessionOf } from '../../plugins/auth.js';
import { auditActor } from '../audit/actor.js';
import type { ClientContext } from '../auth/service.js';
import { clearRefreshCookie } from '../auth/session-cookie.js';
import type { CookieSettings } from '../auth/session-cookie.js';
import type { PrivacyAdminService } from './admin.js';
import type { ErasureService } from './erasure.js';
import type { InvestigationHoldService } from './investigation.js';
import {
  BackgroundExportResponse,
  CustomerParams,
  ErasureRequestListResponse,
  ErasureRequestQuery,
  ErasureResponse,
  ExportParams,
  ExportQuery,
  ExportResponse,
  InvestigationHoldListResponse,
  InvestigationHoldParams,
  InvestigationHoldResponse,
  LegalHoldListResponse,
  LegalHoldQuery,
  PlaceInvestigationHoldBody,
} from './schemas.js';
import { DATA_EXPORT_TTL_DAYS } from './service.js';
import type { PrivacyExportService } from './service.js';

const security = [{ bearerAuth: [] }];

const clientOf = (request: FastifyRequest): ClientContext => {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, ...(typeof userAgent === 'string' ? { userAgent: userAgent.slice(0, 300) } : {}) };
};

const exportResponse: Record<string, unknown> = {
  description: 'The export: JSON, or a ZIP attachment with `pehchan-export.json` and `documents/<id>.<ext>`',
  content: {
    'application/json': { schema: ExportResponse },
    'application/zip': { schema: Type.String({ format: 'binary' }) },
  },
};

const zipResponse: Record<string, unknown> = {
  description: 'The ZIP attachment: `pehchan-export.json` and `documents/<id>.<ext>`',
  content: { 'application/zip': { schema: Type.String({ format: 'binary' }) } },
};

const sendZip = (reply: FastifyReply, archive: Buffer) =>
  reply
    .header('cache-control', 'no-store')
    .header('content-type', 'application/zip')
    .header('content-disposition', 'attachment; filename="pehchan-export.zip"')
    .send(archive);

/** The customer's DPDP rights: access (export) and erasure. */
export const privacyRoutes: FastifyPluginAsyncTypebox<{
  exports: PrivacyExportService;
  erasure: ErasureService;
  refreshCookie: CookieSettings;
}> = async (app, { exports, erasure, refreshCookie }) => {
  app.addHook('onRequest', app.requireRole('customer'));

  app.get(
    '/export',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'exportMyData',
        summary: 'Export my data',
        description: `Everything Pehchan holds about the signed-in customer (DPDP Act s.11): the account, profile (decrypted), consents with notice versions, cases, checks (masked), decisions and their history, provider calls (masked), sign-in and security history, messages sent, erasure requests and holds, and who else processes the data. \`format=zip\` adds the files (documents, selfies) to a ZIP; when they are too large to zip during the request (\`EXPORT_ZIP_INLINE_MAX_BYTES\`, 64 MiB by default) it answers 413 \`export_too_large\`: ask for the ZIP with \`POST /v1/me/exports\` instead. A few exports a day (429 \`rate_limited\` beyond); each is recorded in the account's security log (\`data_exported\`).`,
        security,
        querystring: ExportQuery,
        errors: ['forbidden', 'export_too_large', 'rate_limited'],
        response: { 200: exportResponse },
      },
    },
    async (request, reply) => {
      const { userId } = sessionOf(request);
      if (request.query.format === 'zip')
        return sendZip(reply, await exports.exportZip(userId, clientOf(request)));
      return reply
        .header('cache-control', 'no-store')
        .header('content-type', 'application/json; charset=utf-8')
        .send({ success: true as const, data: await exports.exportJson(userId, clientOf(request)) });
    },
  );

  app.post(
    '/exports',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'requestExport',
        summary: 'Prepare my data as a ZIP',
        description: `The ZIP of \`GET /v1/me/export?format=zip\`, prepared in the background for accounts whose files are too large to zip during a request: answers 202 \`pending\`; poll \`GET /v1/me/exports/{exportId}\` until \`ready\`, then download it (kept ${DATA_EXPORT_TTL_DAYS} days, encrypted). One at a time: asking while one is being prepared answers that one. Counts against the daily export allowance (429 \`rate_limited\`), recorded in the account's security log (\`data_export_requested\`).`,
        security,
        errors: ['forbidden', 'rate_limited'],
        response: { 202: BackgroundExportResponse },
      },
    },
    async (request, reply) => {
      const data = await exports.requestBackgroundZip(sessionOf(request).userId, clientOf(request));
      return reply.status(202).send({ success: true as const, data });
    },
  );

  app.get(
    '/exports/:exportId',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'getExport',
        errors: ['forbidden'],
        summary: 'Check a prepared export',
        description:
          'Whether the ZIP asked for with `POST /v1/me/exports` is ready. Another customer’s is 404.',
        security,
        params: ExportParams,
        response: { 200: BackgroundExportResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await exports.backgroundZip(sessionOf(request).userId, request.params.exportId),
    }),
  );

  app.get(
    '/exports/:exportId/download',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'downloadExport',
        summary: 'Download a prepared export',
        description:
          'The prepared ZIP, while it is kept. 409 `export_not_ready` while pending or after a failure; 404 once expired. Recorded in the security log (`data_exported_zip`).',
        security,
        params: ExportParams,
        errors: ['forbidden', 'export_not_ready'],
        response: { 200: zipResponse },
      },
    },
    async (request, reply) => {
      const { userId } = sessionOf(request);
      return sendZip(
        reply,
        await exports.downloadBackgroundZip(userId, request.params.exportId, clientOf(request)),
      );
    },
  );

  app.post(
    '/erasure',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'requestErasure',
        summary: 'Erase my data',
        description:
          "Closes the account and erases the customer's data (DPDP Act s.12(3)): sessions end, documents and selfies are deleted, the data key is destroyed (every encrypted value becomes unreadable), the email and mobile are overwritten (the address can sign up again), the account is disabled. A customer whose KYC was approved keeps the KYC record the law requires (PMLA s.12, SEBI: `RETENTION_YEARS`, default 8, from today) under a legal hold: `status: held` and `holdUntil`; the rest is erased now. Processing logs without personal values stay (DPDP Rules r.8(3)). The host hears `user.erasure_requested` (and `user.erasure_completed`). Cannot be undone.",
        security,
        errors: ['forbidden'],
        response: { 202: ErasureResponse },
      },
    },
    async (request, reply) => {
      const data = await erasure.request(sessionOf(request).userId, clientOf(request));
      // Every session ended with the account: the browser forgets its refresh cookie, as at logout.
      clearRefreshCookie(reply, refreshCookie);
      return reply.status(202).send({ success: true as const, data });
    },
  );
};

/** Admins' view of erasure requests and legal holds, and investigation holds; every call is audited. */
export const adminPrivacyRoutes: FastifyPluginAsyncTypebox<{
  privacyAdmin: PrivacyAdminService;
  investigationHolds: InvestigationHoldService;
}> = async (app, { privacyAdmin, investigationHolds }) => {
  app.addHook('onRequest', app.requireRole('admin'));

  app.get(
    '/erasure-requests',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listErasureRequests',
        summary: 'List erasure requests',
        description:
          'Erasure requests, newest first (at most 500): who (user id only), from where (the customer or the draft retention job), `held` or `completed`, and until when a legal hold keeps the KYC record. Recorded in the audit log (`erasure_requests_listed`).',
        security,
        querystring: ErasureRequestQuery,
        response: { 200: ErasureRequestListResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await privacyAdmin.erasureRequests(auditActor(request), request.query),
    }),
  );

  app.get(
    '/legal-holds',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listLegalHolds',
        summary: 'List legal holds',
        description:
          'Legal holds, newest first (at most 500): the customer, the reason, when the relationship ended, until when the record is kept, and when the hold was released. Recorded in the audit log (`legal_holds_listed`).',
        security,
        querystring: LegalHoldQuery,
        response: { 200: LegalHoldListResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await privacyAdmin.legalHolds(auditActor(request), request.query),
    }),
  );

  app.post(
    '/users/:userId/investigation-holds',
    {
      schema: {
        tags: ['admin'],
        operationId: 'placeInvestigationHold',
        summary: 'Place an investigation hold',
        description:
          "Keeps a customer's KYC record while a suspicious transaction report (`str`) or an authority's request " +
          '(`enforcement`) runs, with no end date: an erasure request then closes the account but keeps the record ' +
          '(recorded `held`, and the host hears `held`), and the retention job leaves the customer alone, until an ' +
          'admin releases the hold. The customer never learns of it (PMLA s.12(2), no tipping off): their export ' +
          'leaves it out and their erasure is answered as if no hold ran. One ' +
          'running hold per customer (409 `investigation_hold_active`). Recorded in the audit log ' +
          '(`investigation_hold_placed`).',
        security,
        params: CustomerParams,
        body: PlaceInvestigationHoldBody,
        errors: ['investigation_hold_active'],
        response: { 201: InvestigationHoldResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        success: true as const,
        data: await investigationHolds.place(auditActor(request), request.params.userId, request.body.kind),
      }),
  );

  app.post(
    '/investigation-holds/:holdId/release',
    {
      schema: {
        tags: ['admin'],
        operationId: 'releaseInvestigationHold',
        summary: 'Release an investigation hold',
        description:
          'Ends an investigation hold. An erasure the customer asked for while it ran completes now (the kept ' +
          'record and the data key are erased, the host hears `user.erasure_completed`), unless a legal hold still ' +
          'keeps the KYC record. 409 `hold_already_released` for a released hold. Recorded in the audit log ' +
          '(`investigation_hold_released`).',
        security,
        params: InvestigationHoldParams,
        errors: ['hold_already_released'],
        response: { 200: InvestigationHoldResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await investigationHolds.release(auditActor(request), request.params.holdId),
    }),
  );

  app.get(
    '/investigation-holds',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listInvestigationHolds',
        summary: 'List investigation holds',
        description:
          'Investigation holds, newest first (at most 500): the customer, the kind, who placed and released each ' +
          'and when. Recorded in the audit log (`investigation_holds_listed`).',
        security,
        querystring: LegalHoldQuery,
        response: { 200: InvestigationHoldListResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await investigationHolds.list(auditActor(request), request.query),
    }),
  );
};
