/*
 * People the simulator can "be" when a user consents in Secure-Share or DigiLocker. The default
 * persona's Secure-Share scopes are, field for field, the user-details payload of the Secure-Share
 * example the project started from (Cashfree's documented example).
 */

export interface SecureShareScope {
  scope: string;
  records: { confidence_score: number | null; metadata: Record<string, unknown> }[];
}

export interface Persona {
  key: string;
  /** What the persona is for, shown by `GET /simulator/personas`. */
  purpose?: string;
  mobile: string;
  scopes: SecureShareScope[];
  digilocker: {
    userDetails: { name: string; dob: string; gender: string; eaadhaar: string; mobile: string };
    aadhaar: Record<string, unknown>;
    pan: Record<string, unknown>;
    drivingLicense: Record<string, unknown>;
  };
}

const CONTRACT_EXAMPLE_SCOPES: SecureShareScope[] = [
  { scope: 'MOBILE', records: [{ confidence_score: null, metadata: { mobile: '9988123456' } }] },
  { scope: 'EMAIL', records: [{ confidence_score: null, metadata: { email: 'example@example.com' } }] },
  {
    scope: 'ADDRESS',
    records: [
      {
        confidence_score: null,
        metadata: {
          complete_address: '123 Main St, Bangalore',
          state: 'KARNATAKA',
          type: 'Permanent',
          pincode: '123456',
        },
      },
    ],
  },
  { scope: 'GENDER', records: [{ confidence_score: null, metadata: { gender: 'MALE' } }] },
  { scope: 'DOB', records: [{ confidence_score: null, metadata: { dob: '1990-01-01' } }] },
  {
    scope: 'AADHAAR',
    records: [
      {
        confidence_score: 0.85,
        metadata: {
          aadhaar: 'xxxxxxxx9012',
          care_of: 'S/O: Fakkirappa Dollin',
          address:
            'Shri Kanaka Nilaya,,Umashankar Nagar 1st Main 5th Cross,Ranebennur,Haveri-Karnataka,India',
          dob: '02-02-1995',
          email: 'example@example.com',
          gender: 'M',
          name: 'Mallesh Fakkirappa Dollin',
          split_address: {
            country: 'India',
            dist: 'Haveri',
            house: 'Shri Kanaka Nilaya',
            landmark: 'Shell petrol pump',
            pincode: '123456',
            po: 'Ranebennur',
            state: 'Karnataka',
            street: 'Umashankar Nagar 1st Main 5th Cross',
            subdist: 'Ranibennur',
            vtc: 'Ranibennur',
          },
          year_of_birth: '1995',
          mobile_hash: 'abc123hash',
          photo_link: '<base64 encoded image>',
        },
      },
    ],
  },
  {
    scope: 'PAN',
    records: [
      {
        confidence_score: 0.85,
        metadata: {
          pan: 'ABCDE1234F',
          type: 'Individual',
          registered_name: 'John Doe',
          aadhaar_seeding_status: 'Y',
          last_updated_at: '2023-09-01',
          name_pan_card: 'John Doe',
          aadhaar_seeding_status_desc: 'Aadhaar is linked to PAN',
        },
      },
    ],
  },
  {
    scope: 'BANK_ACCOUNT',
    records: [
      {
        confidence_score: 0.85,
        metadata: {
          bank_account: '1234567890',
          name_at_bank: 'John Doe',
          bank_name: 'YES BANK',
          city: 'BANGALORE',
          branch: 'BANGALORE',
          micr: '123456789',
        },
      },
    ],
  },
  { scope: 'NAME', records: [{ confidence_score: 0.85, metadata: { name: 'John Doe' } }] },
  { scope: 'OCCUPATION', records: [{ confidence_score: null, metadata: { occupation: 'Salaried' } }] },
  { scope: 'INCOME', records: [{ confidence_score: null, metadata: { income: 'BELOW_ONE_LAKH' } }] },
];

