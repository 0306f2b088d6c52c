import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserRole } from '../db/schema/index.js';
import { AppError, forbidden } from '../lib/errors.js';
import type { ActiveSession } from '../modules/auth/repository.js';
import type { AuthService } from '../modules/auth/service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `app.authenticate` on authenticated routes. */
    session: ActiveSession | null;
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireRole: (...roles: UserRole[]) => (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** The authenticated session of a request that went through `app.authenticate`. */
export function sessionOf(request: FastifyRequest): ActiveSession {
  if (!request.session) throw new AppError('invalid_token', 'Authentication required');
  return request.session;
}

/**
 * Bearer tokens only from the Authorization header (never from the query string), checked against
 * the session row on every request so that logout and revocation take effect at once.
 */
export function registerAuth(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('session', null);

  app.decorate('authenticate', async (request: FastifyRequest) => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new AppError('invalid_token', 'Authentication required');
    request.session = await auth.authenticate(match[1]!);
  });

  app.decorate(
    'requireRole',
    (...roles: UserRole[]) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        await app.authenticate(request, reply);
        const session = sessionOf(request);
        if (!roles.includes(session.role)) throw forbidden('Your role may not do this');
        // Staff routes need a session that began with the second factor (where the role requires one).
        auth.assertSecondFactor(session);
      },
  );
}
