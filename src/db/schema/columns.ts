import { jsonb, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Envelope } from '../../lib/crypto/index.js';
import { uuidv7 } from '../../lib/ids.js';
import { users } from './accounts.js';

// Column shapes every table shares, so each table reads as what is particular to it.

/** UUIDv7 primary key: time-ordered, not guessable like a counter. */
export const primaryId = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => uuidv7());

/** The owning user; the row goes with the user (erasure). */
export const ownerId = () =>
  uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A value encrypted under the user's data key, stored as `{v, kid, iv, ct, tag}`. */
export const encrypted = (name: string) => jsonb(name).$type<Envelope>();