const MALLESH_ADDRESS = {
  country: 'India',
  dist: 'Haveri',
  house: 'Shri Kanaka Nilaya',
  landmark: '',
  pincode: '581115',
  po: 'Ranebennur',
  state: 'Karnataka',
  street: 'Umashankar Nagar 1st Main 5th Cross',
  subdist: 'Ranibennur',
  vtc: 'Ranibennur',
};

const DEFAULT_PERSONA: Persona = {
  key: 'default',
  purpose:
    "Cashfree's documented examples: a PAN of John Doe and the Aadhaar of Mallesh Fakkirappa Dollin (the simulator's choice when none is named)",
  mobile: '9988123456',
  scopes: CONTRACT_EXAMPLE_SCOPES,
  digilocker: {
    userDetails: {
      name: 'Mallesh Fakkirappa Dollin',
      dob: '02-02-1995',
      gender: 'M',
      eaadhaar: 'Y',
      mobile: '9988123456',
    },
    aadhaar: {
      uid: 'xxxxxxxx9012',
      care_of: 'S/O: Fakkirappa Dollin',
      dob: '02-02-1995',
      gender: 'M',
      name: 'Mallesh Fakkirappa Dollin',
      photo_link: '<base64 encoded image>',
      split_address: MALLESH_ADDRESS,
      xml_file: 'https://simulator.invalid/digilocker/aadhaar.xml',
    },
    pan: {
      pan: 'ABCDE1234F',
      type: 'Individual',
      dob: '02-02-1995',
      name_pan_card: 'John Doe',
      gender: 'Male',
      xml_file: 'https://simulator.invalid/digilocker/pan.xml',
    },
    drivingLicense: {
      dl_number: 'KA51201900089895',
      issued_at: 'RTO,RAIPUR RTO',
      categories: [
        {
          class_of_vehicle: 'MCWG',
          description: 'Motor Cycle with Gear(Non Transport)',
          issue_date: '03-11-2022',
        },
      ],
      issue_date: '03-11-2022',
      expiry_date: '16-09-2039',
      name: 'MALLESH FAKKIRAPPA DOLLIN',
      dob: '02-02-1995',
      care_of: 'FAKKIRAPPA DOLLIN',
      present_address: 'SHRI KANAKA NILAYA, UMASHANKAR NAGAR, RANEBENNUR, HAVERI, KA 581115',
      permanent_address: 'SHRI KANAKA NILAYA, UMASHANKAR NAGAR, RANEBENNUR, HAVERI, KA 581115',
      gender: 'Male',
      photo_link: '<base64 encoded image>',
      xml_file: 'https://simulator.invalid/digilocker/dl.xml',
    },
  },
};

