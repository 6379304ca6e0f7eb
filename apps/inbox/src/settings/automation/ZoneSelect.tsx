import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchZones, timeZones } from './hours-model.js';
import { FieldError, invalid } from './form.js';

function localTime(zone: string, locale: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(now);
  } catch {
    return '';
  }
}

/** IANA time zone: a search box narrows the select (the chosen zone always stays in it). */
export function ZoneSelect({ value, onChange, messages }: { value: string; onChange: (zone: string) => void; messages: string[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const all = useMemo(() => timeZones(value), [value]);
  const found = useMemo(() => searchZones(all, query), [all, query]);
  const options = found.includes(value) ? found : [value, ...found];

  function search(q: string) {
    setQuery(q);
    // Narrowed to one zone: that is the one meant.
    const hits = searchZones(all, q);
    if (q.trim() && hits.length === 1 && hits[0] !== value) onChange(hits[0]!);
  }

  return (
    <div className="zone-select" role="group" aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`} className="field-legend">{t('automation.hours.timeZone')}</p>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('automation.hours.zoneSearch')}</label>
          <input id={`${id}-q`} type="search" value={query} onChange={(e) => search(e.target.value)} placeholder={t('automation.hours.zoneSearchPlaceholder')} autoComplete="off" data-testid="zone-search" aria-controls={`${id}-s`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>{t('automation.hours.zone')}</label>
          <select id={`${id}-s`} value={value} onChange={(e) => onChange(e.target.value)} data-testid="zone-select" {...invalid(messages, `${id}-s`)}>
            {options.map((z) => <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>)}
          </select>
        </div>
      </div>
      <p className="muted field-help">
        <span aria-live="polite">{query.trim() ? t('automation.hours.zoneMatches', { count: found.length }) : ''}</span>
        {query.trim() ? ' · ' : ''}
        {t('automation.hours.localTime', { time: localTime(value, i18n.language, now) })}
      </p>
      <FieldError id={`${id}-s`} messages={messages} />
    </div>
  );
}
