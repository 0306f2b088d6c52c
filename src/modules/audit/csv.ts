import type { AuditEntry } from './schemas.js';

/** The export's columns, in order. */
export const AUDIT_CSV_HEADER = [
  'id',
  'at',
  'actor_id',
  'actor_name',
  'actor_role',
  'action',
  'target_type',
  'target_id',
  'details',
  'ip',
] as const;

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would read as a formula (starting with = + - @, or a
 * tab or carriage return that some strip first) gets a leading apostrophe, so opening the export
 * never runs what a staff name or a reason contains.
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

export const csvLine = (cells: Array<string | null>) => `${cells.map(csvCell).join(',')}\r\n`;

export const auditCsvRow = (entry: AuditEntry) =>
  csvLine([
    entry.id,
    entry.at,
    entry.actor.id,
    entry.actor.name,
    entry.actor.role,
    entry.action,
    entry.targetType,
    entry.targetId,
    JSON.stringify(entry.details),
    entry.ip,
  ]);