/** Consistent with Cashfree's sandbox PAN `ABCPV1234D` ("John Doe") and bank account 026291800001191. */
const JOHN_DOE_PERSONA: Persona = {
  key: 'john_doe',
  purpose:
    "John Doe throughout, consistent with Cashfree's sandbox PAN ABCPV1234D and bank account 026291800001191",
  mobile: '9999999999',
  scopes: [
    { scope: 'MOBILE', records: [{ confidence_score: null, metadata: { mobile: '9999999999' } }] },
    { scope: 'NAME', records: [{ confidence_score: 0.95, metadata: { name: 'John Doe' } }] },
    { scope: 'DOB', records: [{ confidence_score: null, metadata: { dob: '1993-06-30' } }] },
    { scope: 'GENDER', records: [{ confidence_score: null, metadata: { gender: 'MALE' } }] },
    {
      scope: 'PAN',
      records: [
        {
          confidence_score: 0.95,
          metadata: {
            pan: 'ABCPV1234D',
            type: 'Individual',
            registered_name: 'JOHN DOE',
            aadhaar_seeding_status: 'Y',
            last_updated_at: '2019-01-01',
            name_pan_card: 'JOHN DOE',
            aadhaar_seeding_status_desc: 'Aadhaar is linked to PAN',
          },
        },
      ],
    },
    {
      scope: 'BANK_ACCOUNT',
      records: [
        {
          confidence_score: 0.95,
          metadata: {
            bank_account: '026291800001191',
            name_at_bank: 'JOHN DOE',
            bank_name: 'YES BANK',
            city: 'MUMBAI',
            branch: 'SANTACRUZ, MUMBAI',
            micr: '400532038',
          },
        },
      ],
    },
  ],
  digilocker: {
    userDetails: { name: 'John Doe', dob: '30-06-1993', gender: 'M', eaadhaar: 'Y', mobile: '9999999999' },
    aadhaar: {
      uid: 'xxxxxxxx3712',
      care_of: 'S/O: Richard Doe',
      dob: '30-06-1993',
      gender: 'M',
      name: 'John Doe',
      photo_link: '<base64 encoded image>',
      split_address: {
        ...MALLESH_ADDRESS,
        house: '12',
        street: 'Linking Road',
        dist: 'Mumbai',
        state: 'Maharashtra',
        pincode: '400054',
        po: 'Santacruz',
        subdist: 'Andheri',
        vtc: 'Mumbai',
      },
      xml_file: 'https://simulator.invalid/digilocker/aadhaar.xml',
    },
    pan: {
      pan: 'ABCPV1234D',
      type: 'Individual',
      dob: '30-06-1993',
      name_pan_card: 'JOHN DOE',
      gender: 'Male',
      xml_file: 'https://simulator.invalid/digilocker/pan.xml',
    },
    drivingLicense: {
      dl_number: 'MH0220190012345',
      issued_at: 'RTO,MUMBAI WEST',
      categories: [{ class_of_vehicle: 'LMV', description: 'Light Motor Vehicle', issue_date: '01-02-2019' }],
      issue_date: '01-02-2019',
      expiry_date: '29-06-2043',
      name: 'JOHN DOE',
      dob: '30-06-1993',
      care_of: 'RICHARD DOE',
      present_address: '12 LINKING ROAD, SANTACRUZ WEST, MUMBAI, MH 400054',
      permanent_address: '12 LINKING ROAD, SANTACRUZ WEST, MUMBAI, MH 400054',
      gender: 'Male',
      photo_link: '<base64 encoded image>',
      xml_file: 'https://simulator.invalid/digilocker/dl.xml',
    },
  },
};

const SANDBOX_HOLDER_ADDRESS = {
  country: 'India',
  dist: 'Mumbai Suburban',
  house: '12',
  landmark: 'Near Santacruz Station',
  pincode: '400054',
  po: 'Santacruz West',
  state: 'Maharashtra',
  street: 'Linking Road, Santacruz West',
  subdist: 'Andheri',
  vtc: 'Mumbai',
};

/** Scopes of a persona whose every answer says the same as its DigiLocker Aadhaar. */
function consistentScopes(
  mobile: string,
  person: { name: string; isoDob: string; gender: 'MALE' | 'FEMALE'; email: string },
  aadhaar: Record<string, unknown>,
): SecureShareScope[] {
  const one = (scope: string, metadata: Record<string, unknown>, confidence: number | null = null) => ({
    scope,
    records: [{ confidence_score: confidence, metadata }],
  });
  return [
    one('MOBILE', { mobile }),
    one('EMAIL', { email: person.email }),
    one('NAME', { name: person.name }, 0.95),
    one('DOB', { dob: person.isoDob }),
    one('GENDER', { gender: person.gender }),
    one('AADHAAR', { ...aadhaar, aadhaar: aadhaar['uid'], email: person.email }, 0.95),
  ];
}

const SANDBOX_HOLDER_AADHAAR = {
  // The last 4 digits are those the simulator's PAN 360 gives as ABCPV1234D's linked Aadhaar.
  uid: 'xxxxxxxx1034',
  care_of: 'S/O: Richard Doe',
  dob: '30-06-1993',
  gender: 'M',
  name: 'JOHN DOE',
  photo_link: '<base64 encoded image>',
  split_address: SANDBOX_HOLDER_ADDRESS,
  xml_file: 'https://simulator.invalid/digilocker/aadhaar.xml',
};

