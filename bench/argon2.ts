import { availableParallelism } from 'node:os';
import { hash } from '@node-rs/argon2';
import { ARGON2_PARAMS } from '../src/modules/auth/passwords.js';

/** `Algorithm.Argon2id` (a const enum, not importable under verbatimModuleSyntax). */
const ARGON2ID = 2;

/**
 * argon2id hashes per second with the service's parameters, one hash in flight per core, measured
 * in rounds (see `alternate`) and added up. @node-rs/argon2 runs on the libuv threadpool (4 threads
 * by default), so parallel promises use all cores.
 */
export class Argon2Capacity {
  readonly parallel = availableParallelism();
  private hashes = 0;
  private seconds = 0;

  async round(seconds: number): Promise<void> {
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: this.parallel }, async (_, lane) => {
        while (performance.now() < deadline) {
          await hash(`bench-password-${lane}-${this.hashes}`, { algorithm: ARGON2ID, ...ARGON2_PARAMS });
          this.hashes++;
        }
      }),
    );
    this.seconds += (performance.now() - started) / 1000;
  }

  result() {
    return {
      hashes: this.hashes,
      seconds: this.seconds,
      hashesPerSecond: this.hashes / this.seconds,
      parallel: this.parallel,
    };
  }
}
