/**
 * `npm run openapi`: writes the OpenAPI description the server serves at /openapi.json to openapi/openapi.json,
 * the TypeScript types generated from it (openapi-typescript) to openapi/schema.d.ts and the error-code table to
 * docs/errors.md. All are committed, so a contract change shows in review; test/openapi.test.ts fails when one differs
 * from what the code produces.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeApi, errorCodesMarkdown, OPENAPI_DIR } from './openapi-document.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { json, types } = await describeApi();
mkdirSync(path.join(root, OPENAPI_DIR), { recursive: true });
writeFileSync(path.join(root, OPENAPI_DIR, 'openapi.json'), json);
writeFileSync(path.join(root, OPENAPI_DIR, 'schema.d.ts'), types);
writeFileSync(path.join(root, 'docs', 'errors.md'), await errorCodesMarkdown());
console.log(`wrote ${OPENAPI_DIR}/openapi.json, ${OPENAPI_DIR}/schema.d.ts and docs/errors.md`);
