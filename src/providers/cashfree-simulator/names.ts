/*
 * The simulator's deterministic name comparison (documented in docs/cashfree-simulator.md).
 * Names are upper-cased, stripped of everything but letters and spaces, and split into words.
 * Each word of the shorter name is paired with an unused word of the other: an equal word
 * earns 1, a single letter that is the other word's initial 0.7, a word that is a prefix of
 * the other 0.5. The score is the total divided by the longer name's word count.
 */

export type NameMatchResult =
  'DIRECT_MATCH' | 'GOOD_PARTIAL_MATCH' | 'MODERATE_PARTIAL_MATCH' | 'POOR_PARTIAL_MATCH' | 'NO_MATCH';

export interface NameComparison {
  /** 0–1, two decimals. */
  score: number;
  result: NameMatchResult;
  reason: string;
}

export function normalizeName(name: string): string[] {
  return name
    .toUpperCase()
    .replace(/[^A-Z ]+/g, ' ')
    .split(' ')
    .filter((word) => word.length > 0);
}

export function matchResultFor(score: number): NameMatchResult {
  if (score >= 1) return 'DIRECT_MATCH';
  if (score >= 0.8) return 'GOOD_PARTIAL_MATCH';
  if (score >= 0.6) return 'MODERATE_PARTIAL_MATCH';
  if (score >= 0.3) return 'POOR_PARTIAL_MATCH';
  return 'NO_MATCH';
}

export function compareNames(first: string, second: string): NameComparison {
  const a = normalizeName(first);
  const b = normalizeName(second);
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (longer.length === 0) return { score: 0, result: 'NO_MATCH', reason: 'The given names are different' };
  if ([...shorter].sort().join(' ') === [...longer].sort().join(' ')) {
    return { score: 1, result: 'DIRECT_MATCH', reason: 'The given names are identical' };
  }

  const unused = [...longer];
  let total = 0;
  let initials = false;
  let partial = shorter.length < longer.length;
  const take = (predicate: (word: string) => boolean): boolean => {
    const index = unused.findIndex(predicate);
    if (index < 0) return false;
    unused.splice(index, 1);
    return true;
  };
  // Exact words first, so "J DOE" pairs DOE with DOE before J looks for an initial.
  const leftovers = shorter.filter((word) => {
    if (take((candidate) => candidate === word)) {
      total += 1;
      return false;
    }
    return true;
  });
  for (const word of leftovers) {
    const initial = (candidate: string) =>
      (word.length === 1 && candidate.startsWith(word)) ||
      (candidate.length === 1 && word.startsWith(candidate));
    const prefix = (candidate: string) => candidate.startsWith(word) || word.startsWith(candidate);
    if (take(initial)) {
      total += 0.7;
      initials = true;
    } else if (take(prefix)) {
      total += 0.5;
      partial = true;
    } else {
      partial = true;
    }
  }
  const score = Math.round((total / longer.length) * 100) / 100;
  const result = matchResultFor(score);
  if (result === 'NO_MATCH') return { score, result, reason: 'The given names are different' };
  const reasons = [...(initials ? ['Initials penalty'] : []), ...(partial ? ['Word missing'] : [])];
  return { score, result, reason: reasons.length > 0 ? reasons.join(', ') : 'The given names are similar' };
}
