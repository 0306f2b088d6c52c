import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { I18nProvider } from 'react-aria-components';

export const LOCALES = ['en', 'hi'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A component's strings in every locale. Hindi must have exactly the English keys: a missing
 * translation is a type error, not a blank on screen.
 */
export interface Messages<K extends string> {
  en: Record<K, string>;
  hi: Record<K, string>;
}

export function defineMessages<const E extends Record<string, string>>(
  en: E,
  hi: { [K in keyof E]: string },
): Messages<keyof E & string> {
  return { en, hi };
}

const STORAGE_KEY = 'pehchan.locale';

function initialLocale(): Locale {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'hi') return stored;
  return navigator.language.toLowerCase().startsWith('hi') ? 'hi' : 'en';
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | undefined>(undefined);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <I18nProvider locale={locale === 'hi' ? 'hi-IN' : 'en-IN'}>{children}</I18nProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

export type Translate<K extends string> = (key: K, values?: Record<string, string | number>) => string;

/** Fills each `{name}` of a message with `values[name]`; one without a value stays as it is. */
export function fill(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));
}

/** `t('greeting', { name })` fills `{name}` in the current locale's string. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { locale } = useLocale();
  return useCallback((key, values) => fill(messages[locale][key], values), [locale, messages]);
}
