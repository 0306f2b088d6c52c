import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from '../../shared/src/components/ErrorBoundary';
import { onSessionChange } from '../../shared/src/api/session';
import { LocaleProvider } from '../../shared/src/i18n/i18n';
import { ProblemError } from '../../shared/src/lib/problems';
import '../../shared/src/styles.css';
import './styles/forms.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx will not change on retry; network trouble and 5xx get two more tries.
    queries: {
      retry: (count, error) => count < 2 && !(error instanceof ProblemError && error.problem.status < 500),
    },
    mutations: { retry: false },
  },
});

// Signing out (or a session that ended) forgets everything fetched for that customer: the next one
// to sign in on this device must not see it, nor save it as theirs.
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
