import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-label={t('settings.copyLabel', { what: label })}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        }, () => undefined);
      }}
    >
      {done ? t('settings.copied') : t('settings.copy')}
    </button>
  );
}

/** A read-only value with a copy button (webhook URLs, website token, embed snippet). */
export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  return (
    <div className="copy-field">
      <span className="copy-label">{label}</span>
      {multiline ? <pre className="copy-value">{value}</pre> : <code className="copy-value">{value}</code>}
      <CopyButton value={value} label={label} />
    </div>
  );
}
