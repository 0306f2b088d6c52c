import { randomInt, randomUUID } from 'node:crypto';

/** Ids made within this much of the last one's time continue its sequence (a clock stepped back a little). */
const MONOTONIC_WINDOW_MS = 10_000;
/** rand_a is 12 bits; a millisecond's sequence starts below half of it, leaving at least 2,048 increments. */
const SEQUENCE_MAX = 0xfff;
let lastTime = 0;
let sequence = 0;

/**
 * RFC 9562 UUIDv7: 48-bit millisecond timestamp, a 12-bit sequence (its section 6.2, method 1), then random
 * bits. Time-ordered ids keep B-tree inserts local and cannot be guessed like counters. The sequence starts
 * at a random value each millisecond and counts up within it, so ids this process makes in one millisecond
 * still sort in the order they were made: they break the ties of lists ordered by time, where rows share a
 * timestamp (PostgreSQL's now() is one per transaction, and PGlite's counts whole milliseconds). A
 * millisecond that runs out of sequence borrows the next one. The random bits and the variant come from a
 * v4 UUID, which Node draws from a buffered CSPRNG pool: no allocation or system call per id.
 */
export function uuidv7(now = Date.now()): string {
  let time = now;
  if (now > lastTime) {
    lastTime = now;
    sequence = randomInt(SEQUENCE_MAX >> 1);
  } else if (lastTime - now < MONOTONIC_WINDOW_MS) {
    if (sequence === SEQUENCE_MAX) {
      lastTime += 1;
      sequence = randomInt(SEQUENCE_MAX >> 1);
    } else sequence += 1;
    time = lastTime;
  } else {
    // An explicitly older time: an id of its own, outside the sequence.
    return format(now, randomInt(SEQUENCE_MAX + 1));
  }
  return format(time, sequence);
}

function format(time: number, rand: number): string {
  const hex = time.toString(16).padStart(12, '0');
  // randomUUID(): xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx; from index 18 on, "-yxxx-…" with the variant.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${rand.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
