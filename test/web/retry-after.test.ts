import { describe, expect, it } from 'vitest';
import { waitMessages } from '../../web/shared/src/i18n/problem-messages';
import { fill } from '../../web/shared/src/i18n/i18n';
import { parseRetryAfter, waitFor } from '../../web/shared/src/lib/retry-after';

describe('Retry-After, read by the web apps', () => {
  it('takes delta-seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2);
    expect(parseRetryAfter(' 900 ', now)).toBe(900);
    expect(parseRetryAfter('Sat, 05 Dec 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Sat, 05 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });

  it('tells a person a wait they can act on', () => {
    const said = (seconds: number) => {
      const { key, ...values } = waitFor(seconds);
      return [fill(waitMessages.en[key], values), fill(waitMessages.hi[key], values)];
    };
    expect(said(2)).toEqual(['Please try again in a few seconds.', 'कृपया कुछ सेकंड बाद फिर से कोशिश करें।']);
    expect(said(45)).toEqual(['Please try again in a minute.', 'कृपया एक मिनट बाद फिर से कोशिश करें।']);
    expect(said(899)).toEqual(['Please try again in 15 minutes.', 'कृपया 15 मिनट बाद फिर से कोशिश करें।']);
    expect(said(3600)).toEqual(['Please try again in 60 minutes.', 'कृपया 60 मिनट बाद फिर से कोशिश करें।']);
    expect(said(86_400)).toEqual(['Please try again in 24 hours.', 'कृपया 24 घंटे बाद फिर से कोशिश करें।']);
  });
});
