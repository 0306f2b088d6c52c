import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirBusyError, LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock.js';

const newDir = () => mkdtempSync(path.join(tmpdir(), 'pehchan-lock-'));
const lockOf = (dir: string) => path.join(dir, LOCK_FILE);

function writeLock(dir: string, owner: { pid: number; hostname: string; holder?: string }) {
  writeFileSync(
    lockOf(dir),
    JSON.stringify({ holder: 'server', startedAt: '2024-01-01T00:00:00.000Z', nonce: 'theirs', ...owner }),
  );
}

function refusal(dir: string): DataDirBusyError {
  try {
    lockDataDir(dir, 'user:create').release();
  } catch (error) {
    if (error instanceof DataDirBusyError) return error;
    throw error;
  }
  throw new Error('the lock was taken');
}

describe('the embedded database directory lock', () => {
  it('is held by one process at a time and removed on release', () => {
    const dir = newDir();
    const lock = lockDataDir(dir, 'server');
    expect(JSON.parse(readFileSync(lockOf(dir), 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      holder: 'server',
    });
    // A second opener in this very process is refused too: two PGlite instances on one directory lose data.
    expect(refusal(dir).owner?.pid).toBe(process.pid);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a lock that is no longer its own alone on release', () => {
    const dir = newDir();
    const lock = lockDataDir(dir, 'server');
    writeLock(dir, { pid: process.ppid, hostname: hostname() }); // deleted by hand, taken by another process
    lock.release();
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('refuses while a live process on this host holds it, naming it', () => {
    const dir = newDir();
    writeLock(dir, { pid: process.ppid, hostname: hostname() });
    const error = refusal(dir);
    expect(error.owner).toMatchObject({ pid: process.ppid, holder: 'server' });
    expect(error.message).toContain(`the Pehchan server (pid ${process.ppid} on ${hostname()}`);
    expect(error.message).toContain(`delete ${lockOf(dir)}`);
  });

  it("takes over a lock whose process is gone, or that names this process's own pid from an earlier life", () => {
    for (const pid of [2 ** 22 + 1, process.pid]) {
      const dir = newDir();
      writeLock(dir, { pid, hostname: hostname() });
      const lock = lockDataDir(dir, 'server');
      expect(JSON.parse(readFileSync(lockOf(dir), 'utf8')).nonce).not.toBe('theirs');
      lock.release();
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it("trusts another host's lock while its heartbeat is fresh, and takes it over once it stopped", () => {
    const dir = newDir();
    writeLock(dir, { pid: 1, hostname: 'another-container' });
    expect(refusal(dir).owner?.hostname).toBe('another-container');
    const longAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockOf(dir), longAgo, longAgo);
    lockDataDir(dir, 'server').release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('treats an unreadable lock file as stale', () => {
    const dir = newDir();
    writeFileSync(lockOf(dir), 'not json');
    lockDataDir(dir, 'server').release();
    expect(readdirSync(dir)).toEqual([]);
  });
});
