import { passwordHashThreads } from '../../config.js';
import { serviceUnavailable } from '../../lib/errors.js';
import { Argon2Pool, HashQueueFull } from './argon2-pool.js';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** OWASP's argon2id floor (DESIGN.md): 19 MiB, two passes, one lane. */
export const ARGON2_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
/** `Algorithm.Argon2id`; the package's const enum cannot be imported under verbatimModuleSyntax. */
const ARGON2ID = 2;
/** Every hash the service makes: argon2id with ARGON2_PARAMS. */
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, ...ARGON2_PARAMS } as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The service's hashes, on `PASSWORD_HASH_THREADS` worker threads of their own (config.ts: by default one core
 * fewer than the machine has). Made at the first hash, once the server has read `.env`.
 */
let pool: Argon2Pool | undefined;
const hashing = () => (pool ??= new Argon2Pool(passwordHashThreads()));

/** Stored for accounts that have no password (customers created through a KYC link): matches nothing. */
export const NO_PASSWORD_HASH = '!passwordless';

/** True for a real password hash; the markers of accounts without a password are not. */
export function isPasswordHash(passwordHash: string | null | undefined): passwordHash is string {
  return typeof passwordHash === 'string' && passwordHash.startsWith('$argon2');
}

/** A full hash queue is a 503 to retry shortly; it never reads as a wrong password. */
function refuseWhenFull(error: unknown): never {
  if (error instanceof HashQueueFull)
    throw serviceUnavailable('Too many sign-ins at once, try again in a moment', 2);
  throw error;
}

export async function hashPassword(password: string): Promise<string> {
  return hashing().hash(password, ARGON2_OPTIONS).catch(refuseWhenFull);
}

/**
 * A hash of `password` with today's parameters, or undefined while the queue is full: re-hashing an old hash
 * at sign-in can wait for the next sign-in, and must not refuse a customer whose password was right.
 */
