import { describe, expect, it } from 'vitest';
import { lookupAccount } from '../../src/providers/cashfree-simulator/data.js';
import { randomAccount } from './kyc.js';

describe('the random account the tests give applicants', () => {
  // One in a thousand used to end in 0301, the simulator's fraudulent suffix: a test approving a
  // customer then failed now and then on a fraud refusal.
  it('is one the simulator verifies at once, never one with a special suffix', () => {
    const special = Array.from({ length: 20_000 }, randomAccount).filter(
      (account) => Object.keys(lookupAccount(account, 'YESB0000262')).length > 0,
    );
    expect(special).toEqual([]);
  });
});
