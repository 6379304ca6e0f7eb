import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability, InboxView } from '../../api/types.js';
import { useApp } from '../../state/app.js';
import { AvailabilityLine } from './AvailabilityLine.js';
import { DatesEditor } from './DatesEditor.js';
import { ErrorSummary, useSubmit } from './form.js';
import { toBody, toDraft, type HoursDraft } from './hours-model.js';
import { WeeklyHoursEditor } from './WeeklyHoursEditor.js';
import { ZoneSelect } from './ZoneSelect.js';

/** `GET/PUT/DELETE inboxes/:id/business-hours`, with the live "open now / opens at" line. */
export function BusinessHoursEditor({ inbox }: { inbox: InboxView }) {
  const { t } = useTranslation();
  const app = useApp();
  const api = app.api.automation(inbox.id);
  const [draft, setDraft] = useState<HoursDraft | null>(null);
  const [configured, setConfigured] = useState(false);
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const submit = useSubmit();

  const refreshAvailability = useCallback(() => api.availability().then(setAvailability, () => setAvailability(null)), [inbox.id]);
  useEffect(() => {
    api.hours().then((view) => {
      setDraft(toDraft(view));
      setConfigured(view.configured);
    }, (e: Error) => setLoadError(e.message));
    void refreshAvailability();
  }, [inbox.id]);

  if (loadError) return <p className="form-error" role="alert">{loadError}</p>;
  if (!draft) return <p className="muted" role="status">{t('common.loading')}</p>;
  const patch = (p: Partial<HoursDraft>) => setDraft({ ...draft, ...p });

  async function save(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(async () => {
      const saved = await api.putHours(toBody(draft!));
      setConfigured(saved.configured);
    });
    if (ok) void refreshAvailability();
  }

  async function clear() {
    if (!window.confirm(t('automation.hours.confirmClear'))) return;
    const ok = await submit.run(() => api.clearHours());
    if (!ok) return;
    setDraft(toDraft(null));
    setConfigured(false);
    void refreshAvailability();
  }

  return (
    <form ref={submit.form} className="stack automation-form" onSubmit={save} noValidate data-testid="hours-form" aria-labelledby="hours-title">
      <div className="row-between">
        <h3 id="hours-title">{t('automation.tabs.hours')}</h3>
        <AvailabilityLine availability={availability} />
      </div>
      {!configured && <p className="notice" data-testid="hours-unset">{t('automation.hours.unset')}</p>}
      <ZoneSelect value={draft.timeZone} onChange={(timeZone) => patch({ timeZone })} messages={submit.errors.timeZone ?? []} />
      <WeeklyHoursEditor weekly={draft.weekly} onChange={(weekly) => patch({ weekly })} errors={submit.errors} />
      <DatesEditor draft={draft} onChange={patch} errors={submit.errors} />
      <ErrorSummary summary={submit.summary} errors={submit.errors} saved={submit.saved} />
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={submit.busy} data-testid="hours-save">{t('settings.save')}</button>
        {configured && <button type="button" className="btn btn-small btn-danger" onClick={() => void clear()} data-testid="hours-clear">{t('automation.hours.clear')}</button>}
      </div>
    </form>
  );
}
