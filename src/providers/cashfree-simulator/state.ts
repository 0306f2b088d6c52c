import type { Persona } from './personas.js';

/** One request the simulator received, for tests to assert on. */
export interface CallRecord {
  seq: number;
  method: string;
  /** Route path without the query, e.g. `/bank-account`. */
  path: string;
  /** `verification_id`, BAV `user_id`, or the lookup id in the query, when the request carried one. */
  verificationId?: string;
  /** The handler ran to completion: the verification happened (and would be charged if it answered 2xx). */
  processed: boolean;
  /** HTTP status sent; `undefined` when the connection was dropped. */
  status?: number;
  /** The injected fault, e.g. `500`, `drop`, `latency`. */
  fault?: string;
}

export interface BankOutcome {
  referenceId: number;
  /** Body of the sync answer and of the status lookup once settled. */
  body: Record<string, unknown>;
  /** For bank-side failures: the 422 error the sync endpoint answers with. */
  error?: { code: string; message: string; withReference: boolean };
  /** Known before processing (a sandbox account's fixed failure): the async create answers the 422 too. */
  refusedAtCreate?: boolean;
  /** What the first async status lookup shows, whenever it comes: the bank is still at it. */
  inProgressStatus?: string;
}

export interface AsyncBankRequest {
  userId?: string;
  receivedAt: number;
  /** Status lookups answered so far. */
  lookups?: number;
  outcome: BankOutcome;
}

export interface DigilockerRequest {
  verificationId: string;
  referenceId: number;
  documentsRequested: string[];
  redirectUrl?: string;
  createdAt: number;
  status: 'PENDING' | 'AUTHENTICATED' | 'CONSENT_DENIED';
  persona?: Persona;
  documentsConsented: string[];
}

export interface SecureShareSession {
  sessionId: string;
  verificationId: string;
  referenceId: number;
  mobile: string;
  expiresAt: number;
}

export interface SecureShareGrant {
  session: SecureShareSession;
  persona: Persona;
  expiresAt: number;
}

export interface EsignSignPosition {
  page: number;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

export interface EsignRequest {
  verificationId: string;
  referenceId: number;
  documentId: number;
  signerName: string;
  positions: EsignSignPosition[];
  redirectUrl?: string;
  expiresAt: number;
  /** FAILURE: the signer declined. */
  status: 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE';
  signedPdf?: Buffer;
}

/** Everything the simulated Cashfree account remembers. */
export class SimulatorState {
  readonly calls: CallRecord[] = [];
  readonly bankRequests = new Map<number, AsyncBankRequest>();
  readonly bankUserIds = new Map<string, number>();
  readonly pennyDrops = new Map<string, number[]>();
  readonly digilocker = new Map<string, DigilockerRequest>();
  /** Uploaded PDFs by document id, and e-sign requests by verification id. */
  readonly esignDocuments = new Map<number, Buffer>();
  readonly esign = new Map<string, EsignRequest>();
  readonly sessions = new Map<string, SecureShareSession>();
  readonly authCodes = new Map<string, SecureShareGrant>();
  readonly accessTokens = new Map<string, SecureShareGrant>();
  /** What `POST /pan` answered, by reference id, for `GET /pan/{reference_id}`. */
  readonly panResults = new Map<number, unknown>();
  private readonly verificationIds = new Map<string, Set<string>>();
  private nextReference = 1000;
  private nextSeq = 1;

  newReferenceId(): number {
    return this.nextReference++;
  }

  logCall(method: string, path: string): CallRecord {
    const call: CallRecord = { seq: this.nextSeq++, method, path, processed: false };
    this.calls.push(call);
    return call;
  }

  /** Cashfree keeps verification ids unique per API; `false` when this one was used before. */
  claimVerificationId(api: string, verificationId: string): boolean {
    const used = this.verificationIds.get(api) ?? new Set<string>();
    this.verificationIds.set(api, used);
    if (used.has(verificationId)) return false;
    used.add(verificationId);
    return true;
  }

  /** Calls to a path (optionally one method), oldest first. */
  callsTo(path: string, method?: string): CallRecord[] {
    return this.calls.filter(
      (call) => call.path === path && (method === undefined || call.method === method),
    );
  }

  reset(): void {
    this.calls.length = 0;
    this.bankRequests.clear();
    this.bankUserIds.clear();
    this.pennyDrops.clear();
    this.digilocker.clear();
    this.esignDocuments.clear();
    this.esign.clear();
    this.sessions.clear();
    this.authCodes.clear();
    this.accessTokens.clear();
    this.panResults.clear();
    this.verificationIds.clear();
  }
}
