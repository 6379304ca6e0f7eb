import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { prefs, setPref } from '../lib/prefs.js';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LOCALES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;

export async function initI18n(): Promise<void> {
  const lng = LOCALES.some((l) => l.code === prefs.get().locale) ? prefs.get().locale : 'en';
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng,
    fallbackLng: 'en',
    // React escapes text itself; i18next must not (and never produces HTML here).
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export function changeLocale(code: string): void {
  setPref('locale', code);
  void i18next.changeLanguage(code);
  document.documentElement.lang = code;
}

export { i18next };
