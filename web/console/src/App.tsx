import { Suspense } from 'react';
import { Route, Router, Switch, useRoute } from 'wouter';
import { Button } from '../../shared/src/components/fields';
import { defineMessages, useT } from '../../shared/src/i18n/i18n';
import { ConsoleLayout } from './components/ConsoleLayout';
import { AcceptInvite } from './pages/AcceptInvite';
import { SignIn } from './pages/SignIn';
import { routesFor } from './routes';
import { signOut, useStaffSession } from './staff-session';

const messages = defineMessages(
  {
    loading: 'Loading…',
    signOut: 'Sign out',
    staffOnlyTitle: 'Staff only',
    staffOnly:
      'You are signed in with a customer account. The console is for reviewers and admins: sign out, then sign in with your staff account.',
    notFoundTitle: 'Page not found',
    notFound: 'There is no such page in the console, or your role cannot open it.',
  },
  {
    loading: 'लोड हो रहा है…',
    signOut: 'साइन आउट',
    staffOnlyTitle: 'केवल स्टाफ़',
    staffOnly:
      'आप ग्राहक खाते से साइन इन हैं। कंसोल समीक्षकों और एडमिन के लिए है: साइन आउट करें, फिर अपने स्टाफ़ खाते से साइन इन करें।',
    notFoundTitle: 'पेज नहीं मिला',
    notFound: 'कंसोल में ऐसा कोई पेज नहीं है, या आपकी भूमिका इसे नहीं खोल सकती।',
  },
);

function Loading() {
  const t = useT(messages);
  return <p role="status">{t('loading')}</p>;
}

function Pages() {
  const t = useT(messages);
  const session = useStaffSession();
  // The invitation link is opened by someone who has no account yet: it needs no session.
  const [invitation] = useRoute('/accept-invite');
  if (invitation)
    return (
      <ConsoleLayout>
        <AcceptInvite />
      </ConsoleLayout>
    );
  if (session.state === 'loading')
    return (
      <ConsoleLayout>
        <Loading />
      </ConsoleLayout>
    );
  if (session.state === 'signed-out')
    return (
      <ConsoleLayout>
        <SignIn />
      </ConsoleLayout>
    );
  if (session.state === 'customer')
    return (
      <ConsoleLayout>
        <div className="card narrow" role="alert">
          <h1>{t('staffOnlyTitle')}</h1>
          <p>{t('staffOnly')}</p>
          <Button onPress={signOut}>{t('signOut')}</Button>
        </div>
      </ConsoleLayout>
    );
  const routes = routesFor(session.role);
  return (
    <ConsoleLayout role={session.role} routes={routes} onSignOut={signOut}>
      <Suspense fallback={<Loading />}>
        <Switch>
          {routes.map(({ path, page: Page }) => (
            <Route key={path} path={path}>
              {(params) => <Page params={params} />}
            </Route>
          ))}
          <Route>
            <div className="card">
              <h1>{t('notFoundTitle')}</h1>
              <p>{t('notFound')}</p>
            </div>
          </Route>
        </Switch>
      </Suspense>
    </ConsoleLayout>
  );
}

export function App() {
  return (
    <Router base="/console">
      <Pages />
    </Router>
  );
}
