import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createVerificationProvider } from '../../src/plugins/provider.js';
import { InMemoryVerificationRecorder } from '../../src/providers/cashfree/recorder.js';
import { freePort } from '../helpers/free-port.js';
import { testConfig } from '../helpers/app.js';

/** A logger that keeps its warnings. */
function recordingLogger() {
  const warnings: { fields: Record<string, unknown>; message: string }[] = [];
  const ignore = () => undefined;
  const logger = {
    warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }),
    info: ignore,
    error: ignore,
    debug: ignore,
    trace: ignore,
    fatal: ignore,
  };
  return { warnings, logger: { ...logger, child: () => logger } as unknown as FastifyBaseLogger };
}

describe('the built-in simulator', () => {
  it('listens on SIMULATOR_PORT and says where, with its personas and documentation', async () => {
    const port = await freePort();
    const { warnings, logger } = recordingLogger();
    const provider = await createVerificationProvider(
      testConfig({ SIMULATOR_PORT: String(port) }),
      new InMemoryVerificationRecorder(),
      logger,
    );
    try {
      expect(provider.simulator?.url).toBe(`http://127.0.0.1:${port}`);
      expect(warnings).toEqual([
        {
          fields: {
            url: `http://127.0.0.1:${port}`,
            personas: `http://127.0.0.1:${port}/simulator/personas`,
            docs: 'docs/cashfree-simulator.md',
          },
          message: expect.stringContaining(`at http://127.0.0.1:${port} (see docs/cashfree-simulator.md)`),
        },
      ]);
      expect((await fetch(`http://127.0.0.1:${port}/simulator/personas`)).status).toBe(200);

      // A second server on the same port is told which variable to change.
      await expect(
        createVerificationProvider(
          testConfig({ SIMULATOR_PORT: String(port) }),
          new InMemoryVerificationRecorder(),
          recordingLogger().logger,
        ),
      ).rejects.toThrow(`port ${port} is in use: set SIMULATOR_PORT`);
    } finally {
      await provider.close();
    }
  });
});
