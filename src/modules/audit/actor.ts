import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../../plugins/auth.js';
import type { AuditActor } from './service.js';

/** The signed-in staff member of a request, and from where, as the audit log records them. */
export function auditActor(request: FastifyRequest): AuditActor {
  const session = sessionOf(request);
  const userAgent = request.headers['user-agent'];
  return {
    id: session.userId,
    role: session.role,
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : undefined,
  };
}
