import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxView } from '../../api/types.js';
import { useApp } from '../../state/app.js';
import { toBody, toDraft, type AutomationDraft } from './automation-model.js';
import { ErrorSummary, useSubmit } from './form.js';
import { RepliesFields } from './RepliesFields.js';
import { RoutingFields } from './RoutingFields.js';
import { SlaFields } from './SlaFields.js';

/** `GET/PUT inboxes/:id/automation`: the whole settings object, saved at once. */
export function AutomationForm({ inbox }: { inbox: InboxView }) {
  const { t } = useTranslation();
  const app = useApp();
  const [draft, setDraft] = useState<AutomationDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const submit = useSubmit();

  useEffect(() => {
    app.api.automation(inbox.id).settings().then((s) => setDraft(toDraft(s)), (e: Error) => setLoadError(e.message));
    void app.directory.reload('teams');
  }, [app, inbox.id]);

  if (loadError) return <p className="form-error" role="alert">{loadError}</p>;
  if (!draft) return <p className="muted" role="status">{t('common.loading')}</p>;
  const patch = (p: Partial<AutomationDraft>) => setDraft({ ...draft, ...p });

  async function save(e: FormEvent) {
    e.preventDefault();
    await submit.run(async () => setDraft(toDraft(await app.api.automation(inbox.id).putSettings(toBody(draft!)))));
  }

  return (
    <form ref={submit.form} className="stack automation-form" onSubmit={save} noValidate data-testid="automation-form" aria-labelledby="automation-title">
      <h3 id="automation-title">{t('automation.tabs.automation')}</h3>
      <RepliesFields inbox={inbox} draft={draft} onChange={patch} errors={submit.errors} />
      <RoutingFields draft={draft} onChange={patch} errors={submit.errors} />
      <SlaFields draft={draft} onChange={patch} errors={submit.errors} />
      <ErrorSummary summary={submit.summary} errors={submit.errors} saved={submit.saved} />
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={submit.busy} data-testid="automation-save">{t('settings.save')}</button>
      </div>
    </form>
  );
}
