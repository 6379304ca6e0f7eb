import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLocale, LOCALES } from '../i18n/index.js';

export function LocaleSwitcher({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={compact ? 'locale locale-compact' : 'locale'}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>{t('locale.label')}</label>
      <select id={id} value={i18n.language} onChange={(e) => changeLocale(e.target.value)} data-testid="locale">
        {LOCALES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>{l.label}</option>
        ))}
      </select>
    </div>
  );
}
