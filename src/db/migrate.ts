import { loadConfig, loadDotEnv } from '../config.js';
import { openDatabase } from './client.js';

loadDotEnv();
const { config } = loadConfig();
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.dataDir,
  connectTimeoutMs: config.dbConnectTimeoutMs,
  statementTimeoutMs: 600_000,
  poolMax: 1,
});
try {
  await database.migrate();
  console.log(`migrations applied (${database.kind})`);
} finally {
  await database.close();
}
