import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * PGlite is single-process: two processes opening one data directory each write their own copy of
 * the database, and one of them is lost. Whoever opens the embedded database (the server or a
 * command-line tool) holds `DATA_DIR/pehchan.lock` until it closes it; everyone else is refused.
 */
export const LOCK_FILE = 'pehchan.lock';
/** Serialises the removal of a stale lock, so two processes cannot both break it and both proceed. */
const BREAK_FILE = 'pehchan.lock.break';
/** A holder on another host (another container on the same volume) keeps the file's time fresh. */
const HEARTBEAT_MS = 15_000;
/** A lock from another host whose heartbeat stopped this long ago belongs to a process that is gone. */
const FOREIGN_STALE_MS = 4 * HEARTBEAT_MS;
/** A break file this old was left by a process that died while breaking a lock. */
const BREAK_STALE_MS = 10_000;

/** Lock files this process holds: its own pid in a lock file is only stale when the file is not among them. */
const heldHere = new Set<string>();

export interface LockOwner {
  pid: number;
  hostname: string;
  /** `server`, or the command-line tool's name (`user:create`, …). */
  holder: string;
  startedAt: string;
  nonce: string;
}

/** The directory is held by a live process; `owner` says which. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | undefined,
  ) {
    const who = owner
      ? `${owner.holder === 'server' ? 'the Pehchan server' : `the command-line tool ${owner.holder}`} (pid ${owner.pid} on ${owner.hostname}, since ${owner.startedAt})`
      : 'another process';
    super(
      `${who} holds the embedded database in ${dataDir}; the embedded database serves one process at a time. ` +
        `If no such process is running, delete ${path.join(dataDir, LOCK_FILE)} and try again.`,
    );
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  release(): void;
}

/** Takes the lock on `dataDir` for `holder`, or throws DataDirBusyError. Synchronous: no await between check and take. */
export function lockDataDir(dataDir: string, holder: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    holder,
    startedAt: new Date().toISOString(),
    nonce: randomBytes(12).toString('hex'),
  };
  const content = JSON.stringify(owner) + '\n';
  for (let attempt = 0; ; attempt++) {
    if (createComplete(file, content, owner.nonce)) break;
    const found = readLock(file);
    if (found === undefined) continue; // released in the meantime
    if (heldHere.has(file) || (found.owner && isAlive(found.owner, found.modifiedMs)))
      throw new DataDirBusyError(dataDir, found.owner);
    if (attempt >= 3 || !breakStaleLock(dataDir, file, found.raw)) {
      throw new DataDirBusyError(dataDir, found.owner);
    }
  }

  heldHere.add(file);
  let released = false;
  // Another host can only tell this process is alive by the file's time.
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // The file is gone (deleted by hand): nothing left to keep fresh.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(file);
    clearInterval(heartbeat);
    process.removeListener('exit', release);
    // Only our own lock: after a manual deletion another process may hold a new one.
    if (readLock(file)?.owner?.nonce === owner.nonce) unlinkSync(file);
  };
  // A tool that exits with process.exit() never reaches its close(); the lock must not outlive it.
  process.on('exit', release);
  return { release };
}

/**
 * Creates the lock file with its whole content at once (written aside, then hard-linked into place,
 * which fails if the name exists), so nobody ever reads a half-written lock. False when it exists.
 */
function createComplete(file: string, content: string, nonce: string): boolean {
  const draft = `${file}.${nonce}`;
  writeFileSync(draft, content, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    unlinkSync(draft);
  }
}

function readLock(
  file: string,
): { raw: string; owner: LockOwner | undefined; modifiedMs: number } | undefined {
  let raw: string;
  let modifiedMs: number;
  try {
    raw = readFileSync(file, 'utf8');
    modifiedMs = statSync(file).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let owner: LockOwner | undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') owner = parsed as LockOwner;
  } catch {
    // Not ours to read (edited by hand, or left by something else): treated as stale.
  }
  return { raw, owner, modifiedMs };
}

/**
 * On this host, the process is asked directly. Our own pid in a file this process does not hold is
 * a previous life of this pid (a container restarted as pid 1). Another host's process cannot be asked:
 * only a heartbeat that stopped long ago says it is gone.
 */
function isAlive(owner: LockOwner, modifiedMs: number): boolean {
  if (owner.hostname !== hostname()) return Date.now() - modifiedMs < FOREIGN_STALE_MS;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the lock if it still is the stale one we read; false when another process is breaking it. */
function breakStaleLock(dataDir: string, file: string, staleContent: string): boolean {
  const breakFile = path.join(dataDir, BREAK_FILE);
  try {
    writeFileSync(breakFile, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (statSync(breakFile, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (age < BREAK_STALE_MS) return false;
    unlinkSync(breakFile);
    return breakStaleLock(dataDir, file, staleContent);
  }
  try {
    if (readLock(file)?.raw === staleContent) unlinkSync(file);
    return true;
  } finally {
    unlinkSync(breakFile);
  }
}
