import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onSessionChange } from '../../shared/src/api/session';
import { ErrorBoundary } from '../../shared/src/components/ErrorBoundary';
import { LocaleProvider } from '../../shared/src/i18n/i18n';
import { ProblemError } from '../../shared/src/lib/problems';
import { App } from './App';
import '../../shared/src/styles.css';
import './console.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx will not change on retry; network trouble and 5xx get two more tries.
    queries: {
      retry: (count, error) => count < 2 && !(error instanceof ProblemError && error.problem.status < 500),
    },
    mutations: { retry: false },
  },
});

// Signing out (or a session that ended) forgets every case fetched: the next person at this desk sees none.
onSessionChange((signedIn) => {
  if (!signedIn) queryClient.clear();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
