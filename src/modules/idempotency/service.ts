import type { Database } from '../../db/client.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { createIdempotencyRepository } from './repository.js';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse<Body> {
  status: number;
  body: Body;
  replayed: boolean;
}

/**
 * Idempotency-Key semantics (IETF draft, as Stripe and Persona do it): the first answer for a key is
 * stored and replayed for the same request; the same key with other content is 422; while the first
 * request runs, 409. A request that failed is forgotten, so the client may retry with the same key.
 */
export class IdempotencyService {
  constructor(private readonly db: Database) {}

  async run<Body>(
    target: { userId: string; scope: string; key: string | undefined; fingerprint: string },
    action: () => Promise<{ status: number; body: Body }>,
  ): Promise<StoredResponse<Body>> {
    if (target.key === undefined) return { ...(await action()), replayed: false };
    if (!KEY_SHAPE.test(target.key)) {
      throw fieldError(
        '/headers/idempotency-key',
        'invalid_idempotency_key',
        'must be 1-255 visible ASCII characters',
      );
    }
    const repository = createIdempotencyRepository(this.db);
    const { userId, scope, key, fingerprint } = target;
    let claimed = await repository.claim({
      userId,
      scope,
      key,
      fingerprint,
      expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_SECONDS * 1000),
    });
    if (!claimed) {
      const existing = await repository.find(userId, scope, key);
      if (existing && existing.expiresAt.getTime() <= Date.now()) {
        await repository.release(existing.id);
        return this.run(target, action);
      }
      if (!existing) return this.run(target, action);
      if (existing.fingerprint !== fingerprint) {
        throw new AppError(
          'idempotency_key_mismatch',
          'This Idempotency-Key was used with different content',
        );
      }
      if (existing.state === 'in_progress') {
        throw new AppError('request_in_progress', 'A request with this Idempotency-Key is still running', {
          headers: { 'retry-after': '1' },
        });
      }
      return { status: existing.responseStatus!, body: existing.responseBody as Body, replayed: true };
    }
    try {
      const result = await action();
      await repository.complete(claimed.id, result.status, result.body);
      claimed = undefined;
      return { ...result, replayed: false };
    } finally {
      if (claimed) await repository.release(claimed.id);
    }
  }

  async purgeExpired(): Promise<number> {
    return createIdempotencyRepository(this.db).purgeExpired();
  }
}
