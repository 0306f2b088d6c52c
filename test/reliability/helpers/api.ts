import { passingSelfie } from '../../../src/providers/cashfree-simulator/test-images.js';
import { newUser } from '../../helpers/app.js';
import { sandboxProfile } from '../../helpers/kyc.js';
import { imagePart, multipart } from '../../helpers/multipart.js';

export interface Answer {
  status: number;
  headers: Headers;
  // Tests read whatever the service answered; the shape is what they assert on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  ms: number;
}

export interface RequestOptions {
  token?: string;
  json?: unknown;
  body?: Buffer;
  headers?: Record<string, string>;
  /** A request that takes longer than this fails the test as hanging. */
  timeoutMs?: number;
}

/** One HTTP request to a server process; the body is parsed when it is JSON. */
export async function request(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const started = Date.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
  });
  const text = await response.text();
  const parsed =
    (response.headers.get('content-type') ?? '').includes('json') && text !== '' ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: parsed, ms: Date.now() - started };
}

export interface Account {
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

export async function login(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return request(baseUrl, 'POST', '/v1/auth/login', { json: { email, password }, headers });
}

/** Registers a new customer and signs in; `headers` lets a test choose its client address. */
export async function registerAndLogin(
  baseUrl: string,
  headers: Record<string, string> = {},
  overrides: Record<string, unknown> = {},
): Promise<Account> {
  const user = newUser(overrides);
  const registered = await request(baseUrl, 'POST', '/v1/auth/register', { json: user, headers });
  if (registered.status !== 201)
    throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
  const signedIn = await login(baseUrl, user.email, user.password, headers);
  if (signedIn.status !== 200) throw new Error(`login: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
  return {
    email: user.email,
    password: user.password,
    token: signedIn.body.token,
    refreshToken: signedIn.body.refreshToken,
  };
}

/** Over HTTP, what test/helpers/kyc.ts `readyApplicant` does in process: consent, full profile, passing selfie. */
export async function readyApplicant(baseUrl: string, headers: Record<string, string> = {}) {
  // A number of its own, so the code read from the outbox is this applicant's even when several register at once.
  const mobileNo = `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  const account = await registerAndLogin(baseUrl, headers, { mobileNo });
  const call = (method: string, path: string, json?: unknown) =>
    request(baseUrl, method, path, {
      token: account.token,
      headers,
      ...(json !== undefined ? { json } : {}),
    });
  await verifyContactsOverHttp(baseUrl, call, account.email, mobileNo);
  const consent = await call('POST', '/v1/consents', {
    purpose: 'kyc_verification',
    noticeVersion: '2026-11',
  });
  if (consent.status >= 300) throw new Error(`consent: ${consent.status} ${JSON.stringify(consent.body)}`);
  const profile = await call('PUT', '/v1/data/update_data', await sandboxProfile());
  if (profile.status !== 200) throw new Error(`profile: ${profile.status} ${JSON.stringify(profile.body)}`);
  const selfie = await livelinessCheck(
    baseUrl,
    account.token,
    await passingSelfie(Math.floor(Math.random() * 100_000)),
    headers,
  );
  if (selfie.status !== 200 || selfie.body.data.status !== 'SUCCESS') {
    throw new Error(`selfie: ${selfie.status} ${JSON.stringify(selfie.body)}`);
  }
  return account;
}

/** A selfie as the onboarding app sends it: with a fresh challenge and a point in India. */
export async function livelinessCheck(
  baseUrl: string,
  token: string,
  image: Buffer,
  headers: Record<string, string> = {},
) {
  const challenge = await request(baseUrl, 'POST', '/v1/ipv/challenge', { token });
  if (challenge.status !== 201)
    throw new Error(`challenge: ${challenge.status} ${JSON.stringify(challenge.body)}`);
  // A point in Mumbai, which the simulator places in India.
  const form = multipart([
    imagePart(image),
    { name: 'challengeId', value: challenge.body.data.challengeId },
    { name: 'latitude', value: '19.0760' },
    { name: 'longitude', value: '72.8777' },
    { name: 'accuracy', value: '20' },
    { name: 'capturedAt', value: new Date().toISOString() },
  ]);
  return request(baseUrl, 'POST', '/v1/image/liveliness_check', {
    token,
    body: form.payload,
    headers: { ...headers, ...form.headers },
  });
}

/** Polls the case until it leaves `submitted`/`verifying`, or the time is up; answers the last status. */
export async function waitForDecision(baseUrl: () => string, token: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await request(baseUrl(), 'GET', '/v1/kyc/status', { token }).catch(() => undefined);
    const state: string | undefined = status?.body?.data?.status;
    if ((state && !['submitted', 'verifying'].includes(state)) || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * A full five-section profile whose every section carries the number `version`, so a profile read
 * back shows whether all sections come from one request (and which).
 */
export function versionedProfile(
  panNumber: string,
  bankAccountNumber: string,
  clientMasterCopyId: string,
  version: number,
) {
  return {
    panDetails: {
      panNumber,
      name: 'JOHN DOE',
      mobileNo: '9999999999',
      dateOfBirth: '1993-06-30',
      email: `v${version}@example.com`,
      iAm: 'Individual',
    },
    profileDetails: {
      gender: 'Male',
      placeOfBirth: 'Pune',
      occupation: `Engineer v${version}`,
      annualIncome: 100_000 + version,
      citizenship: true,
      informationConfirmation: true,
    },
    addressDetails: {
      permanentAddress: `${version}, Residency Road, Bengaluru`,
      landmark: `Gate v${version}`,
      permanentCity: 'Bengaluru',
      permanentPincode: '560025',
      permanentState: 'Karnataka',
      permanentCountry: 'India',
    },
    bankDetails: [
      {
        bankName: `Bank v${version}`,
        accountType: 'Saving',
        bankAccountNumber,
        ifscCode: 'YESB0000262',
        primary: true,
      },
    ],
    dematDetails: [
      {
        depository: 'CDSL',
        dpID: '12081600',
        clientID: String(10_000_000 + version),
        primary: true,
        clientMasterCopy: { _id: clientMasterCopyId },
      },
    ],
  };
}

/** The version number each section of a getDetails answer carries (see `versionedProfile`). */
export function sectionVersions(data: {
  panDetails: { email: string } | null;
  profileDetails: { occupation: string; annualIncome: number } | null;
  addressDetails: { landmark: string | null; permanentAddress: string } | null;
  bankDetails: Array<{ bankName: string }>;
  dematDetails: Array<{ clientID: string }>;
}): Record<string, number> {
  const tagged = (text: string | null | undefined, pattern: RegExp) =>
    Number(pattern.exec(text ?? '')?.[1] ?? NaN);
  return {
    panEmail: tagged(data.panDetails?.email, /^v(\d+)@/),
    occupation: tagged(data.profileDetails?.occupation, / v(\d+)$/),
    annualIncome: (data.profileDetails?.annualIncome ?? NaN) - 100_000,
    landmark: tagged(data.addressDetails?.landmark, / v(\d+)$/),
    permanentAddress: tagged(data.addressDetails?.permanentAddress, /^(\d+),/),
    bankName: tagged(data.bankDetails[0]?.bankName, / v(\d+)$/),
    clientID: Number(data.dematDetails[0]?.clientID ?? NaN) - 10_000_000,
  };
}

/** A customer with a stored profile, and what `versionedProfile` needs to rewrite it. */
export async function profiledCustomer(baseUrl: string, headers: Record<string, string> = {}) {
  const account = await registerAndLogin(baseUrl, headers);
  const saved = await request(baseUrl, 'PUT', '/v1/data/update_data', {
    token: account.token,
    headers,
    json: await sandboxProfile(),
  });
  if (saved.status !== 200) throw new Error(`profile: ${saved.status} ${JSON.stringify(saved.body)}`);
  const details = await request(baseUrl, 'GET', '/v1/user/getDetails', { token: account.token, headers });
  const data = details.body.data;
  return {
    ...account,
    profile: (version: number) =>
      versionedProfile(
        data.panDetails.panNumber,
        data.bankDetails[0].bankAccountNumber,
        data.dematDetails[0].clientMasterCopy._id,
        version,
      ),
  };
}

/**
 * Rewrites one customer's whole profile again and again, one request at a time, each request a new
 * version; remembers which versions were acknowledged and which one is in flight.
 */
export class ProfileWriter {
  readonly acknowledged: number[] = [];
  readonly statuses: number[] = [];
  /** Requests that failed without an HTTP answer (the server died or the connection was cut). */
  networkErrors = 0;
  inFlight: number | undefined;
  private next = 1;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly baseUrl: () => string,
    private readonly customer: Awaited<ReturnType<typeof profiledCustomer>>,
    private readonly options: { stopOnNetworkError?: boolean; maxRequests?: number; pauseMs?: number } = {},
  ) {}

  start(): this {
    this.loop = this.run();
    return this;
  }

  private async run() {
    const max = this.options.maxRequests ?? 2000;
    while (!this.stopped && this.next <= max) {
      const version = this.next++;
      this.inFlight = version;
      try {
        const answer = await request(this.baseUrl(), 'PUT', '/v1/data/update_data', {
          token: this.customer.token,
          json: this.customer.profile(version),
        });
        this.statuses.push(answer.status);
        if (answer.status === 200) this.acknowledged.push(version);
        this.inFlight = undefined;
      } catch {
        this.networkErrors += 1;
        // The in-flight version stays recorded: it may or may not have been committed.
        if (this.options.stopOnNetworkError) return;
        this.inFlight = undefined;
      }
      if (this.options.pauseMs) await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
    }
  }

  /** The highest version sent so far (acknowledged, refused or unknown). */
  get lastSent(): number {
    return this.next - 1;
  }

  async stop() {
    this.stopped = true;
    await this.loop;
  }

  /** Resolves once the loop ended by itself (network error with `stopOnNetworkError`, or `maxRequests`). */
  finished(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }
}

/** One request the simulator received (its `GET /simulator/calls` log). */
export interface SimulatorCall {
  seq: number;
  method: string;
  path: string;
  verificationId?: string;
  processed: boolean;
  status?: number;
  fault?: string;
}

/** The simulator's own fault injection, over HTTP (docs/cashfree-simulator.md). */
export const simulator = {
  async fault(url: string, target: string, fault: Record<string, unknown>) {
    const answer = await request(url, 'POST', '/simulator/faults', { json: { target, fault } });
    if (answer.status !== 200) throw new Error(`fault: ${answer.status} ${JSON.stringify(answer.body)}`);
  },
  async clearFaults(url: string) {
    const answer = await request(url, 'DELETE', '/simulator/faults');
    if (answer.status !== 204) throw new Error(`clear faults: ${answer.status}`);
  },
  async calls(url: string): Promise<SimulatorCall[]> {
    return (await request(url, 'GET', '/simulator/calls')).body as SimulatorCall[];
  },
};

/** Verifies the applicant's email and mobile through the development outbox, as test/helpers/contacts.ts does in process. */
async function verifyContactsOverHttp(
  baseUrl: string,
  call: (method: string, path: string, json?: unknown) => Promise<Answer>,
  email: string,
  mobileNo: string,
) {
  const newest = async (to: string, template: string) => {
    for (let tries = 0; tries < 100; tries++) {
      const outbox = await request(baseUrl, 'GET', `/v1/dev/outbox?to=${encodeURIComponent(to)}`);
      const found = (outbox.body.data as { template: string; text: string }[] | undefined)?.find(
        (entry) => entry.template === template,
      );
      if (found) return found.text;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${template} message to ${to}`);
  };
  const link = await newest(email, 'email_verification');
  const token = /#token=([A-Za-z0-9_-]+)/.exec(link)![1];
  const verified = await call('POST', '/v1/auth/email/verify', { token });
  if (verified.status !== 200) throw new Error(`email verification: ${verified.status}`);
  const sent = await call('POST', '/v1/auth/mobile/otp');
  if (sent.status !== 202) throw new Error(`mobile code: ${sent.status}`);
  const code = /\b(\d{6})\b/.exec(await newest(mobileNo, 'mobile_otp'))![1];
  const mobile = await call('POST', '/v1/auth/mobile/verify', { code });
  if (mobile.status !== 200) throw new Error(`mobile verification: ${mobile.status}`);
}
