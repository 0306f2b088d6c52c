import { defineMessages } from '../../../shared/src/i18n/i18n';
import type { Locale } from '../../../shared/src/i18n/i18n';
import { calendarDateText } from '../../../shared/src/lib/calendar-date';
import type { Occupation } from '../../../shared/src/lib/occupations';
import { isKeyOf } from '../labels';
import type { SubmittedProfile } from './types';

/*
 * Words for the submitted profile: its sections, every field at any depth and the values of its closed lists.
 * The key types come from the profile's schema (through the API description), so a section, field or list
 * value added there without words here fails the type check, and so does a label left for one removed.
 */

type Leaf = string | number | boolean | null | undefined;
/** Not shown as fields: entry ids, and files (shown under Documents). */
export const HIDDEN_FIELDS = ['_id', 'clientMasterCopy', 'document'] as const;
type Hidden = (typeof HIDDEN_FIELDS)[number];
/** Closed lists of proper names, shown as they are. */
type NamedValues = 'permanentState' | 'depository';

/** The profile's parts that are sections (objects or lists of them), not the account's own fields. */
export type Section = {
  [K in keyof SubmittedProfile]-?: NonNullable<SubmittedProfile[K]> extends Leaf ? never : K;
}[keyof SubmittedProfile];

type Element<V> = V extends readonly (infer E)[] ? E : V;
type Shown<T> = Exclude<keyof T & string, Hidden>;

/** Every field name in T, in list entries and nested parts too. */
type FieldsOf<T> = T extends readonly (infer E)[]
  ? FieldsOf<E>
  : T extends Leaf
    ? never
    : { [K in Shown<T>]-?: K | FieldsOf<T[K]> }[Shown<T>];
export type Field = FieldsOf<SubmittedProfile[Section]>;

/** `field.value` for every field of T whose values (or list entries' values) are a closed list of strings. */
type ValuesOf<T> = T extends readonly (infer E)[]
  ? ValuesOf<E>
  : T extends Leaf
    ? never
    : {
        [K in Shown<T>]-?:
          | (K extends NamedValues
              ? never
              : string extends Element<NonNullable<T[K]>>
                ? never
                : Element<NonNullable<T[K]>> extends string
                  ? `${K}.${Element<NonNullable<T[K]>>}`
                  : never)
          | ValuesOf<T[K]>;
      }[Shown<T>];
type Value = ValuesOf<SubmittedProfile[Section]>;

/** A list section's entries are numbered after the section's name ("Bank account 2"). */
export const sectionMessages = defineMessages(
  {
    panDetails: 'PAN details',
    profileDetails: 'Personal details',
    addressDetails: 'Address',
    bankDetails: 'Bank account',
    dematDetails: 'Demat account',
    nominationDetails: 'Nomination',
    fatcaDetails: 'FATCA/CRS declaration',
    pepDetails: 'Politically exposed person',
    tradingPreferences: 'Trading preferences',
  } satisfies Record<Section, string>,
  {
    panDetails: 'PAN विवरण',
    profileDetails: 'व्यक्तिगत विवरण',
    addressDetails: 'पता',
    bankDetails: 'बैंक खाता',
    dematDetails: 'डीमैट खाता',
    nominationDetails: 'नामांकन',
    fatcaDetails: 'FATCA/CRS घोषणा',
    pepDetails: 'राजनीतिक रूप से प्रभावशाली व्यक्ति',
    tradingPreferences: 'ट्रेडिंग प्राथमिकताएँ',
  },
);

