import { afterEach, expect } from 'vitest';
import { undocumented } from './helpers/documented-errors.js';
import { violations } from './helpers/response-guard.js';

// Every response seen by any test passed through the guard; a leak fails the test that caused it.
afterEach(() => {
  const found = violations.splice(0);
  expect(found, 'responses leaked data that must never leave the service').toEqual([]);
});

// A problem an operation answers is one its API description lists (openapi/openapi.json).
afterEach(() => {
  const found = [...new Set(undocumented.splice(0))];
  expect(found, 'answers with error codes the API description does not list').toEqual([]);
});
