// Creates an API key for the host application: npm run apikey:create -- --name "Backend" --scopes users:read,cases:read
import { parseArgs } from 'node:util';
import { API_KEY_SCOPES } from '../db/schema/index.js';
import type { ApiKeyScope } from '../db/schema/index.js';
import { ApiKeyService } from '../modules/api-keys/service.js';
import { AuditService } from '../modules/audit/service.js';
import { failTool, withConfiguredDatabase } from './database.js';

const TOOL = {
  name: 'apikey:create',
  whileServerRuns: 'or create the key over the admin HTTP API (POST /v1/admin/api-keys)',
};
function fail(message: string): never {
  return failTool(TOOL.name, message);
}

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    scopes: { type: 'string' },
  },
});
const name = values.name?.trim() || fail('--name is required (what the key is for)');
if (name.length > 100) fail('--name must be at most 100 characters');
const scopes = (values.scopes ?? '')
  .split(',')
  .map((scope) => scope.trim())
  .filter(Boolean);
if (scopes.length === 0) fail(`--scopes is required: a comma-separated list of ${API_KEY_SCOPES.join(', ')}`);
const unknown = scopes.filter((scope) => !API_KEY_SCOPES.includes(scope as ApiKeyScope));
if (unknown.length > 0) fail(`unknown scope ${unknown.join(', ')}; scopes are ${API_KEY_SCOPES.join(', ')}`);

await withConfiguredDatabase(TOOL, async (database) => {
  const created = await new ApiKeyService(database.db, new AuditService()).create({
    name,
    scopes: scopes as ApiKeyScope[],
  });
  console.log(
    `created API key ${created.prefix}… "${created.name}" (${created.id}) with scopes ${created.scopes.join(', ')}`,
  );
  console.log(`key (shown once): ${created.key}`);
});
