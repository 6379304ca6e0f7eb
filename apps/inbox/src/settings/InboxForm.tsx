import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxView } from '../api/types.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { CHANNEL_FIELDS, CHANNEL_TYPES, channelPayload, channelValues } from './channel-fields.js';
import { ChannelFieldInput } from './ChannelFieldInput.js';

/** Create an inbox of any channel type, or edit one (secrets are write-only: blank keeps the stored value). */
export function InboxForm({ inbox, onDone }: { inbox?: InboxView; onDone: (created?: InboxView) => void }) {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const agents = useStore(app.directory.store, (s) => s.agents).filter((a) => a.role === 'agent');
  const [type, setType] = useState<string>(inbox?.channelType ?? 'webchat');
  const [name, setName] = useState(inbox?.name ?? '');
  const [values, setValues] = useState<Record<string, string | boolean>>(() => (inbox ? channelValues(inbox.channelType, inbox.channel) : {}));
  const [agentIds, setAgentIds] = useState<string[]>(inbox?.agentIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const channel = channelPayload(type, values, !inbox);
      if (inbox) {
        await app.api.inboxes.update(inbox.id, { name: name.trim(), channel, agentIds });
        await app.directory.reload('inboxes');
        onDone();
      } else {
        const created = await app.api.inboxes.create({ name: name.trim(), channel, agentIds });
        await app.directory.reload('inboxes');
        onDone(created);
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="settings-section stack settings-form" onSubmit={submit} data-testid="inbox-form">
      <h2>{inbox ? t('inboxes.edit', { name: inbox.name }) : t('inboxes.new')}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('inboxes.name')}</label>
        <input id={`${id}-name`} required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} data-testid="inbox-name" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('inboxes.channel')}</label>
        <select id={`${id}-type`} value={type} disabled={!!inbox} onChange={(e) => { setType(e.target.value); setValues({}); }} data-testid="inbox-type">
          {CHANNEL_TYPES.map((c) => <option key={c} value={c}>{t(`channels.${c}`)}</option>)}
        </select>
      </div>
      {(CHANNEL_FIELDS[type] ?? []).map((field) => (
        <ChannelFieldInput key={`${type}-${field.key}`} field={field} editing={!!inbox} value={values[field.key]} onChange={(v) => setValues({ ...values, [field.key]: v })} />
      ))}
      {agents.length > 0 && (
        <fieldset className="field">
          <legend>{t('inboxes.members')}</legend>
          <p className="muted">{t('inboxes.membersHelp')}</p>
          {agents.map((a) => (
            <label key={a.id} className="checkbox">
              <input type="checkbox" checked={agentIds.includes(a.id)} onChange={(e) => setAgentIds(e.target.checked ? [...agentIds, a.id] : agentIds.filter((x) => x !== a.id))} />
              {a.name}
            </label>
          ))}
        </fieldset>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy} data-testid="inbox-save">{t('settings.save')}</button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => onDone()}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
