// Finishes a KYC_SECRET rotation: npm run keys:rewrap, with KYC_SECRET set to the new secret and
// KYC_SECRET_PREVIOUS to the old one. Re-wraps every user's data key under the new secret (the data
// itself is not re-encrypted) and recomputes the blind indexes; afterwards KYC_SECRET_PREVIOUS can go.
import { KeyRing } from '../lib/crypto/index.js';
import { UserKeyService } from '../modules/keys/service.js';
import { BlindIndexRefresh } from '../modules/profile/blind-index-refresh.js';
import { withConfiguredDatabase } from './database.js';

await withConfiguredDatabase(
  { name: 'keys:rewrap', statementTimeoutMs: 600_000 },
  async (database, config) => {
    const keyRing = new KeyRing({ current: config.kycSecret, previous: config.kycSecretPrevious });
    const keys = new UserKeyService(database.db, keyRing);
    const { checked, rewrapped, failed } = await keys.rewrapAll();
    console.log(`checked ${checked}, rewrapped ${rewrapped}`);
    if (failed > 0) {
      // Blind indexes need every data key; the previous secret must stay until these are resolved.
      console.error(
        `keys:rewrap: ${failed} data key(s) could not be opened with KYC_SECRET or KYC_SECRET_PREVIOUS; keep KYC_SECRET_PREVIOUS`,
      );
      process.exitCode = 1;
    } else {
      console.log(
        `blind indexes refreshed: ${await new BlindIndexRefresh(database.db, keys, keyRing).run()}`,
      );
    }
  },
);
