import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import type { Config } from '../config.js';
import { runBackfills } from '../db/backfill.js';
import { openDatabase } from '../db/client.js';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import { KeyRing } from '../lib/crypto/index.js';
import { UserKeyService } from '../modules/keys/service.js';
import type { DatabaseHandle } from '../db/client.js';

export interface ToolOptions {
  /** The tool's npm script name, shown in its messages and in the lock file (`user:create`, …). */
  name: string;
  /** What to do instead while the server holds the embedded database, besides stopping it. */
  whileServerRuns?: string;
  statementTimeoutMs?: number;
}

/** Exit codes of the command-line tools: bad arguments or configuration; the database is held by another process. */
export const EXIT_USAGE = 2;
export const EXIT_DATA_DIR_BUSY = 3;

/** Prints `name: message` on standard error and exits with `code`. */
export function failTool(name: string, message: string, code = EXIT_USAGE): never {
  console.error(`${name}: ${message}`);
  process.exit(code);
}

/**
 * For command-line tools: the configured database (the same `.env` and variables as the server),
 * migrated and backfilled as the server does it, closed again when `run` is done. Tools never
 * generate secrets, and never open an embedded database that the server (or another tool) holds.
 */
export async function withConfiguredDatabase<T>(
  tool: ToolOptions,
  run: (database: DatabaseHandle, config: Config) => Promise<T>,
): Promise<T> {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig(process.env, { generateSecrets: false }).config;
  } catch (error) {
    if (error instanceof ConfigError) failTool(tool.name, error.message);
    throw error;
  }
  let database: DatabaseHandle;
  try {
    database = await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      statementTimeoutMs: tool.statementTimeoutMs ?? config.dbStatementTimeoutMs,
      poolMax: 1,
      holder: tool.name,
    });
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
    const instead = [
      error.owner?.holder === 'server' ? 'stop the server and run this again' : 'wait for it to finish',
      tool.whileServerRuns,
      'or use PostgreSQL (DATABASE_URL), where tools run beside the server',
    ].filter(Boolean);
    failTool(
      tool.name,
      `${error.message}\nNothing was changed. Instead: ${instead.join('; ')}.`,
      EXIT_DATA_DIR_BUSY,
    );
  }
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
