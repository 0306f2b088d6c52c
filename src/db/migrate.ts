import { withConfiguredDatabase } from '../cli/database.js';

// Migrations can take longer than a request's statement timeout.
const kind = await withConfiguredDatabase(async (database) => database.kind, { statementTimeoutMs: 600_000 });
console.log(`migrations applied (${kind})`);
