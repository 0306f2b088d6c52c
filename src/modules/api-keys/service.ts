import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';
import type { ApiKeyScope } from '../../db/schema/index.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { AuditActor, AuditService } from '../audit/service.js';
import { createApiKeyRepository } from './repository.js';
import type { ApiKeyRow } from './repository.js';

/** `pk_` and 32 random bytes in base64url (43 characters). */
export const API_KEY_PATTERN = /^pk_[A-Za-z0-9_-]{43}$/;
/** `pk_` and 6 characters: enough to tell keys apart in a list, far too few to guess the rest. */
const DISPLAY_PREFIX_LENGTH = 9;
/** last_used_at is a hint for admins, not an audit log: one write a minute per key is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuthenticatedApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
}

const view = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

const invalidKey = () => new AppError('invalid_token', 'A valid API key is required');

/**
 * API keys for the host application's backend. Only a SHA-256 of each key is stored: a key has 256
 * random bits, so a fast hash suffices, and looking it up by hash compares no secret byte by byte.
 */
export class ApiKeyService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates a key; the returned `key` is the only time it is ever shown. An admin's creation is
   * audited; `actor` is absent only for the operator's command line.
   */
  async create(
    input: { name: string; scopes: ApiKeyScope[] },
    actor?: AuditActor,
  ): Promise<ApiKeyView & { key: string }> {
    const key = `pk_${randomBytes(32).toString('base64url')}`;
    const scopes = [...new Set(input.scopes)];
    const row = await this.db.transaction(async (tx) => {
      const created = await createApiKeyRepository(tx).insert({
        name: input.name,
        scopes,
        prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
        keyHash: hashKey(key),
        createdBy: actor?.id,
      });
      if (actor)
        await this.audit.record(tx, actor, {
          action: 'api_key_created',
          targetType: 'api_key',
          targetId: created.id,
          details: { scopes: scopes.join(' ') },
        });
      return created;
    });
    return { ...view(row), key };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await createApiKeyRepository(this.db).list()).map(view);
  }

  /**
   * Revoking is immediate and idempotent; a revoked key cannot be restored. Only the revocation
   * that takes effect is audited.
   */
  async revoke(actor: AuditActor, id: string): Promise<ApiKeyView> {
    const row = await this.db.transaction(async (tx) => {
      const repository = createApiKeyRepository(tx);
      const revoked = await repository.revoke(id, new Date());
      if (revoked)
        await this.audit.record(tx, actor, {
          action: 'api_key_revoked',
          targetType: 'api_key',
          targetId: id,
        });
      return revoked ?? (await repository.find(id));
    });
    if (!row) throw notFound('API key');
    return view(row);
  }

  /** 401 `invalid_token` for an unknown or revoked key, 403 `forbidden` when the scope is missing. */
  async authenticate(key: string, scope: ApiKeyScope): Promise<AuthenticatedApiKey> {
    if (!API_KEY_PATTERN.test(key)) throw invalidKey();
    const repository = createApiKeyRepository(this.db);
    const row = await repository.findByHash(hashKey(key));
    if (!row || row.revokedAt) throw invalidKey();
    if (!row.scopes.includes(scope)) throw forbidden(`This API key lacks the ${scope} scope`);
    const now = new Date();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await repository.touch(row.id, now);
    }
    return { id: row.id, name: row.name, scopes: row.scopes };
  }
}
