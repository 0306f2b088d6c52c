import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from '../../src/lib/ids.js';

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID carrying the millisecond time', () => {
    const now = Date.UTC(2026, 11, 3, 10, 30);
    const id = uuidv7(now);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
  });

  it('orders by time and never repeats', () => {
    const ids = Array.from({ length: 10_000 }, (_, index) => uuidv7(1_700_000_000_000 + index));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 10_000 }, () => uuidv7(1_700_000_000_000))).size).toBe(10_000);
  });

  it('sorts in the order made within one millisecond, and on across the milliseconds it borrows', () => {
    const now = Date.now() + 60_000;
    const ids = Array.from({ length: 5_000 }, () => uuidv7(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5_000);
    // 5,000 ids need more than one millisecond's sequence: the later ones carry the next milliseconds.
    const times = ids.map((id) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16));
    expect(times[0]).toBe(now);
    expect(times.at(-1)).toBeGreaterThan(now);
    expect(times.at(-1)).toBeLessThan(now + 5);
    // A clock that steps back a little continues the sequence instead of sorting before what was made.
    const afterStepBack = uuidv7(now - 1_000);
    expect(afterStepBack > ids.at(-1)!).toBe(true);
    expect(isUuid(afterStepBack) && afterStepBack[14] === '7' && '89ab'.includes(afterStepBack[19]!)).toBe(
      true,
    );
  });
});
