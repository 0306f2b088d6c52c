import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditActor } from './actor.js';
import { AuditEntry, AuditExportQuery, AuditListQuery, AuditListResponse } from './schemas.js';
import { AUDIT_EXPORT_MAX_ROWS } from './service.js';
import type { AuditLog } from './service.js';

/** A streamed attachment: documented here, never serialised by the framework. */
const exportResponse: Record<string, unknown> = {
  description: 'The entries, as an attachment',
  headers: {
    'content-disposition': Type.String({ description: 'attachment; filename="audit-<time>.csv|json"' }),
    'x-export-truncated': Type.String({ description: '`true` when more entries matched than were exported' }),
  },
  content: {
    'text/csv': { schema: Type.String({ description: 'A header line, then one entry a line' }) },
    'application/json': { schema: Type.Array(AuditEntry) },
  },
};

/** The audit log for admins, under /v1/admin/audit. */
export const adminAuditRoutes: FastifyPluginAsyncTypebox<{ auditLog: AuditLog }> = async (
  app,
  { auditLog },
) => {
  app.addHook('onRequest', app.requireRole('admin'));
  const security = [{ bearerAuth: [] }];
  const tags = ['admin'];

  app.get(
    '',
    {
      schema: {
        tags,
        operationId: 'listAuditEntries',
        summary: 'List audit log entries',
        description:
          'Every reviewer and admin action (case views, reveals, claims, decisions, staff, API key and webhook changes, exports), newest first, filtered by actor, action, target and time (`from` inclusive, `to` exclusive). Keyset pages: pass `nextCursor` as `cursor`. `limit` outside 1-100 is a 400. Details hold field names, reasons and codes, never a personal value.',
        errors: ['validation_failed'],
        security,
        querystring: AuditListQuery,
        response: { 200: AuditListResponse },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const page = await auditLog.list(filters, { limit: limit ?? 50, cursor });
      return { success: true as const, ...page };
    },
  );

  app.get(
    '/export',
    {
      schema: {
        tags,
        operationId: 'exportAuditEntries',
        summary: 'Export audit log entries',
        description: `Every entry matching the same filters as the list, newest first, streamed as an attachment: CSV (RFC 4180; a cell starting with \`=\`, \`+\`, \`-\` or \`@\` gets a leading \`'\` so a spreadsheet never runs it as a formula) or a JSON array of list entries. At most the newest ${AUDIT_EXPORT_MAX_ROWS} entries; \`x-export-truncated: true\` says more matched (narrow the filters). The export is itself recorded (\`audit_exported\`).`,
        errors: ['validation_failed'],
        security,
        querystring: AuditExportQuery,
        response: { 200: exportResponse },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const { body, truncated } = await auditLog.export(auditActor(request), format, filters);
      const stamp = new Date().toISOString().replaceAll(':', '').replace(/\..*/, 'Z');
      return reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="audit-${stamp}.${format}"`)
        .header('cache-control', 'no-store')
        .header('x-export-truncated', String(truncated))
        .send(body);
    },
  );
};
