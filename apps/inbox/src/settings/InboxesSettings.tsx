import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxView } from '../api/types.js';
import { useStore } from '../lib/store.js';
import { ChannelBadge } from '../list/ChannelBadge.js';
import { useApp } from '../state/app.js';
import { InboxDetails } from './InboxDetails.js';
import { InboxForm } from './InboxForm.js';

export function InboxesSettings() {
  const { t } = useTranslation();
  const app = useApp();
  const inboxes = useStore(app.directory.store, (s) => s.inboxes);
  useEffect(() => void app.directory.reload('inboxes'), [app]);
  const [view, setView] = useState<{ mode: 'list' } | { mode: 'new' } | { mode: 'edit' | 'show'; id: string; created?: InboxView }>({ mode: 'list' });

  if (view.mode === 'new') {
    return <InboxForm onDone={(created) => setView(created ? { mode: 'show', id: created.id, created } : { mode: 'list' })} />;
  }
  const selected = view.mode === 'list' ? undefined : inboxes.find((i) => i.id === view.id) ?? (view.mode === 'show' ? view.created : undefined);
  if (view.mode === 'edit' && selected) return <InboxForm inbox={selected} onDone={() => setView({ mode: 'show', id: selected.id })} />;
  if (view.mode === 'show' && selected) {
    return <InboxDetails inbox={selected} created={view.created} onBack={() => setView({ mode: 'list' })} onEdit={() => setView({ mode: 'edit', id: selected.id })} />;
  }
  return (
    <section className="settings-section" data-testid="inboxes-settings">
      <div className="row-between">
        <h2>{t('settings.sections.inboxes')}</h2>
        <button type="button" className="btn btn-primary btn-small" onClick={() => setView({ mode: 'new' })} data-testid="inbox-new">{t('inboxes.new')}</button>
      </div>
      <table className="settings-table">
        <thead>
          <tr>
            <th scope="col">{t('inboxes.name')}</th>
            <th scope="col">{t('inboxes.channel')}</th>
            <th scope="col">{t('inboxes.address')}</th>
            <th scope="col">{t('inboxes.status')}</th>
          </tr>
        </thead>
        <tbody>
          {inboxes.map((i) => (
            <tr key={i.id}>
              <td><button type="button" className="link-button" onClick={() => setView({ mode: 'show', id: i.id })} data-testid="inbox-open">{i.name}</button></td>
              <td><ChannelBadge channelType={i.channelType} withLabel /></td>
              <td>{i.address ?? '—'}</td>
              <td className={i.status === 'paused' ? 'text-warn' : undefined}>{t(`inboxes.statuses.${i.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
