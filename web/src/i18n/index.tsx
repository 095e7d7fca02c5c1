import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import zhCN from './zh-CN.json';
import en from './en.json';

/** A key of the message dictionaries; zh-CN is the reference that defines the keys. */
export type MessageKey = keyof typeof zhCN;

/** The languages of the UI, zh-CN first. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'casebook.language';

/** Values substituted into `{name}` placeholders of a message. */
export type MessageValues = Record<string, string | number>;

/** The language context as components read it. */
export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** Returns the message for `key` in the current language with `{name}` placeholders filled. */
  t(key: MessageKey, values?: MessageValues): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

function fill(template: string, values?: MessageValues): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/** Provides the current language and its messages to the app. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = DICTIONARIES[language];
    return {
      language,
      setLanguage,
      t: (key, values) => fill(messages[key] ?? zhCN[key] ?? key, values),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Returns the language context; components must sit inside {@link I18nProvider}. */
export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n was called outside <I18nProvider>.');
  return context;
}
