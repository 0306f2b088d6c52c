/*
 * Cashfree's published sandbox test data ("Data to Test Integration", the spec's examples)
 * and the simulator's deterministic rules for everything else. docs/cashfree-simulator.md
 * lists them; keep the two in step.
 */

export type PanState = 'VALID' | 'NOT_FOUND' | 'DEACTIVATED' | 'DELETED' | 'FAKE';

export interface PanRecord {
  pan: string;
  state: PanState;
  name: string;
  dob: string;
  gender: string;
  fatherName: string;
  /** null: the department's answer carries no seeding status (seen for some valid PANs). */
  aadhaarLinked: boolean | null;
}

const KNOWN_PANS: Record<string, Omit<PanRecord, 'pan'>> = {
  ABCPV1234D: {
    state: 'VALID',
    name: 'JOHN DOE',
    dob: '1993-06-30',
    gender: 'Male',
    fatherName: '',
    aadhaarLinked: true,
  },
  AZJPG7110R: {
    state: 'VALID',
    name: 'JOHN SNOW',
    dob: '2004-10-27',
    gender: 'Male',
    fatherName: '',
    aadhaarLinked: true,
  },
  ABCDE1234F: {
    state: 'VALID',
    name: 'JOHN DOE',
    dob: '1995-02-02',
    gender: 'Male',
    fatherName: '',
    aadhaarLinked: true,
  },
  ABCDX1234F: {
    state: 'DEACTIVATED',
    name: 'JOHN DOE',
    dob: '1993-06-30',
    gender: 'Male',
    fatherName: '',
    aadhaarLinked: false,
  },
  ABCDD1234F: {
    state: 'DELETED',
    name: 'JOHN DOE',
    dob: '1993-06-30',
    gender: 'Male',
    fatherName: '',
    aadhaarLinked: false,
  },
  ABCDF1234F: {
    state: 'FAKE',
    name: 'JOHN DOE',
    dob: '1993-06-30',
    gender: 'Male',
    fatherName: '',
    aadhaarLinked: false,
  },
  DEFPV0126D: { state: 'NOT_FOUND', name: '', dob: '', gender: '', fatherName: '', aadhaarLinked: false },
};

export const PAN_PATTERN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

const PAN_HOLDER_TYPES: Record<string, string> = {
  P: 'Individual',
  C: 'Company',
  H: 'Hindu Undivided Family (HUF)',
  F: 'Firm',
  A: 'Association of Persons (AOP)',
  B: 'Body of Individuals (BOI)',
  G: 'Government',
  J: 'Artificial Juridical Person',
  L: 'Local Authority',
  T: 'Trust',
};

export function panHolderType(pan: string): string {
  return PAN_HOLDER_TYPES[pan.charAt(3)] ?? 'Individual';
}

export const DEFAULT_REGISTERED_NAME = 'PEHCHAN TEST USER';

/**
 * Outcomes chosen by a PAN's digits, so any holder type (an individual's `P` included, which
 * Pehchan's own validator requires) can reach them.
 */
const STATE_BY_DIGITS: Record<string, PanRecord['state']> = {
  '0000': 'NOT_FOUND',
  '0001': 'DEACTIVATED',
  '0002': 'DELETED',
  '0003': 'FAKE',
};

/**
 * Known sandbox PANs answer as documented. Any other well-formed PAN is not found, deactivated,
 * deleted or fake when its digits are `0000` to `0003`, and otherwise valid and registered to the
 * name asked about (so names and dates of birth match), or to `PEHCHAN TEST USER` when no name is given.
 */
