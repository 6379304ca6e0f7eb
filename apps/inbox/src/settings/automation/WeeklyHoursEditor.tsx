import { useTranslation } from 'react-i18next';
import { errorsUnder, FieldError, type FieldErrors } from './form.js';
import { DAYS, overnight, rowKey, type HoursDraft } from './hours-model.js';
import { TimeInput } from './TimeInput.js';

type Weekly = HoursDraft['weekly'];

/** Day names in the agent's language, Monday first (2024-01-01 was a Monday). */
export function dayNames(locale: string): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return DAYS.map((d) => f.format(new Date(Date.UTC(2024, 0, d))));
}

/** Weekly opening hours: any number of intervals per day; a close at or before the open runs past midnight. */
export function WeeklyHoursEditor({ weekly, onChange, errors }: { weekly: Weekly; onChange: (w: Weekly) => void; errors: FieldErrors }) {
  const { t, i18n } = useTranslation();
  const names = dayNames(i18n.language);
  const set = (index: number, patch: Partial<Weekly[number]>) => onChange(weekly.map((w, i) => (i === index ? { ...w, ...patch } : w)));
  const copyToAll = (day: number) => {
    const source = weekly.filter((w) => w.day === day);
    onChange(DAYS.flatMap((d) => (d === day ? source : source.map((w) => ({ ...w, key: rowKey(), day: d })))));
  };

  return (
    <fieldset className="settings-group" data-testid="weekly-hours">
      <legend>{t('automation.hours.weekly')}</legend>
      <p className="muted field-help">{t('automation.hours.weeklyHelp')}</p>
      <FieldError id="weekly" messages={errors.weekly ?? []} />
      {DAYS.map((day) => {
        const rows = weekly.map((w, index) => ({ w, index })).filter((x) => x.w.day === day);
        const name = names[day - 1]!;
        return (
          <fieldset key={day} className="day-row" data-day={day} data-testid="day-row">
            <legend className="day-name">{name}</legend>
            <div className="day-intervals">
              {rows.length === 0 && <p className="muted day-closed">{t('automation.hours.closed')}</p>}
              {rows.map(({ w, index }) => {
                const key = `weekly[${index}]`;
                return (
                  <div key={w.key} className="interval" data-testid="interval">
                    <TimeInput label={t('automation.hours.opens')} value={w.open} onChange={(open) => set(index, { open })} messages={errorsUnder(errors, `${key}.open`)} testId="weekly-open" />
                    <TimeInput label={t('automation.hours.closes')} value={w.close} onChange={(close) => set(index, { close })} messages={errorsUnder(errors, `${key}.close`)} testId="weekly-close" />
                    {overnight(w.open, w.close) && <span className="tag" data-testid="next-day">{t('automation.hours.nextDay')}</span>}
                    <button type="button" className="btn btn-small btn-ghost" aria-label={t('automation.hours.removeInterval', { day: name, open: w.open, close: w.close })} onClick={() => onChange(weekly.filter((_, i) => i !== index))}>
                      {t('settings.delete')}
                    </button>
                    <FieldError id={key} messages={[...(errors[key] ?? []), ...(errors[`${key}.day`] ?? [])]} />
                  </div>
                );
              })}
            </div>
            <div className="row">
              <button type="button" className="btn btn-small" onClick={() => onChange([...weekly, { key: rowKey(), day, open: rows.at(-1)?.w.close ?? '09:00', close: rows.length ? '' : '18:00' }])} aria-label={t('automation.hours.addIntervalTo', { day: name })} data-testid="add-interval">
                {t('automation.hours.addInterval')}
              </button>
              {rows.length > 0 && (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => copyToAll(day)} aria-label={t('automation.hours.copyToAllOf', { day: name })} data-testid="copy-to-all">
                  {t('automation.hours.copyToAll')}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
    </fieldset>
  );
}