const SANDBOX_HOLDER_DL = {
  ...JOHN_DOE_PERSONA.digilocker.drivingLicense,
  present_address: '12 LINKING ROAD, SANTACRUZ WEST, MUMBAI, MH 400054',
  permanent_address: '12 LINKING ROAD, SANTACRUZ WEST, MUMBAI, MH 400054',
};

/**
 * The holder of Cashfree's sandbox PAN `ABCPV1234D` as the simulator answers for it (JOHN DOE, born
 * 1993-06-30, male, Aadhaar ending 1034 linked): with this persona's Aadhaar, a case is approved
 * with no human.
 */
const SANDBOX_PAN_HOLDER_PERSONA: Persona = {
  key: 'sandbox_pan_holder',
  purpose:
    "Auto-approval: JOHN DOE, the sandbox PAN's holder; consent with linkedPan set to the customer's PAN",
  mobile: '9999900001',
  scopes: [
    ...consistentScopes(
      '9999900001',
      { name: 'JOHN DOE', isoDob: '1993-06-30', gender: 'MALE', email: 'john.doe@example.com' },
      SANDBOX_HOLDER_AADHAAR,
    ),
    {
      scope: 'ADDRESS',
      records: [
        {
          confidence_score: null,
          metadata: {
            complete_address: '12, Linking Road, Santacruz West, Mumbai',
            state: 'MAHARASHTRA',
            type: 'Permanent',
            pincode: '400054',
          },
        },
      ],
    },
    JOHN_DOE_PERSONA.scopes.find(({ scope }) => scope === 'PAN')!,
    JOHN_DOE_PERSONA.scopes.find(({ scope }) => scope === 'BANK_ACCOUNT')!,
  ],
  digilocker: {
    userDetails: { name: 'JOHN DOE', dob: '30-06-1993', gender: 'M', eaadhaar: 'Y', mobile: '9999900001' },
    aadhaar: SANDBOX_HOLDER_AADHAAR,
    pan: JOHN_DOE_PERSONA.digilocker.pan,
    drivingLicense: SANDBOX_HOLDER_DL,
  },
};

const PRIYA_AADHAAR = {
  uid: 'xxxxxxxx5521',
  care_of: 'D/O: Raman Iyer',
  dob: '14-08-1988',
  gender: 'F',
  name: 'Priya Raman Iyer',
  photo_link: '<base64 encoded image>',
  split_address: {
    country: 'India',
    dist: 'Chennai',
    house: '7',
    landmark: 'Opposite Kapaleeshwarar Temple',
    pincode: '600004',
    po: 'Mylapore',
    state: 'Tamil Nadu',
    street: 'North Mada Street',
    subdist: 'Mylapore',
    vtc: 'Chennai',
  },
  xml_file: 'https://simulator.invalid/digilocker/aadhaar.xml',
};

/**
 * Someone else's Aadhaar: name, date of birth, gender, number and address all differ from the
 * sandbox PAN holder's. A case with a PAN and this Aadhaar goes to review with identity reasons.
 */
const SOMEONE_ELSE_PERSONA: Persona = {
  key: 'someone_else',
  purpose:
    "Identity mismatch: an Aadhaar that is not the PAN holder's (name, birth date, gender, address differ)",
  mobile: '9999900002',
  scopes: consistentScopes(
    '9999900002',
    { name: 'Priya Raman Iyer', isoDob: '1988-08-14', gender: 'FEMALE', email: 'priya.iyer@example.com' },
    PRIYA_AADHAAR,
  ),
  digilocker: {
    userDetails: {
      name: 'Priya Raman Iyer',
      dob: '14-08-1988',
      gender: 'F',
      eaadhaar: 'Y',
      mobile: '9999900002',
    },
    aadhaar: PRIYA_AADHAAR,
    pan: {
      pan: 'BQRPI4821K',
      type: 'Individual',
      dob: '14-08-1988',
      name_pan_card: 'PRIYA RAMAN IYER',
      gender: 'Female',
      xml_file: 'https://simulator.invalid/digilocker/pan.xml',
    },
    drivingLicense: {
      ...JOHN_DOE_PERSONA.digilocker.drivingLicense,
      dl_number: 'TN0920150034567',
      name: 'PRIYA RAMAN IYER',
      dob: '14-08-1988',
      care_of: 'RAMAN IYER',
      gender: 'Female',
      present_address: '7 NORTH MADA STREET, MYLAPORE, CHENNAI, TN 600004',
      permanent_address: '7 NORTH MADA STREET, MYLAPORE, CHENNAI, TN 600004',
    },
  },
};