export function lookupPan(pan: string, nameAsked?: string, dobAsked?: string): PanRecord {
  const known = KNOWN_PANS[pan];
  if (known) return { pan, ...known };
  const state = STATE_BY_DIGITS[pan.slice(5, 9)];
  if (state === 'NOT_FOUND') {
    return { pan, state, name: '', dob: '', gender: '', fatherName: '', aadhaarLinked: false };
  }
  if (state) {
    return {
      pan,
      state,
      name: 'JOHN DOE',
      dob: '1993-06-30',
      gender: 'Male',
      fatherName: '',
      aadhaarLinked: false,
    };
  }
  return {
    pan,
    state: 'VALID',
    name: nameAsked && nameAsked.trim() !== '' ? nameAsked.trim().toUpperCase() : DEFAULT_REGISTERED_NAME,
    dob: dobAsked ?? '1990-01-01',
    gender: 'Male',
    fatherName: '',
    aadhaarLinked: pan.slice(5, 9) === '9999' ? null : pan.charAt(3) === 'P',
  };
}

export interface IfscRecord {
  ifsc: string;
  bank: string;
  branch: string;
  city: string;
  state: string;
  address: string;
  micr: number;
  category: string;
  swift_code: string;
}

const KNOWN_IFSC: IfscRecord[] = [
  {
    ifsc: 'YESB0000262',
    bank: 'YES BANK',
    branch: 'SANTACRUZ, MUMBAI',
    city: 'MUMBAI',
    state: 'MAHARASHTRA',
    address: 'GROUND FLOOR, SHOP NO 1, SANTACRUZ WEST, MUMBAI - 400054',
    micr: 400532038,
    category: 'SUB_MEMBER',
    swift_code: 'YESBINBB',
  },
  {
    ifsc: 'YESB0000001',
    bank: 'YES BANK',
    branch: 'FORT, MUMBAI',
    city: 'MUMBAI',
    state: 'MAHARASHTRA',
    address: 'NEHRU CENTRE, WORLI, MUMBAI - 400018',
    micr: 400532002,
    category: 'SUB_MEMBER',
    swift_code: 'YESBINBB',
  },
  {
    ifsc: 'ICIC0000009',
    bank: 'ICICI BANK LIMITED',
    branch: 'MUMBAI - NARIMAN POINT',
    city: 'MUMBAI',
    state: 'MAHARASHTRA',
    address: 'NARIMAN POINT, MUMBAI - 400021',
    micr: 400229002,
    category: 'DIRECT_MEMBER',
    swift_code: 'ICICINBB',
  },
  {
    ifsc: 'ICIC0000001',
    bank: 'ICICI BANK LIMITED',
    branch: 'MUMBAI - BANDRA KURLA',
    city: 'MUMBAI',
    state: 'MAHARASHTRA',
    address: 'BANDRA KURLA COMPLEX, MUMBAI - 400051',
    micr: 400229001,
    category: 'DIRECT_MEMBER',
    swift_code: 'ICICINBB',
  },
  {
    ifsc: 'HDFC0000001',
    bank: 'HDFC BANK',
    branch: 'BANGALORE - RAJA RAJESHWARI NAGAR BRANCH',
    city: 'BANGALORE',
    state: 'KARNATAKA',
    address: 'GROUND FLOOR, 123, ABC CIRCLE, XYZ MAIN ROAD, BANGALORE - 560098',
    micr: 560751026,
    category: 'DIRECT_MEMBER',
    swift_code: 'HDFCINBB',
  },
  {
    ifsc: 'RATN0000070',
    bank: 'RBL BANK LIMITED',
    branch: 'KOLHAPUR',
    city: 'KOLHAPUR',
    state: 'MAHARASHTRA',
    address: 'SHAHUPURI, KOLHAPUR - 416001',
    micr: 416176002,
    category: 'DIRECT_MEMBER',
    swift_code: 'RATNINBB',
  },
  {
    ifsc: 'SBIN0000003',
    bank: 'STATE BANK OF INDIA',
    branch: 'NEW DELHI MAIN BRANCH',
    city: 'NEW DELHI',
    state: 'DELHI',
    address: 'PARLIAMENT STREET, NEW DELHI - 110001',
    micr: 110002001,
    category: 'DIRECT_MEMBER',
    swift_code: 'SBININBB',
  },
];

