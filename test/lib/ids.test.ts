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
});
