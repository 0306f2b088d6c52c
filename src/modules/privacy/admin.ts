import type { Database } from '../../db/client.js';
import type { ErasureStatus } from '../../db/schema/index.js';
import { uuidv7 } from '../../lib/ids.js';
import type { AuditActor, AuditService } from '../audit/service.js';
import { createPrivacyRepository } from './repository.js';

const LIST_LIMIT = 500;
const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

/** What admins see of erasure requests and legal holds: ids, states and dates, never a personal value. */
export class PrivacyAdminService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async erasureRequests(actor: AuditActor, filter: { status?: ErasureStatus | undefined }) {
    await this.record(actor, 'erasure_requests_listed', filter.status ? { status: filter.status } : {});
    const rows = await createPrivacyRepository(this.db).listRequests(filter, LIST_LIMIT);
    return rows.map((row) => ({
      ...row,
      requestedAt: iso(row.requestedAt),
      completedAt: isoOrNull(row.completedAt),
      holdUntil: isoOrNull(row.holdUntil),
    }));
  }

  async legalHolds(actor: AuditActor, filter: { state?: 'active' | 'released' | undefined }) {
    await this.record(actor, 'legal_holds_listed', filter.state ? { state: filter.state } : {});
    const rows = await createPrivacyRepository(this.db).listHolds(filter, LIST_LIMIT);
    return rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      reason: row.reason,
      relationshipEndedAt: iso(row.relationshipEndedAt),
      holdUntil: iso(row.holdUntil),
      releasedAt: isoOrNull(row.releasedAt),
    }));
  }

  private async record(actor: AuditActor, action: string, details: Record<string, string>) {
    // A listing has no id of its own: each one is its own target, as an audit log export is.
    await this.audit.record(this.db, actor, { action, targetType: 'privacy', targetId: uuidv7(), details });
  }
}
