import { useTranslation } from 'react-i18next';

/** "Free replies possible for 5 h 12 min" / "closed: send a template". */
export function WindowNotice({ remaining }: { remaining: number }) {
  const { t } = useTranslation();
  if (remaining <= 0) {
    return <p className="window-notice window-closed" role="status" data-testid="window-closed">{t('composer.windowClosed')}</p>;
  }
  const minutes = Math.ceil(remaining / 60_000);
  const hours = Math.floor(minutes / 60);
  return (
    <p className={`window-notice${minutes <= 60 ? ' window-soon' : ''}`} data-testid="window-open">
      {t('composer.windowOpen', { hours, minutes: minutes % 60 })}
    </p>
  );
}
