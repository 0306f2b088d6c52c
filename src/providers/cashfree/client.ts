import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import {
  CashfreeCircuitOpenError,
  CashfreeDuplicateError,
  CashfreeError,
  CashfreeIndeterminateError,
  CashfreeInvalidResponseError,
  CashfreeNetworkError,
  CashfreeValidationError,
  errorForStatus,
} from './errors.js';
import {
  NO_OP_RECORDER,
  newVerificationId,
  type VerificationKind,
  type VerificationRecorder,
  type VerificationStatus,
} from './recorder.js';
import { redact } from './redact.js';
import {
  BankAccountResponse,
  DataAvailabilityResponse,
  DigilockerCreateResponse,
  DigilockerDocumentSchemas,
  DigilockerStatusResponse,
  ErrorBody,
  FaceMatchResponse,
  IfscResponse,
  LivelinessResponse,
  NameMatchResponse,
  PanAdvanceResponse,
  PanLiteResponse,
  PanResponse,
  ReverseGeocodingResponse,
  SecureShareSessionResponse,
  SecureShareTokenResponse,
  SecureShareUserDetailsResponse,
  type DigilockerDocumentType,
  type DigilockerDocuments,
} from './schemas.js';
import {
  CashfreeTransport,
  type CashfreeLogger,
  type CashfreeRequest,
  type CashfreeResponse,
} from './transport.js';

export type CashfreeEnvironment = 'sandbox' | 'production';

const BASE_URLS: Record<CashfreeEnvironment, string> = {
  sandbox: 'https://sandbox.cashfree.com/verification',
  production: 'https://api.cashfree.com/verification',
};

export function cashfreeBaseUrl(env: CashfreeEnvironment, override?: string): string {
  return override && override.length > 0 ? override : BASE_URLS[env];
}

/** Pinned so answers keep the shape the schemas expect (PAN needs > 2022-09-12 for seeding status). */
export const DEFAULT_API_VERSION = '2024-12-01';

export interface CashfreeClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  apiVersion?: string;
  /** Cashfree's 2FA public key (PEM); when set every request carries a fresh `x-cf-signature`. */
  publicKeyPem?: string;
  /** Total time for one HTTP exchange, body included. Default 15 s. */
  timeoutMs?: number;
  /** How many times a request that certainly was not processed (429, refused connection), or a read, is sent again. Default 2. */
  retries?: number;
  /** Exponential backoff with full jitter between tries. Defaults 250 ms base, 5 s cap. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Consecutive 5xx/network failures that open the circuit (default 5), and how long it stays open (default 30 s). */
  breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
  recorder?: VerificationRecorder;
  logger?: CashfreeLogger;
}

export interface CallContext {
  /** Our user the verification is for, passed to the recorder. */
  userId?: string;
  signal?: AbortSignal;
}

/** A verification Cashfree answered. `verificationId` is the id of the attempt that produced `data`. */
export interface Verified<T> {
  verificationId: string;
  attempt: number;
  data: T;
}

export type DigilockerLink = Omit<DigilockerCreateResponse, 'url'> & {
  /** Absent when a lost answer was reconciled through the status lookup: start a new request to get a link. */
  url?: string;
};

export type DigilockerDocumentResult<K extends DigilockerDocumentType> =
  { pending: true } | { pending: false; document: DigilockerDocuments[K] };

type ImageType = 'image/jpeg' | 'image/png';

interface Summary {
  referenceId?: string;
  score?: number;
  outcome?: string;
}

interface Prepared {
  request: CashfreeRequest;
  /** What the recorder stores about the request, before redaction. */
  record: Record<string, unknown>;
}

type Ambiguity<T> =
  /** No lookup by our id: at most one more attempt under a new id, recorded as attempt 2. */
  | { kind: 'new-id' }
  /** Cashfree can be asked about our id: `undefined` means it never got the request. */
  | { kind: 'reconcile'; lookup: (verificationId: string, signal?: AbortSignal) => Promise<T | undefined> };

