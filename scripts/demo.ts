import { randomBytes, randomInt } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Secret, TOTP } from 'otpauth';
import { PDFDocument } from 'pdf-lib';

/*
 * `npm run demo -- --url http://localhost:8081`: drives one customer to each outcome against a
 * running Pehchan that verifies with its built-in Cashfree simulator, over HTTP only, and prints
 * what happened. The README's walkthrough takes the same steps.
 *
 * Each customer verifies their email and mobile number through the development outbox
 * (`GET /v1/dev/outbox`), as a customer would from their mail and SMS.
 *
 * The rejection needs a reviewer account (`npm run user:create -- --role reviewer …`), given with
 * --reviewer-email and --reviewer-password (or DEMO_REVIEWER_EMAIL / DEMO_REVIEWER_PASSWORD);
 * without one that customer is skipped. Reviewers sign in with a second factor: at the reviewer's
 * first sign-in the demo enrols it and prints the TOTP secret, to pass as --reviewer-totp-secret
 * (DEMO_REVIEWER_TOTP_SECRET) next time. Exit status 1 when any outcome is not the expected one.
 */

/**
 * The simulator persona the happy path consents as, and whose details the profile carries; at consent
 * its Aadhaar is made the one linked to the customer's own (random) PAN.
 */
const PERSONA = 'sandbox_pan_holder';
/** A persona whose Aadhaar is someone else's than the PAN holder's. */
const OTHER_PERSONA = 'someone_else';
const NOTICE_VERSION = '2026-11';
const DECISION_TIMEOUT_MS = 90_000;

