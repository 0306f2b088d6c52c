import type { Database } from '../../db/client.js';
import { notFound, providerUnavailable } from '../../lib/errors.js';
import {
  CashfreeError,
  CashfreeValidationError,
  cashfreeErrorToAppError,
} from '../../providers/cashfree/index.js';
import type { CashfreeClient, DigilockerAadhaarDocument } from '../../providers/cashfree/index.js';
import type { ConsentService } from '../consents/service.js';
import type { UserKeyService } from '../keys/service.js';
import {
  aadhaarLast4,
  officialAddress,
  officialDateOfBirth,
  officialGender,
  officialPhoto,
} from '../official-identity/parse.js';
import type { OfficialIdentityData } from '../official-identity/parse.js';
import type { OfficialIdentityService } from '../official-identity/service.js';
import { createDigilockerRepository } from './repository.js';
import type { DigilockerRequestRow, DigilockerRequestStatus } from './repository.js';
import type { DigilockerStatusView } from './schemas.js';

/** Cashfree's consent states that end a request without a document. */
const ENDED: Record<string, DigilockerRequestStatus> = { EXPIRED: 'expired', CONSENT_DENIED: 'failed' };

/** Provider failures become problem answers; anything else is a bug and stays as it is. */
function providerFailure(error: unknown): unknown {
  return error instanceof CashfreeError ? cashfreeErrorToAppError(error) : error;
}

/** What the Aadhaar document says, reduced to what we keep (the number to its last 4 digits). */
async function aadhaarIdentity(document: DigilockerAadhaarDocument): Promise<OfficialIdentityData> {
  return {
    name: document.name?.trim() || undefined,
    dateOfBirth: officialDateOfBirth(document.dob, document.year_of_birth),
    gender: officialGender(document.gender),
    address: officialAddress(document.split_address),
    aadhaarLast4: aadhaarLast4(document.uid),
    photo: await officialPhoto(document.photo_link),
  };
}

/** Where the onboarding app's Aadhaar step picks up the customer coming back from DigiLocker. */
export const DEFAULT_RETURN_PATH = '/onboard/steps/aadhaar?digilocker=return';

export interface DigilockerRedirect {
  /** `DIGILOCKER_REDIRECT_URL`: when set, every customer is sent back there. */
  fixedUrl: string | undefined;
  /** `PUBLIC_URL`: otherwise the customer comes back to this origin at the return path. */
  publicUrl: string;
}

/**
 * DigiLocker: a consent link for the user, then (once they consented) their Aadhaar pulled once and
 * kept as an official identity for the face match and the official address.
 */
export class DigilockerService {
  constructor(
    private readonly db: Database,
    private readonly provider: CashfreeClient,
    private readonly consents: ConsentService,
    private readonly keys: UserKeyService,
    private readonly officialIdentities: OfficialIdentityService,
    private readonly redirect: DigilockerRedirect,
  ) {}

  /** `returnPath` (checked by the route's schema) is where on this service the customer comes back to. */
  async createSession(
    userId: string,
    returnPath = DEFAULT_RETURN_PATH,
  ): Promise<{ verificationId: string; url: string; status: 'pending' }> {
    await this.consents.require(userId, 'digilocker_fetch');
    const redirectUrl = this.redirect.fixedUrl ?? `${this.redirect.publicUrl}${returnPath}`;
    let link;
    try {
      link = await this.provider.createDigilockerRequest({ documents: ['AADHAAR'], redirectUrl }, { userId });
    } catch (error) {
      throw providerFailure(error);
    }
    await createDigilockerRepository(this.db).insert({ userId, verificationId: link.verificationId });
    // A lost answer reconciled through the status lookup carries no link; a new request gets one.
    if (!link.data.url) throw providerUnavailable(5);
    return { verificationId: link.verificationId, url: link.data.url, status: 'pending' };
  }

  /** The latest request's status; asks Cashfree while it is open, and stores the Aadhaar once it is shared. */
  async status(userId: string): Promise<DigilockerStatusView> {
    const requests = createDigilockerRepository(this.db);
    let request = await requests.latest(userId);
    if (!request) throw notFound('DigiLocker request');
    if (request.status === 'pending' || request.status === 'authenticated') {
      request = await this.refresh(userId, request);
    }
    const identity =
      request.status === 'fetched'
        ? await this.officialIdentities.viewOf(this.db, userId, request.verificationId)
        : null;
    return {
      verificationId: request.verificationId,
      status: request.status,
      documentStatus: request.documentStatus,
      createdAt: request.createdAt.toISOString(),
      updatedAt: request.updatedAt.toISOString(),
      identity,
    };
  }

  /** The latest request as it stands (no call to Cashfree), for the reviewer; null when there is none. */
  async latestRequest(userId: string): Promise<{
    verificationId: string;
    status: DigilockerRequestStatus;
    documentStatus: string | null;
    updatedAt: string;
  } | null> {
    const request = await createDigilockerRepository(this.db).latest(userId);
    return request
      ? {
          verificationId: request.verificationId,
          status: request.status,
          documentStatus: request.documentStatus,
          updatedAt: request.updatedAt.toISOString(),
        }
      : null;
  }

  private async refresh(userId: string, request: DigilockerRequestRow): Promise<DigilockerRequestRow> {
    // Pulling the document is processing too: a withdrawn consent stops it.
    await this.consents.require(userId, 'digilocker_fetch');
    const requests = createDigilockerRepository(this.db);
    const { verificationId } = request;
    let consent;
    try {
      consent = await this.provider.getDigilockerStatus({ verificationId }, { userId });
    } catch (error) {
      throw providerFailure(error);
    }
    if (consent.status === 'PENDING') return request;
    if (consent.status !== 'AUTHENTICATED')
      return requests.setStatus(request.id, ENDED[consent.status] ?? 'failed');

    let result;
    try {
      result = await this.provider.getDigilockerDocument('AADHAAR', verificationId, { userId });
    } catch (error) {
      if (error instanceof CashfreeValidationError && error.code === 'url_expired') {
        return requests.setStatus(request.id, 'expired');
      }
      if (error instanceof CashfreeValidationError && error.code === 'consent_not_granted') {
        return requests.setStatus(request.id, 'failed');
      }
      throw providerFailure(error);
    }
    if (result.pending) {
      return request.status === 'authenticated' ? request : requests.setStatus(request.id, 'authenticated');
    }
    // Cashfree answers 200 with every field null and a status such as AADHAAR_NOT_LINKED when the
    // user's DigiLocker holds no Aadhaar: that is no official identity.
    const documentStatus = result.document.status.trim().toUpperCase();
    if (documentStatus !== 'SUCCESS') return requests.markNotAvailable(request.id, documentStatus);
    const identity = await aadhaarIdentity(result.document);

    return this.db.transaction(async (tx) => {
      const locked = createDigilockerRepository(tx);
      const current = await locked.lock(request.id);
      // A concurrent status call stored it first: the document is kept once.
      if (!current || current.status === 'fetched') return current ?? request;
      const dataKey = await this.keys.getOrCreate(tx, userId);
      await this.officialIdentities.store(tx, dataKey, userId, 'digilocker', verificationId, identity);
      return locked.setStatus(request.id, 'fetched');
    });
  }
}
