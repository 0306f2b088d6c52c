import { availableParallelism } from 'node:os';
import { hash } from '@node-rs/argon2';
import { ARGON2_PARAMS } from '../src/modules/auth/passwords.js';

/** `Algorithm.Argon2id` (a const enum, not importable under verbatimModuleSyntax). */
const ARGON2ID = 2;

/**
 * argon2id hashes per second with the service's parameters, one hash in flight per core.
 * @node-rs/argon2 runs on the libuv threadpool (4 threads by default), so parallel promises use all cores.
 */
export async function argon2Capacity(seconds: number): Promise<{ hashesPerSecond: number; parallel: number }> {
  const parallel = availableParallelism();
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async (_, lane) => {
      while (performance.now() < deadline) {
        await hash(`bench-password-${lane}-${count}`, { algorithm: ARGON2ID, ...ARGON2_PARAMS });
        count++;
      }
    }),
  );
  return { hashesPerSecond: count / ((performance.now() - started) / 1000), parallel };
}
