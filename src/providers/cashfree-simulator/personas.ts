/*
 * People the simulator can "be" when a user consents in Secure-Share or DigiLocker. The default
 * persona's Secure-Share scopes are, field for field, the user-details payload of seed
 * 002_b2c26712e6147482.txt (Cashfree's documented example).
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

const SEED_002_SCOPES: SecureShareScope[] = [
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
  scopes: SEED_002_SCOPES,
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

export const PERSONAS: ReadonlyMap<string, Persona> = new Map([
  [DEFAULT_PERSONA.key, DEFAULT_PERSONA],
  [JOHN_DOE_PERSONA.key, JOHN_DOE_PERSONA],
]);

export function personaByMobile(mobile: string): Persona | undefined {
  return [...PERSONAS.values()].find((persona) => persona.mobile === mobile);
}
