import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageTemplate } from '../api/types.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { CrudSection, type CrudApi } from './CrudSection.js';

/** Provider-approved WhatsApp templates, per inbox. */
export function TemplatesSettings() {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const inboxes = useStore(app.directory.store, (s) => s.inboxes);
  const candidates = inboxes.filter((i) => i.channelType !== 'webchat');
  const [inboxId, setInboxId] = useState(candidates[0]?.id ?? '');
  const api = useMemo(() => (inboxId ? (app.api.inboxes.templates(inboxId) as unknown as CrudApi<MessageTemplate>) : null), [app, inboxId]);
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={id}>{t('templates.inbox')}</label>
        <select id={id} value={inboxId} onChange={(e) => setInboxId(e.target.value)} data-testid="templates-inbox">
          {candidates.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
        </select>
      </div>
      {api ? (
        <CrudSection<MessageTemplate>
          key={inboxId}
          title={t('settings.sections.templates')}
          testId="templates-settings"
          api={api}
          headers={[t('templates.name'), t('templates.language'), t('templates.body')]}
          cells={(x) => [x.name, x.language, x.body]}
          fields={[
            { key: 'name', label: t('templates.name'), required: true, placeholder: 'order_update' },
            { key: 'language', label: t('templates.language'), required: true, placeholder: 'en_US' },
            { key: 'body', label: t('templates.body'), kind: 'textarea', required: true, placeholder: 'Hi {{1}}, your order {{2}} has shipped.' },
            { key: 'providerTemplateId', label: t('templates.providerId'), placeholder: 'HX…' },
          ]}
        />
      ) : (
        <p className="muted">{t('templates.noInbox')}</p>
      )}
    </div>
  );
}
