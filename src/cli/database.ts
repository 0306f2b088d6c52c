import { loadConfig, loadDotEnv } from '../config.js';
import type { Config } from '../config.js';
import { runBackfills } from '../db/backfill.js';
import { openDatabase } from '../db/client.js';
import { KeyRing } from '../lib/crypto/index.js';
import { UserKeyService } from '../modules/keys/service.js';
import type { DatabaseHandle } from '../db/client.js';

/**
 * For command-line tools: the configured database (the same `.env` and variables as the server),
 * migrated and backfilled as the server does it, closed again when `run` is done.
 */
export async function withConfiguredDatabase<T>(
  run: (database: DatabaseHandle, config: Config) => Promise<T>,
  options: { statementTimeoutMs?: number } = {},
): Promise<T> {
  loadDotEnv();
  const { config } = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: options.statementTimeoutMs ?? config.dbStatementTimeoutMs,
    poolMax: 1,
  });
  try {
    await database.migrate();
    const keys = new UserKeyService(
      database.db,
      new KeyRing({ current: config.kycSecret, previous: config.kycSecretPrevious }),
    );
    await runBackfills(database.db, (tx, userId) => keys.forLegacyValues(tx, userId));
    return await run(database, config);
  } finally {
    await database.close();
  }
}
