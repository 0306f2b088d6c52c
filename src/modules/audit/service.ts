import { Readable } from 'node:stream';
import type { Database, Executor } from '../../db/client.js';
import type { AuditTargetType } from '../../db/schema/index.js';
import { fieldError } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { auditCsvRow, csvLine, AUDIT_CSV_HEADER } from './csv.js';
import type { StaffService } from '../staff/service.js';
import { createAuditRepository } from './repository.js';
import type { AuditFilters, AuditRow } from './repository.js';
import type { AuditEntry } from './schemas.js';

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

/** Display names of staff accounts by id (null for an erased account); the staff service owns them. */
export type StaffNames = Pick<StaffService, 'displayNames'>;

/** The filters as the routes take them: ids, an action, and times as ISO strings. */
export interface AuditQuery {
  actorId?: string | undefined;
  action?: string | undefined;
  targetType?: AuditTargetType | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export type AuditExportFormat = 'csv' | 'json';

/** An export caps at this many entries (the newest); narrower filters reach older ones. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
const EXPORT_PAGE_SIZE = 500;

/** The read side of the audit log, for admins: a filtered list and the export. */
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly staffNames: StaffNames,
  ) {}

  async list(
    query: AuditQuery,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
    const rows = await createAuditRepository(this.db).list(filtersOf(query), {
      limit: page.limit + 1,
      before: page.cursor,
    });
    const shown = rows.slice(0, page.limit);
    return {
      data: await this.entries(shown, new Map()),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    };
  }

  /**
   * Every matching entry, newest first, up to `AUDIT_EXPORT_MAX_ROWS`, read page by page while the
   * answer is streamed. The export itself is recorded first (`audit_exported`, with the format and
   * filters), so it appears in the log it copies; in one transaction with the first read, so an export
   * that fails before it starts leaves no entry.
   */
  async export(
    actor: AuditActor,
    format: AuditExportFormat,
    query: AuditQuery,
  ): Promise<{ body: Readable; truncated: boolean }> {
    const filters = filtersOf(query);
    const truncated = await this.db.transaction(async (tx) => {
      await this.audit.record(tx, actor, {
        action: 'audit_exported',
        targetType: 'audit_log',
        // Each export is its own target: the log has no id of its own.
        targetId: uuidv7(),
        details: { format, ...query },
      });
      return createAuditRepository(tx).moreThan(filters, AUDIT_EXPORT_MAX_ROWS);
    });
    const pages = this.pages(filters);
    const body = Readable.from(format === 'csv' ? csvChunks(pages) : jsonChunks(pages));
    return { body, truncated };
  }

  private async *pages(filters: AuditFilters): AsyncGenerator<AuditEntry[]> {
    const repository = createAuditRepository(this.db);
    const names = new Map<string, string | null>();
    let before: string | undefined;
    let remaining = AUDIT_EXPORT_MAX_ROWS;
    while (remaining > 0) {
      const rows = await repository.list(filters, { limit: Math.min(EXPORT_PAGE_SIZE, remaining), before });
      if (rows.length === 0) return;
      yield await this.entries(rows, names);
      remaining -= rows.length;
      before = rows.at(-1)!.id;
    }
  }

  /** Rows with their actors' names, looked up once per id (`names` is the cache). */
  private async entries(rows: AuditRow[], names: Map<string, string | null>): Promise<AuditEntry[]> {
    const unknown = [...new Set(rows.map((row) => row.actorId))].filter((id) => !names.has(id));
    if (unknown.length > 0)
      for (const [id, person] of await this.staffNames.displayNames(unknown)) names.set(id, person.name);
    return rows.map((row) => ({
      id: row.id,
      actor: { id: row.actorId, name: names.get(row.actorId) ?? null, role: row.actorRole },
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      details: row.details,
      ip: row.ip,
      at: row.createdAt.toISOString(),
    }));
  }
}

function filtersOf(query: AuditQuery): AuditFilters {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from.getTime() > to.getTime())
    throw fieldError('/to', 'before_from', 'must not be before from');
  return { ...query, from, to };
}

async function* csvChunks(pages: AsyncIterable<AuditEntry[]>): AsyncGenerator<string> {
  yield csvLine([...AUDIT_CSV_HEADER]);
  for await (const page of pages) yield page.map(auditCsvRow).join('');
}

async function* jsonChunks(pages: AsyncIterable<AuditEntry[]>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const page of pages) {
    for (const entry of page) {
      yield `${first ? '' : ','}\n${JSON.stringify(entry)}`;
      first = false;
    }
  }
  yield '\n]\n';
}