/** A list field's entries, like a list section's, are numbered after its name ("Nominee 1"). */
export const fieldMessages = defineMessages(
  {
    // panDetails
    panNumber: 'PAN',
    name: 'Name',
    dateOfBirth: 'Date of birth',
    mobileNo: 'Mobile number',
    email: 'Email',
    iAm: 'Applying as',
    // profileDetails
    gender: 'Gender',
    placeOfBirth: 'Place of birth',
    occupation: 'Occupation',
    annualIncome: 'Annual income',
    citizenship: 'Indian citizen',
    informationConfirmation: 'Details confirmed as true',
    // addressDetails
    permanentAddress: 'Permanent address',
    landmark: 'Landmark',
    permanentCity: 'City',
    permanentPincode: 'PIN code',
    permanentState: 'State or union territory',
    permanentCountry: 'Country',
    // bankDetails, dematDetails
    bankName: 'Bank',
    accountType: 'Account type',
    bankAccountNumber: 'Account number',
    ifscCode: 'IFSC',
    primary: 'Primary account',
    depository: 'Depository',
    dpID: 'DP ID',
    clientID: 'Client ID',
    // nominationDetails
    optOut: 'Opted out of nomination',
    optOutDeclaredAt: 'Opt-out declared',
    nominees: 'Nominee',
    relationship: 'Relationship',
    allocationPercent: 'Share',
    guardian: 'Guardian',
    address: 'Address',
    idType: 'Identity document',
    idNumber: 'Identity document number',
    // fatcaDetails
    taxResidentOutsideIndia: 'Tax resident outside India',
    taxResidencies: 'Tax residence',
    country: 'Country',
    tin: 'Taxpayer identification number (TIN)',
    noTinReason: 'Why no TIN',
    countryOfBirth: 'Country of birth',
    cityOfBirth: 'City of birth',
    nationality: 'Nationality',
    // pepDetails
    politicallyExposed: 'Is a politically exposed person',
    relatedToPoliticallyExposed: 'Related to a politically exposed person',
    // tradingPreferences
    segments: 'Segments',
    incomeRange: 'Annual income range',
    incomeProof: 'Income proof',
    documentType: 'Document',
  } satisfies Record<Field, string>,
  {
    panNumber: 'PAN',
    name: 'नाम',
    dateOfBirth: 'जन्म तिथि',
    mobileNo: 'मोबाइल नंबर',
    email: 'ईमेल',
    iAm: 'आवेदन का प्रकार',
    gender: 'लिंग',
    placeOfBirth: 'जन्म स्थान',
    occupation: 'व्यवसाय',
    annualIncome: 'वार्षिक आय',
    citizenship: 'भारतीय नागरिक',
    informationConfirmation: 'जानकारी सही होने की पुष्टि',
    permanentAddress: 'स्थायी पता',
    landmark: 'लैंडमार्क',
    permanentCity: 'शहर',
    permanentPincode: 'पिन कोड',
    permanentState: 'राज्य या केंद्र शासित प्रदेश',
    permanentCountry: 'देश',
    bankName: 'बैंक',
    accountType: 'खाते का प्रकार',
    bankAccountNumber: 'खाता संख्या',
    ifscCode: 'IFSC',
    primary: 'प्राथमिक खाता',
    depository: 'डिपॉज़िटरी',
    dpID: 'DP ID',
    clientID: 'क्लाइंट ID',
    optOut: 'नामांकन से इनकार',
    optOutDeclaredAt: 'इनकार की घोषणा',
    nominees: 'नॉमिनी',
    relationship: 'संबंध',
    allocationPercent: 'हिस्सा',
    guardian: 'अभिभावक',
    address: 'पता',
    idType: 'पहचान दस्तावेज़',
    idNumber: 'पहचान दस्तावेज़ की संख्या',
    taxResidentOutsideIndia: 'भारत के बाहर कर निवासी',
    taxResidencies: 'कर निवास',
    country: 'देश',
    tin: 'करदाता पहचान संख्या (TIN)',
    noTinReason: 'TIN न होने का कारण',
    countryOfBirth: 'जन्म का देश',
    cityOfBirth: 'जन्म का शहर',
    nationality: 'राष्ट्रीयता',
    politicallyExposed: 'स्वयं राजनीतिक रूप से प्रभावशाली व्यक्ति',
    relatedToPoliticallyExposed: 'राजनीतिक रूप से प्रभावशाली व्यक्ति से संबंधित',
    segments: 'सेगमेंट',
    incomeRange: 'वार्षिक आय सीमा',
    incomeProof: 'आय का प्रमाण',
    documentType: 'दस्तावेज़',
  },
);

