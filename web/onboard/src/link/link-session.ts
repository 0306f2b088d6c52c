// A KYC link's session in the browser: the exchange of the link's single-use token, the link's context
// (kept in sessionStorage so that it survives the DigiLocker round trip; it holds no secret), and the
// events an embedding host page receives through postMessage, sent to the link's own origin only.
import type { paths } from '../../../../openapi/schema';
import { api, call } from '../../../shared/src/api/client';
import { onSessionChange, startSession } from '../../../shared/src/api/session';

export interface LinkContext {
  linkId: string;
  /** The origin of the host's redirectUrl: the only origin this page ever posts to. */
  parentOrigin: string;
}

type LinkView =
  paths['/v1/kyc-links/exchange']['post']['responses'][200]['content']['application/json']['data']['link'];

const STORAGE_KEY = 'pehchan.link';

function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export function linkContext(): LinkContext | undefined {
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (typeof stored !== 'object' || stored === null) return undefined;
    const { linkId, parentOrigin } = stored as Partial<LinkContext>;
    return typeof linkId === 'string' && isOrigin(parentOrigin) ? { linkId, parentOrigin } : undefined;
  } catch {
    return undefined;
  }
}

function saveLinkContext(context: LinkContext): void {
  window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(context));
}

// The link belongs to its session: once that ends (sign-out, revoked link), nothing is posted to the host
// and no "Return to" is offered to whoever signs in next in this tab.
onSessionChange((signedIn) => {
  if (!signedIn) window.sessionStorage.removeItem(STORAGE_KEY);
});

/** In an iframe, or opened as a popup by the host page. */
export function hostWindow(): Window | undefined {
  if (window.parent !== window) return window.parent;
  return window.opener ? (window.opener as Window) : undefined;
}

export type HostEvent =
  | { type: 'pehchan:step'; step: string }
  | { type: 'pehchan:submitted' }
  | { type: 'pehchan:completed'; status: string; redirectUrl: string };

/** Tells an embedding host what happened; nothing when not embedded or not in a link session. */
export function postToHost(event: HostEvent): void {
  const context = linkContext();
  const host = hostWindow();
  if (!context || !host) return;
  host.postMessage({ ...event, linkId: context.linkId }, context.parentOrigin);
}

// The token is single use: React's development double effects and a double click share one exchange.
const exchanges = new Map<string, Promise<LinkView>>();

/**
 * Trades the link's token for a customer session (the refresh token arrives as the httpOnly cookie)
 * and remembers the link. Answers the link, whose locale the page then applies.
 */
export function exchangeLinkToken(token: string): Promise<LinkView> {
  let exchange = exchanges.get(token);
  if (!exchange) {
    // The client asks in cookie mode (x-pehchan-session: cookie): no refresh token reaches this script.
    exchange = call(api.POST('/v1/kyc-links/exchange', { body: { token } })).then(({ data }) => {
      startSession({
        token: data.accessToken,
        expiresAt: new Date(Date.now() + data.expiresIn * 1000).toISOString(),
      });
      if (isOrigin(data.link.parentOrigin))
        saveLinkContext({ linkId: data.link.linkId, parentOrigin: data.link.parentOrigin });
      return data.link;
    });
    exchanges.set(token, exchange);
  }
  return exchange;
}

/** Ends the link's journey on the server and answers where the host expects the customer back. */
export async function completeLink(): Promise<string> {
  return (await call(api.POST('/v1/kyc-links/complete'))).data.redirectUrl;
}

/**
 * Sends the customer back to the host: the `completed` event first (an embedding host may decide
 * itself), then the top window (iframe), the opener (popup, which then closes) or this window navigates
 * to the signed redirect URL. A browser may refuse the top navigation from a frame: the event remains.
 */
export function returnToHost(redirectUrl: string, fallbackStatus: string): void {
  // The status the host will verify is the one signed into the URL.
  const status = new URL(redirectUrl, window.location.href).searchParams.get('status') ?? fallbackStatus;
  postToHost({ type: 'pehchan:completed', status, redirectUrl });
  try {
    if (window.top && window.top !== window) {
      window.top.location.href = redirectUrl;
      return;
    }
    if (window.opener) {
      (window.opener as Window).location.href = redirectUrl;
      window.close();
      return;
    }
  } catch {
    // Not allowed to navigate the host: it has the completed event.
    return;
  }
  window.location.assign(redirectUrl);
}

/** The host's name for the button ("Return to shop.example"). */
export function hostName(context: LinkContext): string {
  return new URL(context.parentOrigin).host;
}
