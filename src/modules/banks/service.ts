import { AppError } from '../../lib/errors.js';
import { CashfreeError, cashfreeErrorToAppError } from '../../providers/cashfree/index.js';
import type { CashfreeClient, IfscResponse } from '../../providers/cashfree/index.js';
import type { RateLimiter } from '../../plugins/rate-limit.js';
import type { IfscView } from './schemas.js';

export interface IfscLookupSettings {
  /** Answers kept in memory (found and not found alike); the oldest go first. */
  cacheSize: number;
  cacheTtlMs: number;
  /** Lookups one customer may make a minute, cached ones included. */
  perUserPerMinute: number;
}

export const DEFAULT_IFSC_LOOKUP_SETTINGS: IfscLookupSettings = {
  cacheSize: 1000,
  cacheTtlMs: 10 * 60 * 1000,
  perUserPerMinute: 30,
};

const ifscNotFound = (ifsc: string) =>
  new AppError('ifsc_not_found', `No bank branch has the IFSC ${ifsc}`, {
    errors: [{ field: '/ifsc', code: 'ifsc_not_found', message: 'no bank branch has this IFSC' }],
  });

/** `null`: the provider says no branch has this code. */
type Answer = IfscView | null;

/**
 * IFSC lookup for the onboarding form: the bank and branch a code names, through the provider's
 * IFSC directory. The directory is public and rarely changes, so answers are kept for a while in
 * this process, which also spares the provider a customer typing the same code again.
 */
export class BankService {
  private readonly cache = new Map<string, { answer: Answer; expiresAt: number }>();

  constructor(
    private readonly provider: CashfreeClient,
    private readonly limiter: RateLimiter,
    private readonly settings: IfscLookupSettings = DEFAULT_IFSC_LOOKUP_SETTINGS,
  ) {}

  async lookupIfsc(userId: string, code: string): Promise<IfscView> {
    await this.limiter.consume({
      key: `ifsc:${userId}`,
      limit: this.settings.perUserPerMinute,
      windowSeconds: 60,
    });
    const ifsc = code.toUpperCase();
    const cached = this.cached(ifsc);
    const answer = cached === undefined ? await this.ask(userId, ifsc) : cached;
    if (!answer) throw ifscNotFound(ifsc);
    return answer;
  }

  private cached(ifsc: string): Answer | undefined {
    const entry = this.cache.get(ifsc);
    if (!entry) return undefined;
    this.cache.delete(ifsc);
    if (entry.expiresAt <= Date.now()) return undefined;
    // Re-inserted so the map's order stays least recently used first.
    this.cache.set(ifsc, entry);
    return entry.answer;
  }

  private async ask(userId: string, ifsc: string): Promise<Answer> {
    let answer: Answer;
    try {
      const { data } = await this.provider.verifyIfsc({ ifsc }, { userId });
      answer = data.status === 'VALID' ? viewOf(ifsc, data) : null;
    } catch (error) {
      if (!(error instanceof CashfreeError)) throw error;
      // Cashfree answers 404 `ifsc_not_found` for a well-formed code no branch has.
      if (error.status !== 404) throw cashfreeErrorToAppError(error);
      answer = null;
    }
    this.remember(ifsc, answer);
    return answer;
  }

  private remember(ifsc: string, answer: Answer) {
    this.cache.set(ifsc, { answer, expiresAt: Date.now() + this.settings.cacheTtlMs });
    while (this.cache.size > this.settings.cacheSize) {
      this.cache.delete(this.cache.keys().next().value!);
    }
  }
}

function viewOf(ifsc: string, data: IfscResponse): IfscView {
  const text = (value: string | null | undefined) => value?.trim() || null;
  return {
    ifsc,
    bank: text(data.bank),
    branch: text(data.branch),
    city: text(data.city),
    state: text(data.state),
    address: text(data.address),
  };
}