/** The closed lists' values (`field.value`), and yes and no. */
export const valueMessages = defineMessages(
  {
    'iAm.Individual': 'An individual',
    'iAm.Mutual': 'A trust (mutual fund folio)',
    'gender.Male': 'Male',
    'gender.Female': 'Female',
    'gender.Others': 'Other',
    'permanentCountry.India': 'India',
    'accountType.Saving': 'Savings',
    'accountType.Current': 'Current',
    'relationship.spouse': 'Spouse',
    'relationship.son': 'Son',
    'relationship.daughter': 'Daughter',
    'relationship.father': 'Father',
    'relationship.mother': 'Mother',
    'relationship.brother': 'Brother',
    'relationship.sister': 'Sister',
    'relationship.grandparent': 'Grandparent',
    'relationship.grandchild': 'Grandchild',
    'relationship.other': 'Other',
    'idType.pan': 'PAN',
    'idType.aadhaar_last4': 'Aadhaar (last 4 digits)',
    'idType.driving_licence': 'Driving licence',
    'idType.passport': 'Passport',
    'noTinReason.not_issued': 'The country does not issue TINs',
    'noTinReason.not_required': 'The country does not require a TIN',
    'noTinReason.other': 'Another reason',
    'segments.cash': 'Cash',
    'segments.fno': 'Futures and options (F&O)',
    'segments.currency': 'Currency derivatives',
    'segments.commodity': 'Commodity derivatives',
    'incomeRange.below_1_lakh': 'Below ₹1 lakh',
    'incomeRange.1_5_lakh': '₹1 lakh to ₹5 lakh',
    'incomeRange.5_10_lakh': '₹5 lakh to ₹10 lakh',
    'incomeRange.10_25_lakh': '₹10 lakh to ₹25 lakh',
    'incomeRange.25_lakh_1_crore': '₹25 lakh to ₹1 crore',
    'incomeRange.above_1_crore': 'Above ₹1 crore',
    'documentType.bank_statement': 'Bank statement (6 months)',
    'documentType.salary_slip': 'Salary slip',
    'documentType.itr': 'Income tax return acknowledgement',
    'occupation.Private sector service': 'Private sector service',
    'occupation.Public sector service': 'Public sector service',
    'occupation.Government service': 'Government service',
    'occupation.Business': 'Business',
    'occupation.Professional': 'Professional',
    'occupation.Self-employed': 'Self-employed',
    'occupation.Agriculturist': 'Agriculturist',
    'occupation.Retired': 'Retired',
    'occupation.Homemaker': 'Homemaker',
    'occupation.Student': 'Student',
    'occupation.Others': 'Others',
    yes: 'Yes',
    no: 'No',
  } satisfies Record<Value | `occupation.${Occupation}` | 'yes' | 'no', string>,
  {
    'iAm.Individual': 'एक व्यक्ति के रूप में',
    'iAm.Mutual': 'एक ट्रस्ट के रूप में (म्यूचुअल फ़ंड फ़ोलियो)',
    'gender.Male': 'पुरुष',
    'gender.Female': 'महिला',
    'gender.Others': 'अन्य',
    'permanentCountry.India': 'भारत',
    'accountType.Saving': 'बचत',
    'accountType.Current': 'चालू',
    'relationship.spouse': 'पति/पत्नी',
    'relationship.son': 'बेटा',
    'relationship.daughter': 'बेटी',
    'relationship.father': 'पिता',
    'relationship.mother': 'माता',
    'relationship.brother': 'भाई',
    'relationship.sister': 'बहन',
    'relationship.grandparent': 'दादा-दादी/नाना-नानी',
    'relationship.grandchild': 'पोता-पोती/नाती-नातिन',
    'relationship.other': 'अन्य',
    'idType.pan': 'PAN',
    'idType.aadhaar_last4': 'आधार (अंतिम 4 अंक)',
    'idType.driving_licence': 'ड्राइविंग लाइसेंस',
    'idType.passport': 'पासपोर्ट',
    'noTinReason.not_issued': 'यह देश TIN जारी नहीं करता',
    'noTinReason.not_required': 'यह देश TIN ज़रूरी नहीं मानता',
    'noTinReason.other': 'कोई दूसरा कारण',
    'segments.cash': 'कैश',
    'segments.fno': 'फ़्यूचर्स और ऑप्शन्स (F&O)',
    'segments.currency': 'करेंसी डेरिवेटिव',
    'segments.commodity': 'कमोडिटी डेरिवेटिव',
    'incomeRange.below_1_lakh': '₹1 लाख से कम',
    'incomeRange.1_5_lakh': '₹1 लाख से ₹5 लाख',
    'incomeRange.5_10_lakh': '₹5 लाख से ₹10 लाख',
    'incomeRange.10_25_lakh': '₹10 लाख से ₹25 लाख',
    'incomeRange.25_lakh_1_crore': '₹25 लाख से ₹1 करोड़',
    'incomeRange.above_1_crore': '₹1 करोड़ से ज़्यादा',
    'documentType.bank_statement': 'बैंक स्टेटमेंट (6 महीने)',
    'documentType.salary_slip': 'सैलरी स्लिप',
    'documentType.itr': 'इनकम टैक्स रिटर्न की पावती',
    'occupation.Private sector service': 'निजी क्षेत्र में नौकरी',
    'occupation.Public sector service': 'सार्वजनिक क्षेत्र में नौकरी',
    'occupation.Government service': 'सरकारी नौकरी',
    'occupation.Business': 'व्यापार',
    'occupation.Professional': 'पेशेवर',
    'occupation.Self-employed': 'स्व-रोज़गार',
    'occupation.Agriculturist': 'कृषक',
    'occupation.Retired': 'सेवानिवृत्त',
    'occupation.Homemaker': 'गृहिणी / गृहस्थ',
    'occupation.Student': 'विद्यार्थी',
    'occupation.Others': 'अन्य',
    yes: 'हाँ',
    no: 'नहीं',
  },
);

