import { useEffect, useState } from 'react';

/**
 * The `#token=…` of an emailed link. The token stays in memory: it is removed from the address bar
 * (and so from the history) as soon as the page has read it.
 */
export function useHashToken(): string | undefined {
  const [token] = useState(() => {
    const value = new URLSearchParams(window.location.hash.slice(1)).get('token');
    return value ? value : undefined;
  });
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(
        window.history.state,
        '',
        window.location.pathname + window.location.search,
      );
    }
  }, []);
  return token;
}

/** The server refused the link's token itself (used, replaced, expired or malformed). */
export function isTokenRefusal(error: unknown): boolean {
  const problem = (error as { problem?: { errors?: { field: string }[] } } | null)?.problem;
  return problem?.errors?.some((item) => item.field === '/token') ?? false;
}
