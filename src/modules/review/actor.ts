import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../../plugins/auth.js';

/** The staff member behind a review request, and from where (for the audit log). */
export const actorOf = (request: FastifyRequest) => {
  const session = sessionOf(request);
  const userAgent = request.headers['user-agent'];
  return { id: session.userId, role: session.role, ip: request.ip, userAgent: userAgent?.slice(0, 300) };
};
