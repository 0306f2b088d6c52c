import { randomUUID } from 'node:crypto';

/**
 * RFC 9562 UUIDv7: 48-bit millisecond timestamp, then random bits. Time-ordered ids keep B-tree
 * inserts local and cannot be guessed like counters. The random bits and the variant come from a v4
 * UUID, which Node draws from a buffered CSPRNG pool: no allocation or system call per id.
 */
export function uuidv7(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  // randomUUID(): xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx; its version digit (index 14) becomes 7.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