export async function rehashUnlessBusy(password: string): Promise<string | undefined> {
  return hashing()
    .hash(password, ARGON2_OPTIONS)
    .catch((error: unknown) => {
      if (error instanceof HashQueueFull) return undefined;
      throw error;
    });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const workers = hashing();
  try {
    return await workers.verify(passwordHash, password);
  } catch (error) {
    if (error instanceof HashQueueFull) refuseWhenFull(error);
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

const SERVICE_NAME = 'pehchan';
/** zxcvbn's top score: at least 10^10 guesses. Score 3 still lets through `India@123` and `hello world`. */
const MIN_SCORE = 4;
/** Identity words shorter than this are left to zxcvbn (a two-letter name inside a passphrase is fine). */
const MIN_IDENTITY_LENGTH = 4;

export type PasswordProblemCode =
  | 'password_too_short'
  | 'password_too_long'
  | 'password_matches_identity'
  | 'password_too_common'
  | 'password_too_weak';

export interface PasswordContext {
  email: string;
  name?: string;
  mobileNo?: string;
}

/**
 * Why a new password is refused, or undefined when it is acceptable. NIST 800-63B: no composition
 * rules; instead the password must not be built on the account's own name, email or mobile number or
 * on the service's name, and zxcvbn must estimate it at 10^10 guesses or more (score 4).
 */
export function passwordProblem(
  password: string,
  context: PasswordContext,
): { code: PasswordProblemCode; message: string } | undefined {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return { code: 'password_too_short', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { code: 'password_too_long', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` };
  }
  const identity = identityWords(context);
  if (identity.some((word) => builtOn(password, word))) {
    return {
      code: 'password_matches_identity',
      message: 'must not be your name, email or mobile number, nor one of them with a few characters added',
    };
  }
  if (builtOn(password, SERVICE_NAME)) {
    return { code: 'password_too_common', message: "must not be based on this service's name" };
  }
  return strengthProblem(password, [...identity, ...identityParts(context), SERVICE_NAME]);
}

/** Case, spaces and punctuation do not make a password different from a name or an email. */
const comparable = (value: string) =>
  value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');

/** The account's own words as whole values: the name, the email, its local part, the mobile number. */
function identityWords(context: PasswordContext): string[] {
  const localPart = context.email.split('@')[0] ?? '';
  return [context.name, context.email, localPart, context.mobileNo]
    .map((value) => comparable(value ?? ''))
    .filter((word) => word.length >= MIN_IDENTITY_LENGTH);
}

/** The name's and the local part's pieces (`Ravi Kumar`, `ravi.kumar`): hints for zxcvbn. */
function identityParts(context: PasswordContext): string[] {
  const localPart = context.email.split('@')[0] ?? '';
  return [context.name ?? '', localPart]
    .flatMap((value) => value.split(/[\s._+-]+/))
    .map(comparable)
    .filter((part) => part.length >= 2);
}

/**
 * True when the password is the word, or the word with fewer than PASSWORD_MIN_LENGTH other
 * characters around it (`ravikumar1990`, `9876543210@abc`).
 */
function builtOn(password: string, word: string): boolean {
  const candidate = comparable(password);
  return candidate.includes(word) && candidate.length - word.length < PASSWORD_MIN_LENGTH;
}

let estimator: ZxcvbnFactory | undefined;

/** Built on first use: ranking the dictionaries takes some tens of milliseconds and memory. */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: { ...dictionary },
    // The estimate runs on the event loop. Its cost grows with the length and with every l33t variant
    // tried (each one re-runs the dictionary match): 100 characters (zxcvbn's advice; longer is strong
    // anyway) and 4 substitutions (P@ssw0rd still found) keep the worst case well under 100 ms.
    maxLength: 100,
    l33tMaxSubstitutions: 4,
  });
  return estimator;
}

/** zxcvbn's warnings (its translation keys), as short reasons; each maps to a stable code. */
const WEAKNESSES: Record<string, { code: PasswordProblemCode; message: string }> = {
  straightRow: { code: 'password_too_weak', message: 'is a row of keys on the keyboard' },
  keyPattern: { code: 'password_too_weak', message: 'is a short keyboard pattern' },
  simpleRepeat: { code: 'password_too_weak', message: 'repeats one character (like aaa)' },
  extendedRepeat: { code: 'password_too_weak', message: 'repeats a group of characters (like abcabc)' },
  sequences: { code: 'password_too_weak', message: 'is a sequence (like abcd or 1234)' },
  recentYears: { code: 'password_too_weak', message: 'relies on a year' },
  dates: { code: 'password_too_weak', message: 'relies on a date' },
  topTen: { code: 'password_too_common', message: 'is one of the most used passwords' },
  topHundred: { code: 'password_too_common', message: 'is one of the most used passwords' },
  common: { code: 'password_too_common', message: 'is a commonly used password' },
  pwned: { code: 'password_too_common', message: 'is a commonly used password' },
  similarToCommon: {
    code: 'password_too_common',
    message: 'is a commonly used password with small changes (capitals, digits or symbols added)',
  },
  wordByItself: { code: 'password_too_weak', message: 'is a single word' },
  namesByThemselves: { code: 'password_too_weak', message: 'is a name' },
  commonNames: { code: 'password_too_weak', message: 'is a common name' },
  userInputs: {
    code: 'password_matches_identity',
    message: "is built on your name, email or mobile number, or on this service's name",
  },
};

function strengthProblem(
  password: string,
  hints: string[],
): { code: PasswordProblemCode; message: string } | undefined {
  const estimate = strengthEstimator().check(password, hints);
  if (estimate.score >= MIN_SCORE) return undefined;
  const weakness = WEAKNESSES[estimate.feedback.warning ?? ''];
  return {
    code: weakness?.code ?? 'password_too_weak',
    message: `${weakness?.message ?? 'is too easy to guess'}; a few unrelated words make a strong password`,
  };
}
