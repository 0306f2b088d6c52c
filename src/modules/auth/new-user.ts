import type { KeyRing } from '../../lib/crypto/index.js';
import { uuidv7 } from '../../lib/ids.js';
import type { UserRole, UserStatus } from '../../db/schema/index.js';
import { sealAccountName, userCipher } from '../profile/sealed-sections.js';
import type { NewUser } from './repository.js';

/**
 * A new account as stored: its data key is made with it, so the name given at registration is
 * encrypted from the first write (the email and mobile number stay in clear: they are how
 * accounts are found, and are not the applicant's identity data).
 */
export function sealNewUser(
  keyRing: KeyRing,
  user: {
    email: string;
    name: string;
    mobileNo: string;
    passwordHash: string;
    role?: UserRole;
    status?: UserStatus;
    externalId?: string;
  },
): NewUser {
  const id = uuidv7();
  const dataKey = keyRing.newDataKey(id);
  return {
    ...user,
    id,
    name: sealAccountName(userCipher(dataKey.key, id).seal, user.name),
    wrappedKey: dataKey.wrapped,
  };
}

// Control characters and Unicode bidi overrides make names that display differently from what is stored.
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/u;

/** An account's name as stored (trimmed, NFC), or undefined when it is not 2-100 printable characters. */
export function accountName(raw: string): string | undefined {
  const name = raw.trim().normalize('NFC');
  const length = [...name].length;
  return length < 2 || length > 100 || UNPRINTABLE.test(name) ? undefined : name;
}