const COUNTRY_FIELDS: ReadonlySet<string> = new Set(['country', 'countryOfBirth', 'nationality']);

/**
 * One value of the submitted profile in words: a closed list's value (and an occupation the onboarding pages
 * offer) by its label, yes or no, rupees, a share in percent, a date of birth as the reader's language writes it,
 * an ISO country code by its name (then the code); anything else as sent.
 */
export function profileValueText(locale: Locale, field: string, value: string | number | boolean): string {
  const words = valueMessages[locale];
  const tag = locale === 'hi' ? 'hi-IN' : 'en-IN';
  if (typeof value === 'boolean') return words[value ? 'yes' : 'no'];
  if (typeof value === 'number') {
    if (field === 'annualIncome')
      return new Intl.NumberFormat(tag, {
        style: 'currency',
        currency: 'INR',
        maximumFractionDigits: 0,
      }).format(value);
    if (field === 'allocationPercent')
      return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
    return new Intl.NumberFormat(tag).format(value);
  }
  const key = `${field}.${value}`;
  if (isKeyOf(words, key)) return words[key];
  if (field === 'dateOfBirth') return calendarDateText(tag, value);
  if (COUNTRY_FIELDS.has(field) && /^[A-Z]{2}$/.test(value)) {
    const name = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' }).of(value);
    if (name) return `${name} (${value})`;
  }
  return value;
}