/** Banks whose other branch codes the simulator accepts, with a synthesised branch. */
const BANK_PREFIXES: Record<string, string> = {
  HDFC: 'HDFC BANK',
  ICIC: 'ICICI BANK LIMITED',
  SBIN: 'STATE BANK OF INDIA',
  YESB: 'YES BANK',
  UTIB: 'AXIS BANK',
  KKBK: 'KOTAK MAHINDRA BANK LIMITED',
  PUNB: 'PUNJAB NATIONAL BANK',
  BARB: 'BANK OF BARODA',
  RATN: 'RBL BANK LIMITED',
  IDFB: 'IDFC FIRST BANK LTD',
  INDB: 'INDUSIND BANK',
  CNRB: 'CANARA BANK',
};

export const IFSC_PATTERN = /^[A-Z]{4}0[A-Z0-9]{6}$/;

export function lookupIfsc(ifsc: string): IfscRecord | undefined {
  const known = KNOWN_IFSC.find((record) => record.ifsc === ifsc);
  if (known) return known;
  const bank = BANK_PREFIXES[ifsc.slice(0, 4)];
  if (!bank) return undefined;
  return {
    ifsc,
    bank,
    branch: `BRANCH ${ifsc.slice(5)}`,
    city: 'MUMBAI',
    state: 'MAHARASHTRA',
    address: `BRANCH ${ifsc.slice(5)}, MUMBAI - 400001`,
    micr: 400000000 + (Number.parseInt(ifsc.slice(5), 36) % 1000),
    category: 'DIRECT_MEMBER',
    swift_code: `${ifsc.slice(0, 4)}INBB`,
  };
}

export type BankFailure =
  | {
      kind: 'status';
      accountStatusCode:
        'INVALID_ACCOUNT_FAIL' | 'INVALID_IFSC_FAIL' | 'ACCOUNT_BLOCKED' | 'NRE_ACCOUNT_FAIL';
    }
  | { kind: 'bank_error'; code: string; message: string; statusCode: string; withReference: boolean };

/** Statuses an async verification shows while the bank is still working on it. */
export type BankInProgressStatus = 'IN_PROCESS' | 'PROCESSING' | 'APPROVAL_PENDING' | 'PARTIALLY_APPROVED';
const IN_PROGRESS_BY_SUFFIX: Record<string, BankInProgressStatus> = {
  '0201': 'IN_PROCESS',
  '0202': 'PROCESSING',
  '0203': 'APPROVAL_PENDING',
  '0204': 'PARTIALLY_APPROVED',
};
/** A sandbox account Cashfree's risk checks know as fraudulent: the async create itself answers 422. */
const KNOWN_FRAUD_SUFFIX = '0301';

export interface SandboxAccount {
  holder?: string;
  failure?: BankFailure;
  /** Shown by the first async status lookup (instead of `RECEIVED`), however late it comes. */
  inProgressStatus?: BankInProgressStatus;
}

