import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { DataDirBusyError } from './db/data-dir-lock.js';

async function main() {
  loadDotEnv();
  let loaded;
  try {
    loaded = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await buildApp({ config: loaded.config });
  for (const warning of loaded.warnings) app.log.warn(warning);

  // In-flight requests finish, new connections are refused, jobs drain; then the process exits 0.
  closeWithGrace({ delay: 20_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after a fatal error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });

  await app.listen({ port: loaded.config.port, host: loaded.config.host });
}

main().catch((error: unknown) => {
  // Another process holds the embedded database: the message says which and what to do; no stack.
  if (error instanceof DataDirBusyError) {
    console.error(`Pehchan failed to start: ${error.message}`);
    process.exit(1);
  }
  console.error('Pehchan failed to start:', error);
  process.exit(1);
});