interface VerificationSpec<S extends TSchema, T = Static<S>> {
  kind: VerificationKind;
  idPrefix: string;
  verificationId?: string;
  schema: S;
  build: (verificationId: string) => Prepared;
  ambiguity: Ambiguity<T>;
  summarize: (data: T) => Summary;
}

type AttemptResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: CashfreeError; status: VerificationStatus; mayRetryWithNewId: boolean };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function referenceOf(value: unknown): string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
}

/** Scores arrive as 0–1 numbers or as "90.00"-style percentages; the recorder stores 0–1. */
function normalizedScore(value: unknown): number | undefined {
  const score = typeof value === 'string' ? Number(value) : value;
  if (typeof score !== 'number' || !Number.isFinite(score)) return undefined;
  return score > 1 ? score / 100 : score;
}

function imageType(image: Uint8Array): ImageType {
  return image[0] === 0x89 && image[1] === 0x50 ? 'image/png' : 'image/jpeg';
}

function imageBlob(image: Uint8Array): { blob: Blob; name: string } {
  const type = imageType(image);
  return {
    blob: new Blob([new Uint8Array(image)], { type }),
    name: type === 'image/png' ? 'image.png' : 'image.jpg',
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof CashfreeValidationError && error.status === 404;
}

/**
 * Typed client for the Cashfree Secure ID endpoints Pehchan uses. One instance per
 * configuration; it holds its own circuit breaker and nothing global.
 */
export class CashfreeClient {
  private readonly transport: CashfreeTransport;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly recorder: VerificationRecorder;
  private readonly retries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly halfOpenAfterMs: number;
  private openedAt: number | undefined;

  constructor(options: CashfreeClientOptions) {
    this.transport = new CashfreeTransport({
      baseUrl: options.baseUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
      timeoutMs: options.timeoutMs ?? 15_000,
      ...(options.publicKeyPem ? { publicKeyPem: options.publicKeyPem } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.recorder = options.recorder ?? NO_OP_RECORDER;
    this.retries = options.retries ?? 2;
    this.backoffBaseMs = options.backoff?.baseMs ?? 250;
    this.backoffMaxMs = options.backoff?.maxMs ?? 5_000;
    this.halfOpenAfterMs = options.breaker?.halfOpenAfterMs ?? 30_000;
    const providerFailure = handleWhen(
      (error) => error instanceof CashfreeNetworkError && error.code !== 'aborted',
    ).orWhenResult((response) => (response as CashfreeResponse).status >= 500);
    this.breaker = circuitBreaker(providerFailure, {
      halfOpenAfter: this.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breaker?.consecutiveFailures ?? 5),
    });
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
    });
    this.breaker.onReset(() => {
      this.openedAt = undefined;
    });
  }

  /** `closed`, `open` (answering fast), `half-open` (one probe allowed) or `isolated`. */
  get circuitState(): 'closed' | 'open' | 'half-open' | 'isolated' {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Isolated:
        return 'isolated';
      default:
        return 'open';
    }
  }

  // ---------------------------------------------------------------- PAN

  /** POST /pan. Takes no verification id, so a lost answer is retried once under a new record. */
  verifyPan(input: { pan: string; name?: string }, ctx: CallContext = {}): Promise<Verified<PanResponse>> {
    return this.verify(
      {
        kind: 'pan',
        idPrefix: 'pan',
        schema: PanResponse,
        build: () => this.json('/pan', { pan: input.pan, name: input.name }),
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({
          referenceId: referenceOf(data.reference_id),
          score: normalizedScore(data.name_match_score),
          outcome: data.pan_status ?? (data.valid ? 'VALID' : 'INVALID'),
        }),
      },
      ctx,
    );
  }

  /** POST /pan/advance (PAN 360). */
  verifyPanAdvance(
    input: { pan: string; name?: string; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<PanAdvanceResponse>> {
    return this.verify(
      {
        kind: 'pan_advance',
        idPrefix: 'pan360',
        verificationId: input.verificationId,
        schema: PanAdvanceResponse,
        build: (verificationId) =>
          this.json('/pan/advance', { pan: input.pan, verification_id: verificationId, name: input.name }),
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: data.status }),
      },
      ctx,
    );
  }

  /** POST /pan-lite: PAN, name and date of birth (YYYY-MM-DD) checked together. */
  verifyPanLite(
    input: { pan: string; name: string; dob: string; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<PanLiteResponse>> {
    return this.verify(
      {
        kind: 'pan_lite',
        idPrefix: 'panlite',
        verificationId: input.verificationId,
        schema: PanLiteResponse,
        build: (verificationId) =>
          this.json('/pan-lite', {
            verification_id: verificationId,
            pan: input.pan,
            name: input.name,
            dob: input.dob,
          }),
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: data.status }),
      },
      ctx,
    );
  }

  // ---------------------------------------------------------------- Bank account

  /** POST /bank-account/sync: penny drop with the answer inline. No id, so at most one retry under a new record. */
  verifyBankAccountSync(
    input: { bankAccount: string; ifsc: string; name?: string; phone?: string },
    ctx: CallContext = {},
  ): Promise<Verified<BankAccountResponse>> {
    return this.verify(
      {
        kind: 'bank_account_sync',
        idPrefix: 'bav',
        schema: BankAccountResponse,
        build: () =>
          this.json('/bank-account/sync', {
            bank_account: input.bankAccount,
            ifsc: input.ifsc,
            name: input.name,
            phone: input.phone,
          }),
        ambiguity: { kind: 'new-id' },
        summarize: summarizeBankAccount,
      },
      ctx,
    );
  }

  /**
   * POST /bank-account/async with our verification id as Cashfree's `user_id`. A lost answer is
   * reconciled through GET /bank-account?user_id=…, so the penny drop is never sent twice.
   */
  verifyBankAccountAsync(
    input: { bankAccount: string; ifsc: string; name?: string; phone?: string; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<BankAccountResponse>> {
    return this.verify(
      {
        kind: 'bank_account_async',
        idPrefix: 'bava',
        verificationId: input.verificationId,
        schema: BankAccountResponse,
        build: (verificationId) =>
          this.json('/bank-account/async', {
            bank_account: input.bankAccount,
            ifsc: input.ifsc,
            name: input.name,
            phone: input.phone,
            user_id: verificationId,
          }),
        ambiguity: {
          kind: 'reconcile',
          lookup: (verificationId, signal) =>
            this.lookup(this.get('/bank-account', { user_id: verificationId }), BankAccountResponse, signal),
        },
        summarize: summarizeBankAccount,
      },
      ctx,
    );
  }

  /** GET /bank-account by our verification id (BAV `user_id`) or Cashfree's reference id; updates the record. */
  async getBankAccountStatus(
    by: { verificationId: string } | { referenceId: string },
    ctx: CallContext = {},
  ): Promise<BankAccountResponse> {
    const query: Record<string, string> =
      'verificationId' in by ? { user_id: by.verificationId } : { reference_id: by.referenceId };
    const data = await this.read(this.get('/bank-account', query), BankAccountResponse, ctx.signal);
    if ('verificationId' in by) await this.settle(by.verificationId, data, summarizeBankAccount(data));
    return data;
  }

  /** POST /ifsc. */
  verifyIfsc(
    input: { ifsc: string; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<IfscResponse>> {
    return this.verify(
      {
        kind: 'ifsc',
        idPrefix: 'ifsc',
        verificationId: input.verificationId,
        schema: IfscResponse,
        build: (verificationId) => this.json('/ifsc', { verification_id: verificationId, ifsc: input.ifsc }),
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: data.status }),
      },
      ctx,
    );
  }

  // ---------------------------------------------------------------- Names and faces

  /** POST /name-match. */
  matchNames(
    input: { name1: string; name2: string; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<NameMatchResponse>> {
    return this.verify(
      {
        kind: 'name_match',
        idPrefix: 'nm',
        verificationId: input.verificationId,
        schema: NameMatchResponse,
        build: (verificationId) =>
          this.json('/name-match', {
            verification_id: verificationId,
            name_1: input.name1,
            name_2: input.name2,
          }),
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({
          referenceId: referenceOf(data.reference_id),
          score: normalizedScore(data.score),
          outcome: data.status,
        }),
      },
      ctx,
    );
  }

  /** POST /face-match (multipart). */
  matchFaces(
    input: { firstImage: Uint8Array; secondImage: Uint8Array; threshold?: number; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<FaceMatchResponse>> {
    return this.verify(
      {
        kind: 'face_match',
        idPrefix: 'fm',
        verificationId: input.verificationId,
        schema: FaceMatchResponse,
        build: (verificationId) => {
          const form = new FormData();
          form.append('verification_id', verificationId);
          const first = imageBlob(input.firstImage);
          const second = imageBlob(input.secondImage);
          form.append('first_image', first.blob, first.name);
          form.append('second_image', second.blob, second.name);
          if (input.threshold !== undefined) form.append('threshold', String(input.threshold));
          return {
            request: { method: 'POST', path: '/face-match', form },
            record: {
              verification_id: verificationId,
              first_image: input.firstImage,
              second_image: input.secondImage,
              threshold: input.threshold,
            },
          };
        },
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({
          referenceId: referenceOf(data.ref_id),
          score: normalizedScore(data.face_match_score),
          outcome: data.status === 'SUCCESS' ? (data.face_match_result ?? data.status) : data.status,
        }),
      },
      ctx,
    );
  }

  /** POST /liveliness (multipart). `status` is returned exactly as Cashfree reports it. */
  checkLiveliness(
    input: { image: Uint8Array; strictCheck?: boolean; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<LivelinessResponse>> {
    return this.verify(
      {
        kind: 'liveliness',
        idPrefix: 'lv',
        verificationId: input.verificationId,
        schema: LivelinessResponse,
        build: (verificationId) => {
          const form = new FormData();
          form.append('verification_id', verificationId);
          const image = imageBlob(input.image);
          form.append('image', image.blob, image.name);
          if (input.strictCheck !== undefined) form.append('strict_check', String(input.strictCheck));
          return {
            request: { method: 'POST', path: '/liveliness', form },
            record: { verification_id: verificationId, image: input.image, strict_check: input.strictCheck },
          };
        },
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({
          referenceId: referenceOf(data.reference_id),
          score: normalizedScore(data.score),
          outcome: data.status,
        }),
      },
      ctx,
    );
  }

  // ---------------------------------------------------------------- DigiLocker

  /**
   * POST /digilocker: a consent link for the user. A lost answer is reconciled through the
   * status lookup; the status carries no link, so the result then has no `url`.
   */
  createDigilockerRequest(
    input: { documents: DigilockerDocumentType[]; redirectUrl?: string; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<DigilockerLink>> {
    return this.verify<typeof DigilockerCreateResponse, DigilockerLink>(
      {
        kind: 'digilocker',
        idPrefix: 'dgl',
        verificationId: input.verificationId,
        schema: DigilockerCreateResponse,
        build: (verificationId) =>
          this.json('/digilocker', {
            verification_id: verificationId,
            document_requested: input.documents,
            redirect_url: input.redirectUrl,
          }),
        ambiguity: {
          kind: 'reconcile',
          lookup: (verificationId, signal) =>
            this.lookup(
              this.get('/digilocker', { verification_id: verificationId }),
              DigilockerStatusResponse,
              signal,
            ),
        },
        summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: data.status }),
      },
      ctx,
    );
  }

  /** GET /digilocker by verification or reference id; updates the record with the consent status. */
  async getDigilockerStatus(
    by: { verificationId: string } | { referenceId: string },
    ctx: CallContext = {},
  ): Promise<DigilockerStatusResponse> {
    const query: Record<string, string> =
      'verificationId' in by ? { verification_id: by.verificationId } : { reference_id: by.referenceId };
    const data = await this.read(this.get('/digilocker', query), DigilockerStatusResponse, ctx.signal);
    if ('verificationId' in by) {
      await this.settle(by.verificationId, data, {
        referenceId: referenceOf(data.reference_id),
        outcome: data.status,
      });
    }
    return data;
  }

  /** GET /digilocker/document/{type}; `pending` while Cashfree answers 202 `validation_pending`. */
  async getDigilockerDocument<K extends DigilockerDocumentType>(
    documentType: K,
    verificationId: string,
    ctx: CallContext = {},
  ): Promise<DigilockerDocumentResult<K>> {
    const schema = DigilockerDocumentSchemas[documentType];
    try {
      const document = await this.read(
        this.get(`/digilocker/document/${documentType}`, { verification_id: verificationId }),
        schema,
        ctx.signal,
      );
      return { pending: false, document: document as DigilockerDocuments[K] };
    } catch (error) {
      if (error instanceof CashfreeValidationError && error.status === 202) return { pending: true };
      throw error;
    }
  }

  // ---------------------------------------------------------------- Secure-Share / 1-Click

  /** POST /oauth2/data-availability: which scopes Cashfree holds for a mobile number. */
  checkSecureShareDataAvailability(
    input: { mobile: string; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<DataAvailabilityResponse>> {
    return this.verify(
      {
        kind: 'secure_share_data_availability',
        idPrefix: 'ssda',
        verificationId: input.verificationId,
        schema: DataAvailabilityResponse,
        build: (verificationId) =>
          this.json('/oauth2/data-availability', {
            verification_id: verificationId,
            user: [{ identifier_type: 'MOBILE', identifier_value: input.mobile }],
          }),
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({
          referenceId: referenceOf(data.reference_id),
          outcome: data.available_scopes.length > 0 ? 'AVAILABLE' : 'NOT_AVAILABLE',
        }),
      },
      ctx,
    );
  }

  /** POST /oauth2/session: the `session_id` the 1-Click SDK opens for the user's consent. */
  createSecureShareSession(
    input: { mobile: string; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<SecureShareSessionResponse>> {
    return this.verify(
      {
        kind: 'secure_share_session',
        idPrefix: 'sss',
        verificationId: input.verificationId,
        schema: SecureShareSessionResponse,
        build: (verificationId) =>
          this.json('/oauth2/session', {
            verification_id: verificationId,
            user: { identifier_type: 'MOBILE', identifier_value: input.mobile },
          }),
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: 'SESSION_CREATED' }),
      },
      ctx,
    );
  }

  /**
   * POST /oauth2/generate-token. An auth code is single-use, so sending it again cannot produce
   * a second token; it is retried like a read.
   */
  generateSecureShareToken(
    input: { authCode: string },
    ctx: CallContext = {},
  ): Promise<SecureShareTokenResponse> {
    return this.read(
      this.json('/oauth2/generate-token', { auth_code: input.authCode }).request,
      SecureShareTokenResponse,
      ctx.signal,
    );
  }

  /** GET /oauth2/user-details with the access token. */
  getSecureShareUserDetails(
    input: { accessToken: string },
    ctx: CallContext = {},
  ): Promise<SecureShareUserDetailsResponse> {
    const request = this.get('/oauth2/user-details', {});
    request.headers = { authorization: `Bearer ${input.accessToken}` };
    return this.read(request, SecureShareUserDetailsResponse, ctx.signal);
  }

  // ---------------------------------------------------------------- Reverse geocoding

  /** POST /reverse-geocoding; coordinates are sent as strings, as Cashfree expects. */
  reverseGeocode(
    input: { latitude: number | string; longitude: number | string; verificationId?: string },
    ctx: CallContext = {},
  ): Promise<Verified<ReverseGeocodingResponse>> {
    return this.verify(
      {
        kind: 'reverse_geocoding',
        idPrefix: 'geo',
        verificationId: input.verificationId,
        schema: ReverseGeocodingResponse,
        build: (verificationId) =>
          this.json('/reverse-geocoding', {
            verification_id: verificationId,
            latitude: String(input.latitude),
            longitude: String(input.longitude),
          }),
        ambiguity: { kind: 'new-id' },
        summarize: (data) => ({
          referenceId: referenceOf(data.reference_id),
          score: normalizedScore(data.score),
          outcome: data.status,
        }),
      },
      ctx,
    );
  }

  // ---------------------------------------------------------------- Machinery

  private json(path: string, body: Record<string, unknown>): Prepared {
    const json = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    return { request: { method: 'POST', path, json }, record: json };
  }

  private get(path: string, query: Record<string, string>): CashfreeRequest {
    return { method: 'GET', path, query };
  }

  /**
   * Records, sends and settles one verification. Requests that certainly were not processed
   * are sent again under the same id; a request whose outcome is unknown is reconciled through
   * the lookup when there is one, otherwise retried once under a new id (attempt 2), otherwise
   * recorded as `indeterminate`. Every started record is finished before this returns.
   */
  private async verify<S extends TSchema, T = Static<S>>(
    spec: VerificationSpec<S, T>,
    ctx: CallContext,
  ): Promise<Verified<T>> {
    this.assertCircuitAcceptsCalls();
    const usedIds: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const verificationId =
        attempt === 1 && spec.verificationId ? spec.verificationId : newVerificationId(spec.idPrefix);
      usedIds.push(verificationId);
      const prepared = spec.build(verificationId);
      await this.recorder.start({
        verificationId,
        userId: ctx.userId,
        kind: spec.kind,
        attempt,
        request: redact(prepared.record),
      });
      const result = await this.attempt(spec, verificationId, prepared.request, ctx.signal);
      if (result.ok) {
        await this.settle(
          verificationId,
          result.data as Record<string, unknown>,
          spec.summarize(result.data),
        );
        return { verificationId, attempt, data: result.data };
      }
      const { error, status } = result;
      await this.recorder.finish({
        verificationId,
        status,
        response: error.status !== undefined ? redact({ code: error.code, message: error.message }) : {},
        errorCode: error.code,
        ...(error.referenceId !== undefined ? { referenceId: error.referenceId } : {}),
      });
      if (status !== 'indeterminate') throw error;
      if (!result.mayRetryWithNewId || attempt >= 2 || ctx.signal?.aborted) {
        throw new CashfreeIndeterminateError(usedIds, error);
      }
      await sleep(this.backoffDelay(0, error.retryAfterMs), ctx.signal);
      this.assertCircuitAcceptsCalls();
    }
  }

  private async attempt<S extends TSchema, T>(
    spec: VerificationSpec<S, T>,
    verificationId: string,
    request: CashfreeRequest,
    signal: AbortSignal | undefined,
  ): Promise<AttemptResult<T>> {
    let resent = false;
    for (let resends = 0; ; resends++) {
      let error: unknown;
      try {
        return { ok: true, data: (await this.exchange(request, spec.schema, 'write', signal)) as T };
      } catch (caught) {
        error = caught;
      }
      if (!(error instanceof CashfreeError)) throw error;
      // A 409 on a resend means the earlier send was processed after all.
      const ambiguous = error.outcomeUnknown || (resent && error instanceof CashfreeDuplicateError);
      if (!ambiguous) {
        const refused = error.status !== undefined && error.status !== 429;
        return { ok: false, error, status: refused ? 'failed' : 'error', mayRetryWithNewId: false };
      }
      if (spec.ambiguity.kind === 'new-id') {
        return { ok: false, error, status: 'indeterminate', mayRetryWithNewId: error.retryable };
      }
      let found: T | undefined;
      try {
        found = await spec.ambiguity.lookup(verificationId, signal);
      } catch {
        return { ok: false, error, status: 'indeterminate', mayRetryWithNewId: false };
      }
      if (found !== undefined) return { ok: true, data: found };
      if (resends >= this.retries || signal?.aborted) {
        // The lookup says Cashfree never got it: nothing was processed.
        return { ok: false, error, status: 'error', mayRetryWithNewId: false };
      }
      // Safe to resend under the same id: Cashfree rejects a duplicate instead of charging twice.
      await sleep(this.backoffDelay(resends, error.retryAfterMs), signal);
      resent = true;
    }
  }

  private async settle(
    verificationId: string,
    data: Record<string, unknown>,
    summary: Summary,
  ): Promise<void> {
    await this.recorder.finish({
      verificationId,
      status: 'success',
      response: redact(data),
      ...(summary.referenceId !== undefined ? { referenceId: summary.referenceId } : {}),
      ...(summary.score !== undefined ? { score: summary.score } : {}),
      ...(summary.outcome !== undefined ? { outcome: summary.outcome } : {}),
    });
  }

  /** A read that may be repeated freely; fails fast while the circuit is open. */
  private read<S extends TSchema>(
    request: CashfreeRequest,
    schema: S,
    signal?: AbortSignal,
  ): Promise<Static<S>> {
    this.assertCircuitAcceptsCalls();
    return this.exchange(request, schema, 'read', signal);
  }

  /** A status lookup by our id: `undefined` when Cashfree does not know it. */
  private async lookup<S extends TSchema>(
    request: CashfreeRequest,
    schema: S,
    signal?: AbortSignal,
  ): Promise<Static<S> | undefined> {
    try {
      return await this.exchange(request, schema, 'read', signal);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Sends one request, repeating it only when that is safe: reads always, writes only when
   * Cashfree certainly did not process it (429, connection refused).
   */
  private async exchange<S extends TSchema>(
    request: CashfreeRequest,
    schema: S,
    mode: 'read' | 'write',
    signal?: AbortSignal,
  ): Promise<Static<S>> {
    for (let retry = 0; ; retry++) {
      try {
        return this.interpret(await this.sendThroughBreaker(request, signal), schema);
      } catch (error) {
        if (
          !(error instanceof CashfreeError) ||
          !error.retryable ||
          error instanceof CashfreeCircuitOpenError
        )
          throw error;
        const safe = mode === 'read' || !error.outcomeUnknown;
        if (!safe || retry >= this.retries || signal?.aborted) throw error;
        await sleep(this.backoffDelay(retry, error.retryAfterMs), signal);
      }
    }
  }

  private async sendThroughBreaker(
    request: CashfreeRequest,
    signal?: AbortSignal,
  ): Promise<CashfreeResponse> {
    try {
      return await this.breaker.execute(() => this.transport.send(request, signal));
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new CashfreeCircuitOpenError(this.circuitRemainingMs());
      throw error;
    }
  }

  private interpret<S extends TSchema>(response: CashfreeResponse, schema: S): Static<S> {
    const { status, body } = response;
    if (status === 200 || status === 201) {
      if (Value.Check(schema, body)) return body as Static<S>;
      throw new CashfreeInvalidResponseError(
        'invalid_response',
        'Cashfree answered with an unexpected body',
        {
          status,
        },
      );
    }
    const options = response.retryAfterMs !== undefined ? { retryAfterMs: response.retryAfterMs } : {};
    if (Value.Check(ErrorBody, body)) {
      const referenceId = referenceOf(body.error?.['reference_id'] ?? body.error?.['ref_id']);
      throw errorForStatus(status, body.code, body.message, {
        ...options,
        type: body.type,
        ...(referenceId !== undefined ? { referenceId } : {}),
      });
    }
    throw errorForStatus(status, `http_${status}`, `Cashfree answered HTTP ${status}`, options);
  }

  private assertCircuitAcceptsCalls(): void {
    const state = this.breaker.state;
    if (state === CircuitState.Isolated || (state === CircuitState.Open && this.circuitRemainingMs() > 0)) {
      throw new CashfreeCircuitOpenError(this.circuitRemainingMs());
    }
  }

  private circuitRemainingMs(): number {
    if (this.openedAt === undefined) return this.halfOpenAfterMs;
    return Math.max(0, this.openedAt + this.halfOpenAfterMs - Date.now());
  }

  /** Full jitter: uniformly random up to the exponential ceiling, but never sooner than Retry-After. */
  private backoffDelay(retry: number, retryAfterMs?: number): number {
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** retry);
    const jittered = Math.random() * ceiling;
    return retryAfterMs !== undefined
      ? Math.max(jittered, Math.min(retryAfterMs, this.backoffMaxMs))
      : jittered;
  }
}

function summarizeBankAccount(data: BankAccountResponse): Summary {
  return {
    referenceId: referenceOf(data.reference_id),
    score: normalizedScore(data.name_match_score),
    outcome: data.account_status_code ?? data.account_status,
  };
}
