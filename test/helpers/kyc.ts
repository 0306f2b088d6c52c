import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { PERSONAS } from '../../src/providers/cashfree-simulator/index.js';
import { maskedAadhaar } from '../../src/providers/cashfree-simulator/routes/pan.js';
import { passingSelfie } from '../../src/providers/cashfree-simulator/test-images.js';
import { authed, registerAndLogin } from './app.js';
import { verifyContacts } from './contacts.js';
import { captureFields } from './liveliness.js';
import { imagePart, multipart } from './multipart.js';

const letter = () => String.fromCharCode(65 + Math.floor(Math.random() * 26));
const digits = (count: number) =>
  Array.from({ length: count }, () => Math.floor(Math.random() * 10)).join('');

/** An individual's PAN the simulator knows nothing special about: valid, and it matches any name and date. */
export const randomPan = () =>
  `${letter()}${letter()}${letter()}P${letter()}${1000 + Math.floor(Math.random() * 8999)}${letter()}`;
/**
 * An account the simulator verifies at once as held by whatever name is asked about: ending in `11`,
 * it never carries a suffix the simulator gives a meaning to (`000`, `0201`-`0204`, `0301`).
 */
export const randomAccount = () => `5${digits(9)}11`;
/** A mobile number of its own, so customers made at once never read each other's SMS codes. */
export const randomMobile = () => `7${digits(9)}`;

/** A complete profile that verifies against the simulator, with a PAN and account of its own. */
export async function sandboxProfile(overrides: Record<string, unknown> = {}) {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  const clientMasterCopy = Buffer.from(await pdf.save()).toString('base64');
  return {
    panDetails: {
      panNumber: randomPan(),
      name: 'JOHN DOE',
      mobileNo: '9999999999',
      dateOfBirth: '1993-06-30',
      email: 'john.doe@example.com',
      iAm: 'Individual',
    },
    profileDetails: {
      gender: 'Male',
      placeOfBirth: 'Pune',
      occupation: 'Software Engineer',
      annualIncome: 1200000,
      citizenship: true,
      informationConfirmation: true,
    },
    // The simulator's sandbox_pan_holder persona lives here: its Aadhaar address agrees.
    addressDetails: {
      permanentAddress: '12, Linking Road, Santacruz West',
      landmark: 'Near Santacruz Station',
      permanentCity: 'Mumbai',
      permanentPincode: '400054',
      permanentState: 'Maharashtra',
      permanentCountry: 'India',
    },
    bankDetails: [
      {
        bankName: 'Yes Bank',
        accountType: 'Saving',
        bankAccountNumber: randomAccount(),
        ifscCode: 'YESB0000262',
        primary: true,
      },
    ],
    dematDetails: [
      { depository: 'CDSL', dpID: '12081600', clientID: '00012345', primary: true, clientMasterCopy },
    ],
    // The account-opening declarations, the plainest answers: one nominee, India only, not a PEP, cash only.
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
    ...overrides,
  };
}

/** Registers a customer, verifies their email and mobile, consents, fills the profile and takes a passing selfie. */
export async function readyApplicant(
  app: FastifyInstance,
  profileOverrides: Record<string, unknown> = {},
  selfieSeed = Math.floor(Math.random() * 100_000),
) {
  const user = await registerAndLogin(app, { mobileNo: randomMobile() });
  await verifyContacts(app, user);
  const profile = await sandboxProfile(profileOverrides);
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    authed(app, user.token, { method, url, ...(payload ? { payload } : {}) });
  await call('POST', '/v1/consents', { purpose: 'kyc_verification', noticeVersion: '2026-11' });
  const saved = await call('PUT', '/v1/data/update_data', profile);
  if (saved.statusCode !== 200) throw new Error(`profile: ${saved.body}`);
  const body = multipart([
    imagePart(await passingSelfie(selfieSeed)),
    ...(await captureFields(app, user.token)),
  ]);
  const selfie = await authed(app, user.token, {
    method: 'POST',
    url: '/v1/image/liveliness_check',
    payload: body.payload,
    headers: body.headers,
  });
  if (selfie.statusCode !== 200 || selfie.json().data.status !== 'SUCCESS')
    throw new Error(`selfie: ${selfie.body}`);
  return { ...user, call, selfieSeed, pan: (profile.panDetails as { panNumber: string }).panNumber };
}

/**
 * Runs DigiLocker for the applicant as one of the simulator's personas (by default the sandbox PAN
 * holder, whose name, date of birth, gender and address are the sandbox profile's), with the
 * Aadhaar photo made the same picture as the applicant's selfie. Unless `linkedToPan` is false, the
 * Aadhaar is made the one the simulator's PAN 360 links to the applicant's (random) PAN, as the
 * sandbox holder's is for ABCPV1234D.
 */
export async function fetchAadhaarFromDigilocker(
  app: FastifyInstance,
  applicant: Awaited<ReturnType<typeof readyApplicant>>,
  { persona: personaKey = 'sandbox_pan_holder', linkedToPan = true } = {},
) {
  await applicant.call('POST', '/v1/consents', { purpose: 'digilocker_fetch', noticeVersion: '2026-11' });
  const session = await applicant.call('POST', '/v1/digilocker/session');
  if (session.statusCode !== 201) throw new Error(`digilocker: ${session.body}`);
  const { verificationId } = session.json().data;
  const simulator = app.provider.simulator!;
  const consent = await fetch(`${simulator.url}/simulator/digilocker/${verificationId}/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: personaKey }),
  });
  if (!consent.ok) throw new Error(`simulator consent: ${await consent.text()}`);
  const entry = simulator.state.digilocker.get(verificationId)!;
  const persona = PERSONAS.get(personaKey)!;
  const photo = (await passingSelfie(applicant.selfieSeed)).toString('base64');
  const aadhaar: Record<string, unknown> = { ...persona.digilocker.aadhaar, photo_link: photo };
  if (linkedToPan) aadhaar['uid'] = maskedAadhaar(applicant.pan);
  entry.persona = { ...persona, digilocker: { ...persona.digilocker, aadhaar } };
  const status = await applicant.call('GET', '/v1/digilocker/status');
  if (status.json().data?.status !== 'fetched') throw new Error(`digilocker status: ${status.body}`);
}

/** Polls the case status until it leaves `verifying` (checks run as background jobs). */
export async function waitForDecision(app: FastifyInstance, token: string, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await authed(app, token, { method: 'GET', url: '/v1/kyc/status' })).json().data;
    if (!['submitted', 'verifying'].includes(status.status) || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
