import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextMeasure } from '../api/types.js';
import { useApp } from '../state/app.js';

/** SMS characters, segments and encoding from the hub (`POST inboxes/:id/measure`), debounced while typing. */
export function SmsCounter({ inboxId, text }: { inboxId: string; text: string }) {
  const { t } = useTranslation();
  const app = useApp();
  const [measure, setMeasure] = useState<TextMeasure | null>(null);
  useEffect(() => {
    if (!text) return setMeasure(null);
    let alive = true;
    const timer = setTimeout(() => {
      app.api.inboxes.measure(inboxId, text).then((m) => alive && setMeasure(m), () => undefined);
    }, 350);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [app, inboxId, text]);
  if (!measure || !text) return null;
  return (
    <span className={`sms-counter${measure.segments > 1 ? ' sms-multi' : ''}`} data-testid="sms-counter" aria-live="polite">
      {t('composer.sms', { count: measure.segments, characters: measure.characters, encoding: measure.encoding })}
    </span>
  );
}
