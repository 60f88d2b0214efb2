/** The current language for the whole app: French by default, remembered in the browser, mirrored in <html lang>. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translator, type Lang, type Translate } from './translate.js';

const STORAGE_KEY = 'paraphe.lang';

interface I18n {
  readonly lang: Lang;
  readonly t: Translate;
  setLang(lang: Lang): void;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr'; // storage disabled (private mode): French, the default, is the documented fallback
  }
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const value = useMemo<I18n>(
    () => ({
      lang,
      t: translator(lang),
      setLang(next) {
        setLangState(next);
        try {
          window.localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // not remembered across visits; the switch still applies to this page
        }
      },
    }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
