import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

const OWNER_ONLY_DIRECTORY = 0o700;
const GROUP_AND_OTHER_BITS = 0o077;

/**
 * Creates `directory` as 0700 and takes group and other permissions off everything already in it
 * (directories 0700, files keep only their owner bits, so 0666 becomes 0600). Installs made before
 * this existed are fixed at the next start. Symbolic links are left alone, never followed.
 */
export function restrictToOwner(directory: string): void {
  createOwnerOnlyDirectory(directory);
  restrict(directory);
}

/** Creates `directory` and any missing parents as 0700; existing ones are left to `restrictToOwner`. */
export function createOwnerOnlyDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: OWNER_ONLY_DIRECTORY });
}

function restrict(entry: string): void {
  const stat = lstatSync(entry, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  const permissions = stat.mode & 0o777;
  if (stat.isDirectory()) {
    if (permissions !== OWNER_ONLY_DIRECTORY) chmodSync(entry, OWNER_ONLY_DIRECTORY);
    for (const child of readdirSync(entry)) restrict(path.join(entry, child));
  } else if (permissions & GROUP_AND_OTHER_BITS) {
    chmodSync(entry, permissions & ~GROUP_AND_OTHER_BITS);
  }
}

/**
 * Files the process creates from now on are owner-only. PGlite creates its files (WAL segments,
 * relations) with mode 0666 and leaves the rest to the umask, so without this each new file would
 * be world-readable. Acceptable for the whole process: everything Pehchan writes to disk is private
 * (the embedded database and the development secrets). `process.umask` cannot be changed from a
 * worker thread; there the walks of `restrictToOwner` and the 0700 directory still hold.
 */
export function createFilesOwnerOnly(): void {
  if (isMainThread) process.umask(GROUP_AND_OTHER_BITS);
}
