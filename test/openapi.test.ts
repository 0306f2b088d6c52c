import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeApi, errorCodesMarkdown, OPENAPI_DIR } from '../scripts/openapi-document.js';

const root = path.resolve(import.meta.dirname, '..');
const committed = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the committed API description', () => {
  // Building the app and generating the types takes about 17 s on this machine and twice that under load.
  it(
    'is what the server serves, with the types generated from it (run `npm run openapi` after a change)',
    {
      timeout: 120_000,
    },
    async () => {
      const { json, types } = await describeApi();
      expect(json).toBe(committed(`${OPENAPI_DIR}/openapi.json`));
      expect(types).toBe(committed(`${OPENAPI_DIR}/schema.d.ts`));
    },
  );

  it('lists the error codes as the service answers them', async () => {
    expect(await errorCodesMarkdown()).toBe(committed('docs/errors.md'));
  });
});