export interface DemoOptions {
  url: string;
  reviewer?: { email: string; password: string; totpSecret?: string };
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

export interface DemoResult {
  outcome: string;
  expected: string;
  /** The statuses the customer went through, e.g. `action_required → approved`, with the last reasons. */
  got: string;
  verdict: 'ok' | 'mismatch' | 'skipped';
}

interface CaseStatus {
  caseId: string | null;
  status: string;
  reasons: string[];
}

class DemoError extends Error {}

/** A JSON API client for one signed-in account. */
class Session {
  constructor(
    private readonly base: string,
    private readonly token?: string,
  ) {}

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    expected = [200, 201],
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!expected.includes(response.status)) {
      throw new DemoError(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return (text ? JSON.parse(text) : {}) as T;
  }
}

type LoginAnswer =
  | { token: string }
  | { mfaRequired: true; mfaToken: string }
  | { mfaEnrollmentRequired: true; mfaToken: string };

/**
 * Signs in; staff complete the second factor with a TOTP code, enrolling it first at their first sign-in
 * (then `log` prints the secret, for the next run).
 */
async function signIn(
  base: string,
  account: { email: string; password: string; totpSecret?: string },
  log: (line: string) => void = () => undefined,
): Promise<Session> {
  const anonymous = new Session(base);
  const login = await anonymous.call<LoginAnswer>('POST', '/v1/auth/login', {
    email: account.email,
    password: account.password,
  });
  if ('token' in login) return new Session(base, login.token);
  let secret = account.totpSecret;
  if ('mfaEnrollmentRequired' in login) {
    ({ secret } = await anonymous.call<{ secret: string }>('POST', '/v1/auth/mfa/enroll', {
      mfaToken: login.mfaToken,
    }));
    log(`enrolled ${account.email}'s second factor; next time pass --reviewer-totp-secret ${secret}`);
  }
  if (!secret) {
    throw new DemoError(
      `${account.email} has a second factor: pass its TOTP secret with --reviewer-totp-secret`,
    );
  }
  const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
  const { token } = await anonymous.call<{ token: string }>('POST', '/v1/auth/mfa/verify', {
    mfaToken: login.mfaToken,
    code,
  });
  return new Session(base, token);
}

interface OutboxEntry {
  template: string;
  text: string;
}

/** The newest message of a template to an address, from the development outbox. */
async function outboxMessage(base: string, to: string, template: string): Promise<string> {
  const { data } = await new Session(base).call<{ data: OutboxEntry[] }>(
    'GET',
    `/v1/dev/outbox?to=${encodeURIComponent(to)}`,
  );
  const message = data.find((entry) => entry.template === template);
  if (!message) throw new DemoError(`no ${template} message to ${to} in the development outbox`);
  return message.text;
}

/** What a customer does with the verification mail and SMS, read from the development outbox. */
async function verifyContacts(
  base: string,
  customer: Session,
  email: string,
  mobileNo: string,
): Promise<void> {
  const mail = await outboxMessage(base, email, 'email_verification');
  const token = /#token=([A-Za-z0-9_-]+)/.exec(mail)?.[1];
  if (!token) throw new DemoError('the verification mail carries no link');
  await customer.call('POST', '/v1/auth/email/verify', { token });
  await customer.call('POST', '/v1/auth/mobile/otp', undefined, [202]);
  const code = /\b(\d{6})\b/.exec(await outboxMessage(base, mobileNo, 'mobile_otp'))?.[1];
  if (!code) throw new DemoError('the verification SMS carries no code');
  await customer.call('POST', '/v1/auth/mobile/verify', { code });
}

/** Registers a new customer, signs them in and verifies their email and mobile number. */
async function newCustomer(base: string, name: string): Promise<Session> {
  const email = `demo.${Date.now()}.${randomBytes(4).toString('hex')}@example.com`;
  const mobileNo = `9${randomInt(100_000_000, 1_000_000_000)}`;
  const password = randomBytes(18).toString('base64url');
  await new Session(base).call('POST', '/v1/auth/register', {
    name,
    email,
    password,
    confirmedPassword: password,
    mobileNo,
  });
  const customer = await signIn(base, { email, password });
  await verifyContacts(base, customer, email, mobileNo);
  return customer;
}

/**
 * An individual's PAN the simulator knows nothing special about (4th letter P, as Pehchan requires
 * for an individual). Digits 0000 make it one the Income Tax Department does not know.
 */
function randomPan(digits = String(randomInt(1000, 9999))): string {
  const letter = () => String.fromCharCode(65 + randomInt(26));
  return `${letter()}${letter()}${letter()}P${letter()}${digits}${letter()}`;
}

function panDetails(panNumber: string) {
  return {
    panNumber,
    name: 'JOHN DOE',
    mobileNo: '9999999999',
    dateOfBirth: '1993-06-30',
    email: 'john.doe@example.com',
    iAm: 'Individual',
  };
}

/** John Doe's profile, as on the `sandbox_pan_holder` persona's Aadhaar, with a PAN and bank account of its own. */
async function johnDoeProfile(panNumber: string) {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Client master copy (demo)', { x: 50, y: 700 });
  return {
    panDetails: panDetails(panNumber),
    profileDetails: {
      gender: 'Male',
      placeOfBirth: 'Mumbai',
      occupation: 'Software Engineer',
      annualIncome: 1_200_000,
      citizenship: true,
      informationConfirmation: true,
    },
    addressDetails: {
      permanentAddress: '12, Linking Road, Santacruz',
      permanentCity: 'Mumbai',
      permanentPincode: '400054',
      permanentState: 'Maharashtra',
      permanentCountry: 'India',
    },
    bankDetails: [
      {
        bankName: 'Yes Bank',
        accountType: 'Saving',
        // Any account not listed in docs/cashfree-simulator.md is held by the name asked about.
        bankAccountNumber: `5${String(randomInt(1e9, 1e10))}1`,
        ifscCode: 'YESB0000262',
        primary: true,
      },
    ],
    dematDetails: [
      {
        depository: 'CDSL',
        dpID: '12081600',
        clientID: String(randomInt(1e7, 1e8)),
        primary: true,
        clientMasterCopy: Buffer.from(await pdf.save()).toString('base64'),
      },
    ],
    nominationDetails: {
      optOut: false,
      nominees: [{ name: 'Jane Doe', relationship: 'spouse', dateOfBirth: '1994-02-11' }],
    },
    fatcaDetails: {
      taxResidentOutsideIndia: false,
      countryOfBirth: 'IN',
      cityOfBirth: 'Pune',
      nationality: 'IN',
    },
    pepDetails: { politicallyExposed: false, relatedToPoliticallyExposed: false },
    tradingPreferences: { segments: ['cash'], incomeRange: '10_25_lakh' },
  };
}

/** Consents and fills in the profile. */
async function prepare(customer: Session, panNumber: string): Promise<void> {
  await customer.call('POST', '/v1/consents', { purpose: 'kyc_verification', noticeVersion: NOTICE_VERSION });
  await customer.call('PUT', '/v1/data/update_data', await johnDoeProfile(panNumber));
}

/** Opens a DigiLocker session; the link it gives is the simulator's consent page, so this finds the simulator. */
async function openDigilocker(customer: Session): Promise<{ verificationId: string; url: string }> {
  await customer.call('POST', '/v1/consents', { purpose: 'digilocker_fetch', noticeVersion: NOTICE_VERSION });
  const { data } = await customer.call<{ data: { verificationId: string; url: string } }>(
    'POST',
    '/v1/digilocker/session',
  );
  return data;
}

/** What the customer does at DigiLocker, played by the simulator's consent route, then Pehchan fetches the Aadhaar. */
async function consentAtDigilocker(customer: Session, persona: string, linkedPan?: string): Promise<void> {
  const { url } = await openDigilocker(customer);
  const consent = await fetch(`${url}/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona, ...(linkedPan ? { linkedPan } : {}) }),
  });
  if (!consent.ok)
    throw new DemoError(`DigiLocker consent answered ${consent.status}: ${await consent.text()}`);
  const { data } = await customer.call<{ data: { status: string } }>('GET', '/v1/digilocker/status');
  if (data.status !== 'fetched') throw new DemoError(`DigiLocker status is ${data.status}, not fetched`);
}

/**
 * Downloads the persona's selfie from the simulator and uploads it as the customer's liveliness check,
 * with its in-person verification evidence: a fresh challenge and a capture point in Mumbai.
 */
async function takeSelfie(customer: Session, simulator: string, persona: string): Promise<void> {
  const response = await fetch(`${simulator}/simulator/personas/${persona}/selfie.jpg`);
  if (!response.ok) throw new DemoError(`the ${persona} selfie answered ${response.status}`);
  const challenge = await customer.call<{ data: { challengeId: string } }>('POST', '/v1/ipv/challenge');
  const form = new FormData();
  form.append('image', new Blob([await response.arrayBuffer()], { type: 'image/jpeg' }), 'selfie.jpg');
  form.append('challengeId', challenge.data.challengeId);
  form.append('latitude', '19.0760');
  form.append('longitude', '72.8777');
  form.append('accuracy', '20');
  form.append('capturedAt', new Date().toISOString());
  const { data } = await customer.call<{ data: { status: string; liveliness: boolean } }>(
    'POST',
    '/v1/image/liveliness_check',
    form,
  );
  if (data.status !== 'SUCCESS' || !data.liveliness) {
    throw new DemoError(`the selfie did not pass liveliness: ${JSON.stringify(data)}`);
  }
}

/** Submits and waits until the checks (background jobs) have decided. */
async function submitAndWait(customer: Session): Promise<CaseStatus> {
  await customer.call('POST', '/v1/kyc/submit');
  const deadline = Date.now() + DECISION_TIMEOUT_MS;
  for (;;) {
    const { data } = await customer.call<{ data: CaseStatus }>('GET', '/v1/kyc/status');
    if (!['submitted', 'verifying'].includes(data.status)) return data;
    if (Date.now() > deadline)
      throw new DemoError(`still ${data.status} after ${DECISION_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const describeStatus = (status: CaseStatus) =>
  status.reasons.length > 0 ? `${status.status} (${status.reasons.join(', ')})` : status.status;

interface Scenario {
  outcome: string;
  expected: string;
  /** Returns the statuses reached, in order; the last one is what the verdict looks at. */
  run(context: { base: string; simulator: string; reviewer?: Session }): Promise<CaseStatus[]>;
  matches(statuses: CaseStatus[]): boolean;
  needsReviewer?: boolean;
}

const last = (statuses: CaseStatus[]) => statuses[statuses.length - 1];
/** Approved: with e-sign on, the case moves on to `esign_pending` as soon as its form is sent to sign. */
const isApproved = (status: CaseStatus | undefined) =>
  status !== undefined && ['approved', 'esign_pending'].includes(status.status);

const SCENARIOS: Scenario[] = [
  {
    outcome: 'approved with no human',
    expected: 'approved (DigiLocker as the PAN holder, and their selfie)',
    async run({ base, simulator }) {
      const customer = await newCustomer(base, 'John Doe');
      const pan = randomPan();
      await prepare(customer, pan);
      await consentAtDigilocker(customer, PERSONA, pan);
      await takeSelfie(customer, simulator, PERSONA);
      return [await submitAndWait(customer)];
    },
    matches: (statuses) => isApproved(last(statuses)),
  },
  {
    outcome: 'needs review',
    expected: 'needs_review (no official identity: no_official_photo, no_official_address)',
    async run({ base, simulator }) {
      const customer = await newCustomer(base, 'John Doe');
      await prepare(customer, randomPan());
      await takeSelfie(customer, simulator, PERSONA);
      return [await submitAndWait(customer)];
    },
    matches: (statuses) =>
      last(statuses)?.status === 'needs_review' && last(statuses)!.reasons.includes('no_official_address'),
  },
  {
    outcome: 'action required, then fixed',
    expected: 'action_required (panDetails/pan_invalid) → approved after a corrected PAN',
    async run({ base, simulator }) {
      const customer = await newCustomer(base, 'John Doe');
      // A PAN typed wrong (one the Income Tax Department does not know), then the right one.
      const rightPan = randomPan();
      await prepare(customer, randomPan('0000'));
      await consentAtDigilocker(customer, PERSONA, rightPan);
      await takeSelfie(customer, simulator, PERSONA);
      const first = await submitAndWait(customer);
      if (first.status !== 'action_required') return [first];
      await customer.call('PUT', '/v1/data/update_data', { panDetails: panDetails(rightPan) });
      return [first, await submitAndWait(customer)];
    },
    matches: (statuses) =>
      statuses.length === 2 &&
      statuses[0]!.status === 'action_required' &&
      statuses[0]!.reasons.includes('panDetails/pan_invalid') &&
      isApproved(statuses[1]),
  },
  {
    outcome: 'rejected by a reviewer',
    expected: 'needs_review → rejected by the reviewer',
    needsReviewer: true,
    async run({ base, simulator, reviewer }) {
      const customer = await newCustomer(base, 'John Doe');
      await prepare(customer, randomPan());
      await takeSelfie(customer, simulator, PERSONA);
      const queued = await submitAndWait(customer);
      if (queued.status !== 'needs_review' || !queued.caseId) return [queued];
      await reviewer!.call('GET', `/v1/review/cases/${queued.caseId}`);
      await reviewer!.call('POST', `/v1/review/cases/${queued.caseId}/decision`, {
        decision: 'reject',
        reasonCodes: ['address_unverified'],
        userMessage: 'We could not verify your address.',
      });
      const { data } = await customer.call<{ data: CaseStatus }>('GET', '/v1/kyc/status');
      return [queued, data];
    },
    matches: (statuses) =>
      statuses.length === 2 && statuses[0]!.status === 'needs_review' && statuses[1]!.status === 'rejected',
  },
  {
    outcome: 'identity mismatch',
    expected: "needs_review with an identity reason (John Doe's PAN, someone else's Aadhaar and selfie)",
    async run({ base, simulator }) {
      const customer = await newCustomer(base, 'John Doe');
      await prepare(customer, randomPan());
      // The face matches the Aadhaar, but the Aadhaar is not the PAN holder's: only the identity check can tell.
      await consentAtDigilocker(customer, OTHER_PERSONA);
      await takeSelfie(customer, simulator, OTHER_PERSONA);
      return [await submitAndWait(customer)];
    },
    matches: (statuses) =>
      last(statuses)?.status === 'needs_review' &&
      last(statuses)!.reasons.some((reason) => reason.includes('identity')),
  },
];

/** The DigiLocker link Pehchan hands out is the simulator's consent page: that is where the simulator is. */
async function findSimulator(base: string): Promise<string> {
  const scout = await newCustomer(base, 'Demo Scout');
  const simulator = new URL((await openDigilocker(scout)).url).origin;
  if (!(await fetch(`${simulator}/simulator/personas`)).ok) {
    throw new DemoError(
      `${simulator} is not the Cashfree simulator: is Pehchan running without CF_CLIENT_ID?`,
    );
  }
  return simulator;
}

/** Runs every scenario in turn; a failing step is reported as that customer's outcome, not thrown. */
export async function runDemo(options: DemoOptions): Promise<DemoResult[]> {
  const base = options.url.replace(/\/+$/, '');
  const log = options.log ?? (() => undefined);
  const reviewer = options.reviewer ? await signIn(base, options.reviewer, log) : undefined;
  const simulator = await findSimulator(base);
  log(`Pehchan at ${base}, its Cashfree simulator at ${simulator}`);

  const results: DemoResult[] = [];
  for (const scenario of SCENARIOS) {
    const { outcome, expected } = scenario;
    if (scenario.needsReviewer && !reviewer) {
      results.push({ outcome, expected, got: 'no reviewer account given', verdict: 'skipped' });
      continue;
    }
    log(`${outcome}…`);
    try {
      const statuses = await scenario.run({ base, simulator, ...(reviewer ? { reviewer } : {}) });
      results.push({
        outcome,
        expected,
        got: statuses.map(describeStatus).join(' → '),
        verdict: scenario.matches(statuses) ? 'ok' : 'mismatch',
      });
    } catch (error) {
      if (!(error instanceof DemoError)) throw error;
      results.push({ outcome, expected, got: `error: ${error.message}`, verdict: 'mismatch' });
    }
  }
  return results;
}

export function formatResults(results: DemoResult[]): string {
  const header: DemoResult = { outcome: 'customer', expected: 'expected', got: 'got', verdict: 'ok' };
  const rows = [header, ...results];
  const width = (key: 'outcome' | 'expected' | 'got') => Math.max(...rows.map((row) => row[key].length));
  const line = (row: DemoResult, verdict: string) =>
    `${row.outcome.padEnd(width('outcome'))}  ${row.expected.padEnd(width('expected'))}  ${row.got.padEnd(width('got'))}  ${verdict}`;
  return [line(header, 'result'), ...results.map((row) => line(row, row.verdict.toUpperCase()))].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:8081' },
      'reviewer-email': { type: 'string', default: process.env['DEMO_REVIEWER_EMAIL'] },
      'reviewer-password': { type: 'string', default: process.env['DEMO_REVIEWER_PASSWORD'] },
      'reviewer-totp-secret': { type: 'string', default: process.env['DEMO_REVIEWER_TOTP_SECRET'] },
    },
  });
  const email = values['reviewer-email'];
  const password = values['reviewer-password'];
  const totpSecret = values['reviewer-totp-secret'];
  const results = await runDemo({
    url: values.url,
    ...(email && password ? { reviewer: { email, password, ...(totpSecret ? { totpSecret } : {}) } } : {}),
    log: (line) => console.log(line),
  });
  console.log(`\n${formatResults(results)}`);
  if (results.some((result) => result.verdict === 'skipped')) {
    console.log(
      '\nSkipped: create a reviewer with `npm run user:create -- --email … --name … --mobile … --role reviewer` and pass --reviewer-email and --reviewer-password.',
    );
  }
  process.exitCode = results.some((result) => result.verdict === 'mismatch') ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
