import { useEffect, useState } from 'react';

const readToken = () => new URLSearchParams(window.location.hash.slice(1)).get('token') || undefined;

/**
 * The `#token=…` of an emailed link. The token stays in memory: it is removed from the address bar
 * (and so from the history) as soon as the page has read it. A link opened in the tab that already
 * shows the page changes only the fragment: it is read then.
 */
export function useHashToken(): string | undefined {
  const [token, setToken] = useState(readToken);
  useEffect(() => {
    const take = () => {
      const fresh = readToken();
      if (fresh) setToken(fresh);
      if (window.location.hash) {
        window.history.replaceState(
          window.history.state,
          '',
          window.location.pathname + window.location.search,
        );
      }
    };
    take();
    window.addEventListener('hashchange', take);
    return () => window.removeEventListener('hashchange', take);
  }, []);
  return token;
}

/** The server refused the link's token itself (used, replaced, expired or malformed). */
export function isTokenRefusal(error: unknown): boolean {
  const problem = (error as { problem?: { errors?: { field: string }[] } } | null)?.problem;
  return problem?.errors?.some((item) => item.field === '/token') ?? false;
}
