import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { ApiKeyService, AuthenticatedApiKey } from './service.js';

/** The key each request was let in with (kept off the request object: no decoration needed). */
const keysOf = new WeakMap<FastifyRequest, AuthenticatedApiKey>();

/** The API key of a request that went through `authenticateApiKey`. */
export function apiKeyOf(request: FastifyRequest): AuthenticatedApiKey {
  const apiKey = keysOf.get(request);
  if (!apiKey) throw new AppError('invalid_token', 'An API key is required');
  return apiKey;
}

const BEARER_KEY = /^Bearer (pk_\S+)$/;

/** The presented key: `Authorization: Bearer pk_…`, else `x-api-key: pk_…`. Never the query string. */
function presentedKey(request: FastifyRequest): string | undefined {
  const bearer = BEARER_KEY.exec(request.headers.authorization ?? '');
  if (bearer) return bearer[1];
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * `authenticateApiKey(scope)` gives a hook that lets a request through only with a live API key
 * holding `scope`. Session tokens are not API keys: a customer's or staff bearer token gets 401.
 */
export function apiKeyAuthenticator(apiKeys: ApiKeyService) {
  return function authenticateApiKey(scope: ApiKeyScope) {
    return async (request: FastifyRequest): Promise<void> => {
      const key = presentedKey(request);
      if (!key) throw new AppError('invalid_token', 'An API key is required');
      const apiKey = await apiKeys.authenticate(key, scope);
      keysOf.set(request, apiKey);
      request.log = request.log.child({ apiKeyId: apiKey.id });
    };
  };
}
