import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { paths } from '../../../../openapi/schema';
import { ProblemError, isProblem } from '../lib/problems';
import type { Problem } from '../lib/problems';
import { parseRetryAfter } from '../lib/retry-after';
import { COOKIE_MODE, endSession, freshAccessToken } from './session';

/** Routes that issue or end sessions: asked in cookie mode so the refresh token never reaches a script. */
const SESSION_ROUTES = /^\/v1\/(auth\/(login|register|refresh|logout|mfa\/verify)|kyc-links\/exchange)$/;

const auth: Middleware = {
  async onRequest({ request }) {
    const { pathname } = new URL(request.url);
    if (SESSION_ROUTES.test(pathname)) {
      for (const [name, value] of Object.entries(COOKIE_MODE)) request.headers.set(name, value);
    }
    const token = await freshAccessToken();
    if (token && !request.headers.has('authorization'))
      request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // The session was revoked or ran out: the app shows the sign-in page.
    if (response.status === 401 && !SESSION_ROUTES.test(new URL(request.url).pathname)) endSession();
    return response;
  },
};

/** The typed client generated from Pehchan's OpenAPI description (openapi/schema.d.ts). */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(auth);

/**
 * Unwraps an openapi-fetch result: the data, or a ProblemError carrying the problem+json answer so that
 * forms can show each field's message beside the field.
 */
export async function call<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await promise;
  if (error !== undefined || !response.ok) {
    const problem: Problem = isProblem(error) ? error : { status: response.status, code: 'internal_error' };
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    throw new ProblemError(retryAfterSeconds === undefined ? problem : { ...problem, retryAfterSeconds });
  }
  return data as T;
}
