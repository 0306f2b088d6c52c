import type { KeyRing } from '../../lib/crypto/index.js';
import { uuidv7 } from '../../lib/ids.js';
import type { UserRole } from '../../db/schema/index.js';
import { sealAccountName, userCipher } from '../profile/sealed-sections.js';
import type { NewUser } from './repository.js';

/**
 * A new account as stored: its data key is made with it, so the name given at registration is
 * encrypted from the first write (the email and mobile number stay in clear: they are how
 * accounts are found, and are not the applicant's identity data).
 */
export function sealNewUser(
  keyRing: KeyRing,
  user: { email: string; name: string; mobileNo: string; passwordHash: string; role?: UserRole },
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
