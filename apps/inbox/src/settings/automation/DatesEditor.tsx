import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsUnder, FieldError, invalid, type FieldErrors } from './form.js';
import { overnight, rowKey, type HoursDraft } from './hours-model.js';
import { TimeInput } from './TimeInput.js';

function DateInput({ label, value, onChange, messages, testId }: { label: string; value: string; onChange: (v: string) => void; messages: string[]; testId: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} {...invalid(messages, id)} />
      <FieldError id={id} messages={messages} />
    </div>
  );
}

function NameInput({ label, value, onChange, messages }: { label: string; value: string; onChange: (v: string) => void; messages: string[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" maxLength={120} value={value} onChange={(e) => onChange(e.target.value)} data-testid="holiday-name" {...invalid(messages, id)} />
      <FieldError id={id} messages={messages} />
    </div>
  );
}

/** Holidays (closed all day) and special dates (other hours, or closed) on top of the weekly hours. */
export function DatesEditor({ draft, onChange, errors }: { draft: HoursDraft; onChange: (d: Partial<HoursDraft>) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const { holidays, specialDates } = draft;
  const setHoliday = (index: number, patch: Partial<HoursDraft['holidays'][number]>) => onChange({ holidays: holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  const setSpecial = (index: number, patch: Partial<HoursDraft['specialDates'][number]>) => onChange({ specialDates: specialDates.map((s, i) => (i === index ? { ...s, ...patch } : s)) });

  return (
    <>
      <fieldset className="settings-group" data-testid="holidays">
        <legend>{t('automation.hours.holidays')}</legend>
        {holidays.length === 0 && <p className="muted">{t('automation.hours.noHolidays')}</p>}
        {holidays.map((h, i) => (
          <div key={h.key} className="interval" data-testid="holiday-row">
            <DateInput label={t('automation.hours.date')} value={h.date} onChange={(date) => setHoliday(i, { date })} messages={errorsUnder(errors, `holidays[${i}].date`)} testId="holiday-date" />
            <NameInput label={t('automation.hours.holidayName')} value={h.name} onChange={(name) => setHoliday(i, { name })} messages={errorsUnder(errors, `holidays[${i}].name`)} />
            <button type="button" className="btn btn-small btn-ghost" aria-label={t('automation.hours.removeDate', { date: h.date || '—' })} onClick={() => onChange({ holidays: holidays.filter((_, x) => x !== i) })}>{t('settings.delete')}</button>
            <FieldError id={`holidays-${i}`} messages={errors[`holidays[${i}]`] ?? []} />
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => onChange({ holidays: [...holidays, { key: rowKey(), date: '', name: '' }] })} data-testid="add-holiday">
          {t('automation.hours.addHoliday')}
        </button>
      </fieldset>

      <fieldset className="settings-group" data-testid="special-dates">
        <legend>{t('automation.hours.specialDates')}</legend>
        <p className="muted field-help">{t('automation.hours.specialHelp')}</p>
        {specialDates.map((s, i) => (
          <div key={s.key} className="interval" data-testid="special-row">
            <DateInput label={t('automation.hours.date')} value={s.date} onChange={(date) => setSpecial(i, { date })} messages={errorsUnder(errors, `specialDates[${i}].date`)} testId="special-date" />
            <label className="checkbox">
              <input type="checkbox" checked={s.closed} onChange={(e) => setSpecial(i, { closed: e.target.checked })} data-testid="special-closed" />
              {t('automation.hours.closedAllDay')}
            </label>
            {!s.closed && (
              <>
                <TimeInput label={t('automation.hours.opens')} value={s.open} onChange={(open) => setSpecial(i, { open })} messages={errorsUnder(errors, `specialDates[${i}].open`)} testId="special-open" />
                <TimeInput label={t('automation.hours.closes')} value={s.close} onChange={(close) => setSpecial(i, { close })} messages={errorsUnder(errors, `specialDates[${i}].close`)} testId="special-close" />
                {overnight(s.open, s.close) && <span className="tag" data-testid="next-day">{t('automation.hours.nextDay')}</span>}
              </>
            )}
            <button type="button" className="btn btn-small btn-ghost" aria-label={t('automation.hours.removeDate', { date: s.date || '—' })} onClick={() => onChange({ specialDates: specialDates.filter((_, x) => x !== i) })}>{t('settings.delete')}</button>
            <FieldError id={`special-${i}`} messages={[...(errors[`specialDates[${i}]`] ?? []), ...(errors[`specialDates[${i}].closed`] ?? [])]} />
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => onChange({ specialDates: [...specialDates, { key: rowKey(), date: '', closed: false, open: '09:00', close: '18:00' }] })} data-testid="add-special">
          {t('automation.hours.addSpecial')}
        </button>
      </fieldset>
    </>
  );
}
