import { afterEach, describe, expect, it, vi } from 'vitest';

const loadPasswords = async () => {
  vi.resetModules();
  return import('../../../src/modules/auth/passwords.js');
};

describe('password hashing threads', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  // The server reads `.env` after its modules are imported, so the pool is sized at the first hash, not at import.
  it('reads PASSWORD_HASH_THREADS at the first hash, after the module was imported', async () => {
    const passwords = await loadPasswords();
    vi.stubEnv('PASSWORD_HASH_THREADS', '0');
    await expect(passwords.hashPassword('correct horse battery')).rejects.toThrow(
      'PASSWORD_HASH_THREADS must be an integer between 1 and 64',
    );
    // A wrong setting is an error to see, never a failed password check.
    await expect(passwords.verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$x$y', 'x')).rejects.toThrow(
      'PASSWORD_HASH_THREADS',
    );
  });

  it('hashes and verifies with PASSWORD_HASH_THREADS=1', async () => {
    vi.stubEnv('PASSWORD_HASH_THREADS', '1');
    const passwords = await loadPasswords();
    const hashes = await Promise.all(['one', 'two', 'three'].map((word) => passwords.hashPassword(word)));
    await expect(passwords.verifyPassword(hashes[1]!, 'two')).resolves.toBe(true);
    await expect(passwords.verifyPassword(hashes[1]!, 'one')).resolves.toBe(false);
  });
});
