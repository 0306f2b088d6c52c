import { randomInt } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { authed, registerAndLogin } from '../../helpers/app.js';

// Shared by the profile, documents, consents and keys tests: valid requests, a real PDF, and short
// ways to call the two profile endpoints.

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letter = () => LETTERS[randomInt(26)]!;
const digits = (count: number) => Array.from({ length: count }, () => String(randomInt(10))).join('');

/** A random, valid individual's PAN (4th character `P`), so tests never collide on the one-PAN rule. */
export const randomPan = () => `${letter()}${letter()}${letter()}P${letter()}${digits(4)}${letter()}`;
/** 12 digits, not starting with 0. */
export const randomAccountNumber = () => `${1 + randomInt(9)}${digits(11)}`;

/** A one-page PDF made by pdf-lib, as a real client master copy would be. */
export async function pdfBytes(text = 'Client master list'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 12 });
  return Buffer.from(await doc.save());
}

export const pdfBase64 = async (text?: string) => (await pdfBytes(text)).toString('base64');

/**
 * The original contract's example update_data request, made valid: a PAN of its own, a real NSDL DP ID
 * and client ID (the contract example's are 16 digits each), and a real PDF as the client master copy.
 */
export async function contractExampleRequest(overrides: { pan?: string } = {}) {
  return {
    panDetails: {
      panNumber: overrides.pan ?? randomPan(),
      name: 'JOHN SNOW',
      mobileNo: '9876543210',
      dateOfBirth: '1995-08-15',
      email: 'abi@example.com',
      iAm: 'Individual',
    },
    profileDetails: {
      gender: 'Male',
      placeOfBirth: 'Pune',
      occupation: 'Software Engineer',
      annualIncome: 500000,
      citizenship: true,
      informationConfirmation: true,
    },
    addressDetails: {
      permanentAddress: '123, MG Road, Pune',
      landmark: 'Near City Mall',
      permanentCity: 'Pune',
      permanentPincode: '411001',
      permanentState: 'Maharashtra',
      permanentCountry: 'India',
    },
    bankDetails: [
      {
        bankName: 'HDFC Bank',
        accountType: 'Saving',
        bankAccountNumber: 123456789012,
        ifscCode: 'HDFC0001234',
        primary: true,
      },
      {
        bankName: 'SBI Bank',
        accountType: 'Current',
        bankAccountNumber: 987654321098,
        ifscCode: 'SBIN0005678',
        primary: false,
      },
    ] as Record<string, unknown>[],
    dematDetails: [
      {
        depository: 'NSDL',
        dpID: 'IN301234',
        clientID: '65432109',
        primary: true,
        clientMasterCopy: await pdfBase64(),
      },
    ] as Record<string, unknown>[],
  };
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Profile {
  _id: string;
  name: string;
  email: string;
  mobileNo: string;
  emailVerified: boolean;
  mobileVerified: boolean;
  panDetails: Record<string, unknown> | null;
  profileDetails: Record<string, unknown> | null;
  addressDetails: Record<string, unknown> | null;
  bankDetails: Array<Record<string, unknown> & { _id: string }>;
  dematDetails: Array<
    Record<string, unknown> & {
      _id: string;
      clientMasterCopy: {
        _id: string;
        contentType: string;
        size: number;
        sha256: string;
        url: string;
      } | null;
    }
  >;
  __v: number;
  kycStatus: string;
  verifiedStatus: 'approved' | 'rejected' | null;
  verifiedAt: string | null;
  userImage: string | null;
}

/** A signed-in customer with shortcuts for the profile endpoints. */
export async function customer(app: FastifyInstance) {
  const session = await registerAndLogin(app);
  const update = (payload: unknown, headers: Record<string, string> = {}) =>
    authed(app, session.token, {
      method: 'PUT',
      url: '/v1/data/update_data',
      payload: payload as object,
      headers,
    });
  const getDetails = () => authed(app, session.token, { method: 'GET', url: '/v1/user/getDetails' });
  const profile = async () => {
    const response = await getDetails();
    if (response.statusCode !== 200) throw new Error(`getDetails failed: ${response.body}`);
    return (response.json() as { data: Profile }).data;
  };
  const id = (await profile())._id;
  return { ...session, id, update, getDetails, profile };
}
export type Customer = Awaited<ReturnType<typeof customer>>;

/** The `errors[]` of a problem response as `[field, code]` pairs. */
export function problems(response: LightMyRequestResponse): Array<[string, string]> {
  const body = response.json() as { errors?: FieldProblem[] };
  return (body.errors ?? []).map(({ field, code }) => [field, code]);
}

/** The five sections of a getDetails answer, as a client would send them back. */
export function sectionsOf(profile: Profile) {
  const { panDetails, profileDetails, addressDetails, bankDetails, dematDetails } = profile;
  return { panDetails, profileDetails, addressDetails, bankDetails, dematDetails };
}
