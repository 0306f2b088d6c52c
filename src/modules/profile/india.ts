/** India's 28 states and 8 union territories, by the names their governments use today. */
export const INDIAN_STATES = [
  'Andhra Pradesh',
  'Arunachal Pradesh',
  'Assam',
  'Bihar',
  'Chhattisgarh',
  'Goa',
  'Gujarat',
  'Haryana',
  'Himachal Pradesh',
  'Jharkhand',
  'Karnataka',
  'Kerala',
  'Madhya Pradesh',
  'Maharashtra',
  'Manipur',
  'Meghalaya',
  'Mizoram',
  'Nagaland',
  'Odisha',
  'Punjab',
  'Rajasthan',
  'Sikkim',
  'Tamil Nadu',
  'Telangana',
  'Tripura',
  'Uttar Pradesh',
  'Uttarakhand',
  'West Bengal',
] as const;

export const INDIAN_UNION_TERRITORIES = [
  'Andaman and Nicobar Islands',
  'Chandigarh',
  'Dadra and Nagar Haveli and Daman and Diu',
  'Delhi',
  'Jammu and Kashmir',
  'Ladakh',
  'Lakshadweep',
  'Puducherry',
] as const;

export type IndianState = (typeof INDIAN_STATES)[number] | (typeof INDIAN_UNION_TERRITORIES)[number];

export const STATES_AND_UNION_TERRITORIES: readonly IndianState[] = [
  ...INDIAN_STATES,
  ...INDIAN_UNION_TERRITORIES,
];

/** Former names, official long forms and common spellings people still type. */
const ALTERNATE_NAMES: Record<string, IndianState> = {
  Orissa: 'Odisha',
  Pondicherry: 'Puducherry',
  Uttaranchal: 'Uttarakhand',
  Chattisgarh: 'Chhattisgarh',
  Chhatisgarh: 'Chhattisgarh',
  Telengana: 'Telangana',
  'New Delhi': 'Delhi',
  'NCT of Delhi': 'Delhi',
  'National Capital Territory of Delhi': 'Delhi',
  'Andaman and Nicobar': 'Andaman and Nicobar Islands',
  'A and N Islands': 'Andaman and Nicobar Islands',
  'J and K': 'Jammu and Kashmir',
  // Merged into one union territory on 26 January 2020.
  'Dadra and Nagar Haveli': 'Dadra and Nagar Haveli and Daman and Diu',
  'Daman and Diu': 'Dadra and Nagar Haveli and Daman and Diu',
  'DNH and DD': 'Dadra and Nagar Haveli and Daman and Diu',
};

/** Case, spacing, `&` versus `and`, and punctuation do not distinguish names ("Tamilnadu", "Jammu & Kashmir"). */
function matchKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('&', 'and')
    .replace(/[^a-z]/g, '');
}

const BY_KEY = new Map<string, IndianState>([
  ...STATES_AND_UNION_TERRITORIES.map((name): [string, IndianState] => [matchKey(name), name]),
  ...Object.entries(ALTERNATE_NAMES).map(([alternate, name]): [string, IndianState] => [
    matchKey(alternate),
    name,
  ]),
]);

/** The canonical name of a state or union territory, or `undefined` when the input names none. */
export function canonicalStateName(input: string): IndianState | undefined {
  const key = matchKey(input);
  return key === '' ? undefined : BY_KEY.get(key);
}
