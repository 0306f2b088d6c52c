import type { ChannelListener } from '../../db/notifications.js';
import type { ActiveSession } from './repository.js';

/** The channel the database announces session and account changes on (migration 0023). */
export const SESSION_CHANGES_CHANNEL = 'pehchan_session_changes';

const MAX_ENTRIES = 20_000;

interface Entry {
  session: ActiveSession;
  /** When the access token or its session ends, whichever comes first (in ms). */
  expiresAt: number;
  /** When the entry must be checked against the database again (in ms). */
  freshUntil: number;
}

/**
 * Access tokens already checked, with their live session: a request with the same token skips the signature
 * check and the session row read for up to `maxAgeSeconds`. Revocation stays instant: the database announces
 * every change to a live session or to an account's status or role when it commits (triggers, whoever writes),
 * and the entries concerned are dropped. While those announcements cannot be followed (not yet listening,
 * connection lost), nothing is served from the cache, and whatever was cached before is dropped.
 */
export class SessionCache implements ChannelListener {
  private readonly entries = new Map<string, Entry>();
  private following = false;
  /** Moves on every change announced: a read that began before a change must not fill the cache after it. */
  private generation = 0;

  constructor(
    private readonly maxAgeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.maxAgeSeconds > 0 && this.following;
  }

  /** The session a token was checked against, while the check still holds. */
  get(token: string): ActiveSession | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const now = this.now();
    if (now >= entry.freshUntil || now >= entry.expiresAt) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.session;
  }

  /** A marker to take before reading the session from the database, and to give to `set` after. */
  begin(): number {
    return this.generation;
  }

  set(token: string, session: ActiveSession, tokenExpiresAtSeconds: number, begun: number): void {
    if (!this.enabled || begun !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, {
      session,
      expiresAt: Math.min(tokenExpiresAtSeconds * 1000, session.expiresAt.getTime()),
      freshUntil: this.now() + this.maxAgeSeconds * 1000,
    });
  }

  /** Drops the session's entries (its own changes are dropped at once, before the announcement arrives). */
  forgetSession(sessionId: string): void {
    this.forget((session) => session.sessionId === sessionId);
  }

  forgetUser(userId: string): void {
    this.forget((session) => session.userId === userId);
  }

  forgetLink(linkId: string): void {
    this.forget((session) => session.linkId === linkId);
  }

  private forget(concerned: (session: ActiveSession) => boolean): void {
    this.generation++;
    for (const [token, entry] of this.entries) if (concerned(entry.session)) this.entries.delete(token);
  }

  onNotification(payload: string): void {
    const [kind, id = ''] = payload.split(':');
    if (kind === 'session') this.forgetSession(id);
    else if (kind === 'user') this.forgetUser(id);
    else this.clear(); // an announcement this version does not know: drop everything rather than guess
  }

  onLost(): void {
    this.following = false;
    this.clear();
  }

  onListening(): void {
    // A read begun before this could have missed a change announced before anyone listened.
    this.generation++;
    this.following = true;
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