/**
 * A DigiLocker account with no Aadhaar linked: Cashfree's "Aadhaar Not Linked" example, every
 * field null. Such a document is not an official identity.
 */
const AADHAAR_NOT_LINKED_PERSONA: Persona = {
  key: 'aadhaar_not_linked',
  purpose: 'DigiLocker answers AADHAAR_NOT_LINKED: no official identity is fetched',
  mobile: '9999900003',
  scopes: [
    { scope: 'MOBILE', records: [{ confidence_score: null, metadata: { mobile: '9999900003' } }] },
    { scope: 'NAME', records: [{ confidence_score: 0.9, metadata: { name: 'Arjun Mehta' } }] },
  ],
  digilocker: {
    userDetails: { name: 'Arjun Mehta', dob: '11-03-1991', gender: 'M', eaadhaar: 'N', mobile: '9999900003' },
    aadhaar: {
      status: 'AADHAAR_NOT_LINKED',
      uid: null,
      care_of: null,
      dob: null,
      gender: null,
      name: null,
      photo_link: null,
      split_address: {
        country: null,
        dist: null,
        house: null,
        landmark: null,
        pincode: null,
        po: null,
        state: null,
        street: null,
        subdist: null,
        vtc: null,
      },
    },
    pan: JOHN_DOE_PERSONA.digilocker.pan,
    drivingLicense: JOHN_DOE_PERSONA.digilocker.drivingLicense,
  },
};

const YEAR_ONLY_AADHAAR = { ...SANDBOX_HOLDER_AADHAAR, dob: '1993', year_of_birth: '1993' };

/**
 * The sandbox PAN holder whose Aadhaar records only the year of birth (as older enrolments do):
 * everything else agrees, so the case goes to review on the date of birth alone.
 */
const YEAR_ONLY_DOB_PERSONA: Persona = {
  key: 'year_only_dob',
  purpose: 'An Aadhaar with a year of birth only: the identity check asks a reviewer',
  mobile: '9999900004',
  scopes: consistentScopes(
    '9999900004',
    { name: 'JOHN DOE', isoDob: '1993-06-30', gender: 'MALE', email: 'john.doe@example.com' },
    YEAR_ONLY_AADHAAR,
  ),
  digilocker: {
    userDetails: { name: 'JOHN DOE', dob: '1993', gender: 'M', eaadhaar: 'Y', mobile: '9999900004' },
    aadhaar: YEAR_ONLY_AADHAAR,
    pan: JOHN_DOE_PERSONA.digilocker.pan,
    drivingLicense: SANDBOX_HOLDER_DL,
  },
};

export const PERSONAS: ReadonlyMap<string, Persona> = new Map([
  [DEFAULT_PERSONA.key, DEFAULT_PERSONA],
  [JOHN_DOE_PERSONA.key, JOHN_DOE_PERSONA],
  [SANDBOX_PAN_HOLDER_PERSONA.key, SANDBOX_PAN_HOLDER_PERSONA],
  [SOMEONE_ELSE_PERSONA.key, SOMEONE_ELSE_PERSONA],
  [AADHAAR_NOT_LINKED_PERSONA.key, AADHAAR_NOT_LINKED_PERSONA],
  [YEAR_ONLY_DOB_PERSONA.key, YEAR_ONLY_DOB_PERSONA],
]);

export function personaByMobile(mobile: string): Persona | undefined {
  return [...PERSONAS.values()].find((persona) => persona.mobile === mobile);
}