const ACCOUNTS: Record<string, SandboxAccount> = {
  '026291800001191/YESB0000262': { holder: 'JOHN DOE' },
  '1233943142/ICIC0000009': { holder: 'TOM WELLS' },
  '388108022658/ICIC0000009': { holder: 'BOB HOPE' },
  '7766666585146/YESB0000001': { failure: { kind: 'status', accountStatusCode: 'INVALID_ACCOUNT_FAIL' } },
  '026291800001190/YESB0000262': { failure: { kind: 'status', accountStatusCode: 'INVALID_ACCOUNT_FAIL' } },
  '7766667287515/ICIC0000001': { failure: { kind: 'status', accountStatusCode: 'INVALID_IFSC_FAIL' } },
  '2640101002729/CNRR0002640': { failure: { kind: 'status', accountStatusCode: 'INVALID_IFSC_FAIL' } },
  '7766667989884/RATN0000070': { failure: { kind: 'status', accountStatusCode: 'ACCOUNT_BLOCKED' } },
  '7766667755761/ICIC0000001': { failure: { kind: 'status', accountStatusCode: 'NRE_ACCOUNT_FAIL' } },
  '50101329442375/HDFC0000001': {
    failure: {
      kind: 'bank_error',
      code: 'insufficient_balance',
      message: 'Insufficient balance to process this request.',
      statusCode: 'INSUFFICIENT_BALANCE',
      withReference: false,
    },
  },
  '7766674831270/SBIN0000003': {
    failure: {
      kind: 'bank_error',
      code: 'source_bank_declined',
      message: 'source bank declined.',
      statusCode: 'SOURCE_BANK_DECLINED',
      withReference: true,
    },
  },
};

/** Documented for 7766668692253 with any IFSC. */
const BENEFICIARY_OFFLINE: BankFailure = {
  kind: 'bank_error',
  code: 'benficiary_bank_offline',
  message: 'benficiary bank offline.',
  statusCode: 'BENEFICIARY_BANK_OFFLINE',
  withReference: true,
};

/**
 * Sandbox accounts answer as documented. Any other account is invalid when its number ends in
 * `000`, known as fraudulent when it ends in `0301`, and otherwise valid, held by the name
 * asked about (or `PEHCHAN TEST USER`); ending in `0201`-`0204`, the first status lookup of its async
 * verification shows an in-progress status.
 */
export function lookupAccount(bankAccount: string, ifsc: string): SandboxAccount {
  if (bankAccount === '7766668692253') return { failure: BENEFICIARY_OFFLINE };
  const known = ACCOUNTS[`${bankAccount}/${ifsc}`];
  if (known) return known;
  if (bankAccount.endsWith('000'))
    return { failure: { kind: 'status', accountStatusCode: 'INVALID_ACCOUNT_FAIL' } };
  const suffix = bankAccount.slice(-4);
  if (suffix === KNOWN_FRAUD_SUFFIX) {
    const message = 'Fraud activity detected for this account.';
    return {
      failure: {
        kind: 'bank_error',
        code: 'fraud_account',
        message,
        statusCode: 'FRAUD_ACCOUNT',
        withReference: true,
      },
    };
  }
  const inProgressStatus = IN_PROGRESS_BY_SUFFIX[suffix];
  return inProgressStatus ? { inProgressStatus } : {};
}

/**
 * The sandbox's documented name-match cases for its three test holders: the full name, the
 * first name with the last initial, the first initial with the last name, and one poor match.
 */
export function sandboxNameScore(holder: string, name: string): number | undefined {
  const [first = '', last = ''] = holder.split(' ');
  const asked = name.trim().toUpperCase().replace(/\s+/g, ' ');
  const cases: Record<string, number> = {
    [`${first} ${last}`]: 100,
    [`${first} ${last.charAt(0)}`]: 85,
    [`${first.charAt(0)} ${last}`]: 70,
  };
  const poor: Record<string, string> = { 'JOHN DOE': 'JANE D', 'TOM WELLS': 'TIM LEE', 'BOB HOPE': 'BEN H' };
  if (poor[holder] === asked) return 38;
  return cases[asked];
}

export interface Place {
  latitude: number;
  longitude: number;
  address: string;
  city: string;
  state: string;
  statecode: string;
  pincode: string;
}

