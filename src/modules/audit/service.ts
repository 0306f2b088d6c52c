import type { Executor } from '../../db/client.js';
import type { AuditTargetType } from '../../db/schema/index.js';
import { createAuditRepository } from './repository.js';

/** The staff member acting, and from where. */
export interface AuditActor {
  id: string;
  role: string;
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export interface AuditRecord {
  action: string;
  targetType: AuditTargetType;
  targetId: string;
  /** Field names, reasons, codes and counts; never a personal value. */
  details?: Record<string, string | number | boolean | null>;
}

/** The one log of reviewer and admin actions. */
export class AuditService {
  /**
   * Writes one entry. Pass the transaction that makes the change, so the change and its entry
   * commit together.
   */
  async record(executor: Executor, actor: AuditActor, entry: AuditRecord): Promise<void> {
    await createAuditRepository(executor).insert({
      actorId: actor.id,
      actorRole: actor.role,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details ?? {},
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
    });
  }
}
