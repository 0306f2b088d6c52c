import { withConfiguredDatabase } from '../cli/database.js';

// Migrations can take longer than a request's statement timeout.
const kind = await withConfiguredDatabase(
  {
    name: 'db:migrate',
    whileServerRuns: 'the server applies migrations itself when it starts',
    statementTimeoutMs: 600_000,
  },
  async (database) => database.kind,
);
console.log(`migrations applied (${kind})`);
