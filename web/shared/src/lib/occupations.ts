/**
 * The occupations the onboarding pages offer, as the API stores them (free text, 3-50 characters, so a prefill or
 * another client may hold any other words). Each app words them for its reader; the reviewer console shows
 * anything else as sent.
 */
export const OCCUPATIONS = [
  'Private sector service',
  'Public sector service',
  'Government service',
  'Business',
  'Professional',
  'Self-employed',
  'Agriculturist',
  'Retired',
  'Homemaker',
  'Student',
  'Others',
] as const;

export type Occupation = (typeof OCCUPATIONS)[number];
