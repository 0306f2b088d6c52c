import type { ReactNode } from 'react';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { Link, useLocation } from 'wouter';
import { Button } from '../../../shared/src/components/fields';
import { LOCALES, defineMessages, useLocale, useT } from '../../../shared/src/i18n/i18n';
import type { Locale } from '../../../shared/src/i18n/i18n';
import type { ConsoleRoute, StaffRole } from '../routes';

const messages = defineMessages(
  {
    brand: 'Pehchan console',
    language: 'Language',
    skip: 'Skip to content',
    navigation: 'Console',
    signOut: 'Sign out',
    reviewer: 'Reviewer',
    admin: 'Admin',
    en: 'English',
    hi: 'हिन्दी',
  },
  {
    brand: 'पहचान कंसोल',
    language: 'भाषा',
    skip: 'मुख्य सामग्री पर जाएँ',
    navigation: 'कंसोल',
    signOut: 'साइन आउट',
    reviewer: 'समीक्षक',
    admin: 'एडमिन',
    en: 'English',
    hi: 'हिन्दी',
  },
);

/** The pattern's own page or one below it: the queue is current on / only, Staff on /admin/staff/…. */
function isCurrent(pattern: string, location: string): boolean {
  if (pattern === '/') return location === '/';
  return location === pattern || location.startsWith(`${pattern}/`);
}

export function LanguageSwitch() {
  const t = useT(messages);
  const { locale, setLocale } = useLocale();
  return (
    <ToggleButtonGroup
      aria-label={t('language')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[locale]}
      onSelectionChange={(keys) => {
        const next = [...keys][0];
        if (next) setLocale(next as Locale);
      }}
      className="language-switch"
    >
      {LOCALES.map((code) => (
        <ToggleButton key={code} id={code} className="language-option" lang={code}>
          {t(code)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

/** The console's frame: brand, the role's navigation, language and sign-out. */
export function ConsoleLayout({
  children,
  role,
  routes = [],
  onSignOut,
}: {
  children: ReactNode;
  role?: StaffRole;
  routes?: ConsoleRoute[];
  onSignOut?: () => void;
}) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [location] = useLocation();
  const entries = routes.filter((route) => route.nav);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="top-bar console-bar">
        <span className="brand">{t('brand')}</span>
        {entries.length > 0 && (
          <nav aria-label={t('navigation')} className="console-nav">
            <ul>
              {entries.map((route) => (
                <li key={route.path}>
                  <Link href={route.path} aria-current={isCurrent(route.path, location) ? 'page' : undefined}>
                    {route.nav?.[locale]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="console-actions">
          {role && <span className="role-badge">{t(role)}</span>}
          <LanguageSwitch />
          {onSignOut && (
            <Button variant="secondary" onPress={onSignOut}>
              {t('signOut')}
            </Button>
          )}
        </div>
      </header>
      <main id="main" className="page console-page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