/** The spec's example point first; the others are city centres. */
export const PLACES: Place[] = [
  {
    latitude: 12.9274477,
    longitude: 77.6326542,
    address:
      'JSS Institutions Campus, First Floor, CA Site No.1, HAL 3rd Stage, HAL 3rd Stage, KodihalliBehind Hotel Leela Palace, HAL 2nd Stage, Kodihalli, Bengaluru, Karnataka 560008, India',
    city: 'bangalore',
    state: 'Karnataka',
    statecode: 'KA',
    pincode: '560008',
  },
  {
    latitude: 19.076,
    longitude: 72.8777,
    address: 'Chhatrapati Shivaji Terminus Area, Fort, Mumbai, Maharashtra 400001, India',
    city: 'mumbai',
    state: 'Maharashtra',
    statecode: 'MH',
    pincode: '400001',
  },
  {
    latitude: 28.6139,
    longitude: 77.209,
    address: 'Janpath, Connaught Place, New Delhi, Delhi 110001, India',
    city: 'new delhi',
    state: 'Delhi',
    statecode: 'DL',
    pincode: '110001',
  },
  {
    latitude: 13.0827,
    longitude: 80.2707,
    address: 'Park Town, Chennai, Tamil Nadu 600003, India',
    city: 'chennai',
    state: 'Tamil Nadu',
    statecode: 'TN',
    pincode: '600003',
  },
  {
    latitude: 22.5726,
    longitude: 88.3639,
    address: 'B.B.D. Bagh, Kolkata, West Bengal 700001, India',
    city: 'kolkata',
    state: 'West Bengal',
    statecode: 'WB',
    pincode: '700001',
  },
  {
    latitude: 17.385,
    longitude: 78.4867,
    address: 'Abids, Hyderabad, Telangana 500001, India',
    city: 'hyderabad',
    state: 'Telangana',
    statecode: 'TS',
    pincode: '500001',
  },
];

/**
 * Places abroad, so that a point outside India's box gets a foreign country code (Cashfree documents
 * only `VALID` answers; what it says abroad is our assumption). Farther than 10° from all of them
 * (open sea) the answer is `INVALID`.
 */
export const FOREIGN_PLACES: Array<Omit<Place, 'statecode' | 'pincode'> & { countrycode: string }> = [
  {
    latitude: 51.5074,
    longitude: -0.1278,
    address: 'Westminster, London, United Kingdom',
    city: 'london',
    state: 'England',
    countrycode: 'Gb',
  },
  {
    latitude: 25.2048,
    longitude: 55.2708,
    address: 'Deira, Dubai, United Arab Emirates',
    city: 'dubai',
    state: 'Dubai',
    countrycode: 'Ae',
  },
  {
    latitude: 1.3521,
    longitude: 103.8198,
    address: 'Downtown Core, Singapore',
    city: 'singapore',
    state: 'Singapore',
    countrycode: 'Sg',
  },
  {
    latitude: 40.7128,
    longitude: -74.006,
    address: 'Manhattan, New York, NY, United States',
    city: 'new york',
    state: 'New York',
    countrycode: 'Us',
  },
  {
    latitude: 27.7172,
    longitude: 85.324,
    address: 'Kathmandu, Bagmati, Nepal',
    city: 'kathmandu',
    state: 'Bagmati',
    countrycode: 'Np',
  },
];

export function nearestForeignPlace(latitude: number, longitude: number) {
  const [nearest] = FOREIGN_PLACES.map((place) => ({
    place,
    distance: Math.hypot(place.latitude - latitude, place.longitude - longitude),
  })).sort((a, b) => a.distance - b.distance);
  return nearest && nearest.distance <= 10 ? nearest.place : undefined;
}

/** India's rough bounding box: points outside it have no Indian address. */
export function inIndia(latitude: number, longitude: number): boolean {
  return latitude >= 6 && latitude <= 37.5 && longitude >= 68 && longitude <= 97.5;
}

export function nearestPlace(latitude: number, longitude: number): { place: Place; distance: number } {
  let best: { place: Place; distance: number } | undefined;
  for (const place of PLACES) {
    const distance = Math.hypot(place.latitude - latitude, place.longitude - longitude);
    if (!best || distance < best.distance) best = { place, distance };
  }
  if (!best) throw new Error('no places configured');
  return best;
}
