import { afterEach, expect } from 'vitest';
import { violations } from './helpers/response-guard.js';

// Every response seen by any test passed through the guard; a leak fails the test that caused it.
afterEach(() => {
  const found = violations.splice(0);
  expect(found, 'responses leaked data that must never leave the service').toEqual([]);
});
