import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { passingSelfie } from '../../src/providers/cashfree-simulator/test-images.js';
import { authed, registerAndLogin } from './app.js';
import { verifyContacts } from './contacts.js';
import { imagePart, multipart } from './multipart.js';

const letter = () => String.fromCharCode(65 + Math.floor(Math.random() * 26));
const digits = (count: number) =>
  Array.from({ length: count }, () => Math.floor(Math.random() * 10)).join('');

/** An individual's PAN the simulator knows nothing special about: valid, and it matches any name and date. */
export const randomPan = () =>
  `${letter()}${letter()}${letter()}P${letter()}${1000 + Math.floor(Math.random() * 8999)}${letter()}`;
/** An account the simulator verifies as held by whatever name is asked about. */
export const randomAccount = () => `5${digits(10)}1`;

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
    addressDetails: {
      permanentAddress: '12, Residency Road, Bengaluru',
      landmark: 'Near the park',
      permanentCity: 'Bengaluru',
      permanentPincode: '560025',
      permanentState: 'Karnataka',
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
    ...overrides,
  };
}

/** Registers a customer, verifies their email and mobile, consents, fills the profile and takes a passing selfie. */
export async function readyApplicant(
  app: FastifyInstance,
  profileOverrides: Record<string, unknown> = {},
  selfieSeed = Math.floor(Math.random() * 100_000),
) {
  const user = await registerAndLogin(app);
  await verifyContacts(app, user);
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    authed(app, user.token, { method, url, ...(payload ? { payload } : {}) });
  await call('POST', '/v1/consents', { purpose: 'kyc_verification', noticeVersion: '2026-11' });
  const profile = await call('PUT', '/v1/data/update_data', await sandboxProfile(profileOverrides));
  if (profile.statusCode !== 200) throw new Error(`profile: ${profile.body}`);
  const body = multipart([imagePart(await passingSelfie(selfieSeed))]);
  const selfie = await authed(app, user.token, {
    method: 'POST',
    url: '/v1/image/liveliness_check',
    payload: body.payload,
    headers: body.headers,
  });
  if (selfie.statusCode !== 200 || selfie.json().data.status !== 'SUCCESS')
    throw new Error(`selfie: ${selfie.body}`);
  return { ...user, call, selfieSeed };
}

/**
 * Runs DigiLocker for the applicant with the simulator's default persona, whose Aadhaar photo is the
 * applicant's own selfie (the consent's optional `photo`), so the face match passes.
 */
export async function fetchAadhaarFromDigilocker(
  app: FastifyInstance,
  applicant: Awaited<ReturnType<typeof readyApplicant>>,
) {
  await applicant.call('POST', '/v1/consents', { purpose: 'digilocker_fetch', noticeVersion: '2026-11' });
  const session = await applicant.call('POST', '/v1/digilocker/session');
  if (session.statusCode !== 201) throw new Error(`digilocker: ${session.body}`);
  const { verificationId } = session.json().data;
  const photo = (await passingSelfie(applicant.selfieSeed)).toString('base64');
  const consent = await fetch(
    `${app.provider.simulator!.url}/simulator/digilocker/${verificationId}/authenticate`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'default', photo }),
    },
  );
  if (!consent.ok) throw new Error(`simulator consent: ${await consent.text()}`);
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
