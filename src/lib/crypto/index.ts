export type { Envelope } from './aead.js';
export { CryptoError } from './errors.js';
export type { CryptoErrorCode } from './errors.js';
export {
  dataKeyId,
  decryptBytes,
  decryptField,
  decryptFieldString,
  encryptBytes,
  encryptField,
} from './fields.js';
export type { FieldContext } from './fields.js';
export { KeyRing } from './keyring.js';
export type { KeyRingSecrets, NewDataKey } from './keyring.js';
