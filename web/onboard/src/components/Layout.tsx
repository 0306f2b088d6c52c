import type { ReactNode } from 'react';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { LOCALES, defineMessages, useLocale, useT } from '../../../shared/src/i18n/i18n';
import type { Locale } from '../../../shared/src/i18n/i18n';

const messages = defineMessages(
  {
    brand: 'Pehchan KYC',
    language: 'Language',
    skip: 'Skip to content',
    en: 'English',
    hi: 'हिन्दी',
  },
  {
    brand: 'पहचान KYC',
    language: 'भाषा',
    skip: 'मुख्य सामग्री पर जाएँ',
    en: 'English',
    hi: 'हिन्दी',
  },
);

export function Layout({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const t = useT(messages);
  const { locale, setLocale } = useLocale();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="top-bar">
        <span className="brand">{t('brand')}</span>
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
        {actions}
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
