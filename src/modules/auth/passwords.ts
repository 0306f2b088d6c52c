import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** OWASP's argon2id floor (DESIGN.md): 19 MiB, two passes, one lane. */
export const ARGON2_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
/** `Algorithm.Argon2id`; the package's const enum cannot be imported under verbatimModuleSyntax. */
const ARGON2ID = 2;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON_PASSWORDS = new Set(
  (dictionary['passwords-common'] as string[]).filter((word) => word.length >= PASSWORD_MIN_LENGTH),
);

/**
 * At most one argon2 computation per core at a time: each takes 19 MiB, and more in parallel than
 * there are cores only adds memory and queueing inside libuv, not throughput.
 */
const MAX_CONCURRENT_HASHES = availableParallelism();
let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  // A finishing computation hands its slot straight to the next waiter, so none can jump the queue.
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, { algorithm: ARGON2ID, ...ARGON2_PARAMS }));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(passwordHash, password));
  } catch {
    return false; // a malformed stored hash is a failed login, never a 500
  }
}

/** True when the stored hash was made with other parameters than today's, so login should re-hash. */
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  return (
    Number(match[1]) !== ARGON2_PARAMS.memoryCost ||
    Number(match[2]) !== ARGON2_PARAMS.timeCost ||
    Number(match[3]) !== ARGON2_PARAMS.parallelism
  );
}

/** Length in user-perceived characters' code points, so emoji count once rather than twice. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** Why a new password is refused, or undefined when it is acceptable (NIST 800-63B: no composition rules). */
export function passwordProblem(
  password: string,
  context: { email: string; name?: string; mobileNo?: string },
): { code: string; message: string } | undefined {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return { code: 'password_too_short', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { code: 'password_too_long', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` };
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) {
    return { code: 'password_too_common', message: 'is too common; choose a less guessable password' };
  }
  const localPart = context.email.split('@')[0] ?? '';
  const personal = [
    context.email,
    localPart,
    context.mobileNo,
    context.name?.toLowerCase().replace(/\s+/g, ''),
  ];
  if (personal.some((word) => word && word.length >= 4 && lowered === word.toLowerCase())) {
    return { code: 'password_matches_identity', message: 'must not be your email, name or mobile number' };
  }
  return undefined;
}
