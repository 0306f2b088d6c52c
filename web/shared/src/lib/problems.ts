import { useCallback, useMemo } from 'react';
import { useLocale, useT } from '../i18n/i18n';
import { fieldMessages, problemMessages, waitMessages } from '../i18n/problem-messages';
import { WAITING_CODES, waitFor } from './retry-after';

/** A problem+json answer (RFC 9457) as Pehchan sends it: `code` from the error table, `errors` per field. */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: { field: string; code: string; message: string }[];
  /** The answer's Retry-After, in seconds: the client adds it, the server sends it as a header. */
  retryAfterSeconds?: number;
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string';
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ProblemError';
  }
}

const has = <K extends string>(record: Record<K, string>, key: string): key is K =>
  Object.prototype.hasOwnProperty.call(record, key);

/**
 * Turns errors into what the customer reads, in their language: `problem(error)` for the form as a
 * whole, `fields(error, section)` for the messages beside each field. A JSON pointer
 * `/panDetails/panNumber` becomes the field `panNumber` of the form editing `panDetails`;
 * `/bankDetails/0/ifscCode` becomes `ifscCode`.
 */
export function useProblemText() {
  const { locale } = useLocale();
  const tProblem = useT(problemMessages);
  const tField = useT(fieldMessages);
  const tWait = useT(waitMessages);

  const problem = useCallback(
    (error: unknown): string => {
      if (!(error instanceof ProblemError))
        return tProblem(error instanceof TypeError ? 'network' : 'generic');
      const { code, retryAfterSeconds } = error.problem;
      if (has(WAITING_CODES, code) && retryAfterSeconds !== undefined) {
        const { key, ...values } = waitFor(retryAfterSeconds);
        return `${tWait(WAITING_CODES[code])} ${tWait(key, values)}`;
      }
      return has(problemMessages.en, code) ? tProblem(code) : tProblem('generic');
    },
    [tProblem, tWait],
  );

  const fields = useCallback(
    (error: unknown, section?: string): Record<string, string> => {
      if (!(error instanceof ProblemError)) return {};
      const result: Record<string, string> = {};
      for (const item of error.problem.errors ?? []) {
        const parts = item.field.split('/').filter(Boolean);
        if (section && parts[0] === section) parts.shift();
        if (parts.length > 0 && /^\d+$/.test(parts[0]!)) parts.shift();
        const name = parts.join('.') || '_form';
        // The server's own sentence is English; in Hindi an unknown reason reads as the generic one.
        const text = has(fieldMessages.en, item.code)
          ? tField(item.code)
          : locale === 'en'
            ? item.message
            : tField('invalid_value');
        result[name] ??= text;
      }
      return result;
    },
    [locale, tField],
  );

  // The same object while the language stays: forms memoise their field messages on it.
  return useMemo(() => ({ problem, fields }), [problem, fields]);
}
