import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListFilter } from '../api/client.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';

const TABS = [['mine', 'me'], ['unassigned', 'unassigned'], ['all', 'all']] as const;
const STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'all'] as const;

export function ListFilters() {
  const { t } = useTranslation();
  const app = useApp();
  const filter = useStore(app.list.store, (s) => s.filter);
  const counts = useStore(app.list.store, (s) => s.counts);
  const inboxes = useStore(app.directory.store, (s) => s.inboxes);
  const labels = useStore(app.directory.store, (s) => s.labels);
  const [q, setQ] = useState(filter.q);
  const id = useId();

  // Search as the agent types, without a request per key.
  useEffect(() => {
    if (q === app.list.store.get().filter.q) return;
    const timer = setTimeout(() => app.list.setFilter({ q }), 300);
    return () => clearTimeout(timer);
  }, [app, q]);

  const set = (change: Partial<ListFilter>) => app.list.setFilter(change);
  return (
    <div className="list-filters">
      <div className="tabs" role="tablist" aria-label={t('list.assigneeTabs')}>
        {TABS.map(([tab, assignee]) => (
          <button
            key={tab}
            type="button"
            role="tab"
            className="tab"
            aria-selected={filter.assignee === assignee}
            onClick={() => set({ assignee })}
            data-testid={`tab-${tab}`}
          >
            {t(`list.tabs.${tab}`)}
            {counts && <span className="tab-count" data-testid={`count-${tab}`}>{counts[tab]}</span>}
          </button>
        ))}
      </div>
      <div className="search">
        <label htmlFor={`${id}-q`} className="visually-hidden">{t('list.search')}</label>
        <input id={`${id}-q`} type="search" placeholder={t('list.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="list-search" />
      </div>
      <div className="filter-row">
        <label className="field-inline">
          <span>{t('list.status')}</span>
          <select value={filter.status} onChange={(e) => set({ status: e.target.value as ListFilter['status'] })} data-testid="status-filter">
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('list.inbox')}</span>
          <select value={filter.inboxId ?? ''} onChange={(e) => set({ inboxId: e.target.value || null })} data-testid="inbox-filter">
            <option value="">{t('list.allInboxes')}</option>
            {inboxes.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
        </label>
        {labels.length > 0 && (
          <label className="field-inline">
            <span>{t('list.label')}</span>
            <select value={filter.labelId ?? ''} onChange={(e) => set({ labelId: e.target.value || null })} data-testid="label-filter">
              <option value="">{t('list.allLabels')}</option>
              {labels.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </select>
          </label>
        )}
      </div>
    </div>
  );
}
