/* getDetails' `data`: the stored sections decrypted, documents as signed links, and what other features own. */
import type { Executor } from '../../db/client.js';
import type { CaseStatus } from '../../db/schema/index.js';
import type { DocumentMetadata } from '../documents/repository.js';
import type { DocumentService } from '../documents/service.js';
import type { LastDecision } from '../kyc/schemas.js';
import type { StoredProfile } from './repository.js';
import { openAccountName, userCipher } from './sealed-sections.js';
import { maskIdNumber } from './declaration-rules.js';
import { openSections, referencedDocumentIds } from './section-store.js';
import type { DocumentView } from './document-schemas.js';
import type { ProfileView } from './schemas.js';

/**
 * Parts of getDetails owned by other features: the KYC status, the last decision and the selfie that
 * passed liveliness.
 */
export interface ProfileViewSources {
  kycStatus(executor: Executor, userId: string): Promise<CaseStatus>;
  lastDecision(executor: Executor, userId: string): Promise<LastDecision>;
  /** Document id of the selfie to show as `userImage`, if one passed. */
  userImage(executor: Executor, userId: string): Promise<string | undefined>;
}

export async function profileView(
  executor: Executor,
  deps: { documents: DocumentService; sources: ProfileViewSources },
  stored: StoredProfile,
  dataKey: Buffer | undefined,
): Promise<ProfileView> {
  const { documents, sources } = deps;
  const metadata = new Map<string, DocumentMetadata>();
  for (const doc of await documents.findOwned(executor, stored.account.id, referencedDocumentIds(stored)))
    metadata.set(doc.id, doc);
  const sections = openSections(stored, dataKey, (id): DocumentView | null => {
    const doc = metadata.get(id);
    return doc
      ? {
          _id: doc.id,
          contentType: doc.contentType,
          size: doc.size,
          sha256: doc.sha256,
          url: documents.signedUrl(doc.id),
        }
      : null;
  });
  const { nominationDetails } = sections;
  const { account } = stored;
  // Sequential: the executor may be a transaction's single connection.
  const kycStatus = await sources.kycStatus(executor, account.id);
  const lastDecision = await sources.lastDecision(executor, account.id);
  const selfie = await sources.userImage(executor, account.id);
  return {
    _id: account.id,
    name: openAccountName(userCipher(dataKey, account.id).open, account.name),
    email: account.email,
    mobileNo: account.mobileNo,
    emailVerified: account.verifiedEmail === account.email,
    mobileVerified: account.verifiedMobile === account.mobileNo,
    ...sections,
    nominationDetails:
      nominationDetails && !nominationDetails.optOut
        ? {
            ...nominationDetails,
            nominees: nominationDetails.nominees.map((nominee) =>
              nominee.idNumber ? { ...nominee, idNumber: maskIdNumber(nominee.idNumber) } : nominee,
            ),
          }
        : nominationDetails,
    __v: account.profileVersion,
    kycStatus,
    ...lastDecision,
    userImage: selfie ? documents.signedUrl(selfie) : null,
  };
}
