import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Argon2Pool, HashQueueFull } from '../../../src/modules/auth/argon2-pool.js';
import { hashPassword, verifyPassword } from '../../../src/modules/auth/passwords.js';

const LIGHT = { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('Argon2Pool', () => {
  it('hashes and verifies on its workers, more jobs at once than it has room for', async () => {
    const pool = new Argon2Pool(2, 2);
    const passwords = Array.from({ length: 9 }, (_, n) => `password-${n}`);
    const hashes = await Promise.all(passwords.map((password) => pool.hash(password, LIGHT)));
    expect(new Set(hashes).size).toBe(9);
    const checks = await Promise.all(
      hashes.flatMap((hash, n) => [pool.verify(hash, passwords[n]!), pool.verify(hash, 'wrong')]),
    );
    expect(checks).toEqual(passwords.flatMap(() => [true, false]));
  });

  it('rejects a malformed hash, and the login path reads that as a wrong password', async () => {
    await expect(new Argon2Pool(1).verify('not-a-hash', 'x')).rejects.toThrow();
    expect(await verifyPassword('$argon2id$garbage', 'x')).toBe(false);
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
  });

  it('refuses a job at once while maxWaiting jobs wait, and takes jobs again once the queue moves', async () => {
    // One worker holds two jobs; three more may wait.
    const pool = new Argon2Pool(1, 2, undefined, 3);
    const jobs = Array.from({ length: 7 }, (_, n) => pool.hash(`password-${n}`, LIGHT));
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((job) => job.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected', 'rejected']);
    expect(settled[5]).toMatchObject({ reason: expect.any(HashQueueFull) });
    expect(await pool.hash('after', LIGHT)).toMatch(/^\$argon2id\$/);
  });

  it('fails the jobs of a worker that stops, and goes on with a new one', async () => {
    const standIn = fileURLToPath(new URL('./fixtures/exiting-argon2.cjs', import.meta.url));
    const pool = new Argon2Pool(1, 2, standIn);
    const [crashed, queuedBehind] = await Promise.allSettled([
      pool.hash('crash', LIGHT),
      pool.hash('next', LIGHT),
    ]);
    expect(crashed).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/exit code 3/) },
    });
    // The job handed to the same worker fails with it; later ones run on its replacement.
    expect(queuedBehind.status).toBe('rejected');
    expect(await pool.hash('after', LIGHT)).toBe('hashed:after');
    expect(await pool.verify('hashed:after', 'after')).toBe(true);
  });

  it('does not keep a process alive once its work is done', async () => {
    const script = `
      const { Argon2Pool } = await import(${JSON.stringify(new URL('../../../src/modules/auth/argon2-pool.ts', import.meta.url).href)});
      const pool = new Argon2Pool(2);
      const hash = await pool.hash('password', ${JSON.stringify(LIGHT)});
      console.log(await pool.verify(hash, 'password'));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { timeout: 20_000 },
    );
    expect(stdout.trim()).toBe('true');
  });
});
