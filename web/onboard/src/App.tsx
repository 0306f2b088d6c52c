import { useEffect, useState } from 'react';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { api } from '../../shared/src/api/client';
import {
  endSession,
  isSignedIn,
  mayHaveSession,
  onSessionChange,
  refreshSession,
} from '../../shared/src/api/session';
import { Button } from '../../shared/src/components/fields';
import { Layout } from './components/Layout';
import { useT } from '../../shared/src/i18n/i18n';
import { JourneyPage } from './journey/JourneyPage';
import { journeyMessages } from './journey/messages';
import { LinkLanding } from './link/LinkLanding';
import { useHostStepEvents } from './link/useHostStepEvents';
import { AccountClosed } from './pages/AccountClosed';
import { MyDataPage } from './pages/MyDataPage';
import { ResetPassword } from './pages/ResetPassword';
import { SignIn } from './pages/SignIn';
import { SignUp } from './pages/SignUp';
import { StatusPage } from './pages/StatusPage';
import { VerifyEmail } from './pages/VerifyEmail';

/** Pages open to everyone; the rest need a session and send a signed-out visitor to sign in. */
const PUBLIC_PATHS = ['/', '/signup', '/link', '/verify-email', '/reset-password', '/account-closed'];

function useSignedIn(): boolean | undefined {
  const [signedIn, setSignedIn] = useState<boolean | undefined>(
    isSignedIn() ? true : mayHaveSession() ? undefined : false,
  );
  useEffect(() => {
    const unsubscribe = onSessionChange(setSignedIn);
    // A reload, or the way back from DigiLocker: the refresh cookie restores the session.
    if (!isSignedIn() && mayHaveSession()) void refreshSession().then(setSignedIn);
    return unsubscribe;
  }, []);
  return signedIn;
}

function Routes() {
  const t = useT(journeyMessages);
  const signedIn = useSignedIn();
  const [location, navigate] = useLocation();
  const isPublic = PUBLIC_PATHS.includes(location);
  useHostStepEvents();

  useEffect(() => {
    if (signedIn === false && !isPublic) navigate('/', { replace: true });
    if (signedIn === true && (location === '/' || location === '/signup'))
      navigate('/steps/', { replace: true });
  }, [signedIn, isPublic, location, navigate]);

  if (signedIn === undefined) {
    return (
      <Layout>
        <p role="status">{t('loading')}</p>
      </Layout>
    );
  }
  const accountActions = signedIn ? (
    <>
      <Link
        href="/my-data"
        className="top-bar-link"
        aria-current={location === '/my-data' ? 'page' : undefined}
      >
        {t('myData')}
      </Link>
      <Button
        variant="secondary"
        onPress={() => {
          void api
            .POST('/v1/auth/logout')
            .catch(() => undefined)
            .finally(endSession);
        }}
      >
        {t('signOut')}
      </Button>
    </>
  ) : undefined;
  return (
    <Layout actions={accountActions}>
      <Switch>
        <Route path="/">{signedIn ? null : <SignIn />}</Route>
        <Route path="/signup">{signedIn ? null : <SignUp />}</Route>
        <Route path="/steps/:step?">
          {(params) => (signedIn ? <JourneyPage step={params.step ?? ''} /> : null)}
        </Route>
        <Route path="/status">{signedIn ? <StatusPage /> : null}</Route>
        <Route path="/my-data">{signedIn ? <MyDataPage /> : null}</Route>
        <Route path="/account-closed">{signedIn ? null : <AccountClosed />}</Route>
        <Route path="/link">
          <LinkLanding />
        </Route>
        <Route path="/verify-email">
          <VerifyEmail />
        </Route>
        <Route path="/reset-password">
          <ResetPassword />
        </Route>
      </Switch>
    </Layout>
  );
}

export function App() {
  return (
    <Router base="/onboard">
      <Routes />
    </Router>
  );
}
