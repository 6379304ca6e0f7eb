import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { goConversation, route } from '../lib/route.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { ConversationRow } from './ConversationRow.js';
import { ListFilters } from './ListFilters.js';

const ROW_HEIGHT = 76;

/** The conversation list pane: filters, then a virtualised list (only the visible rows are in the DOM). */
export function ConversationList() {
  const { t } = useTranslation();
  const app = useApp();
  const { items, loading, loadingMore, nextCursor, error, unread, slas } = useStore(app.list.store);
  const inboxes = useStore(app.directory.store, (s) => s.inboxes);
  const current = useStore(route);
  const selectedId = current.name === 'inbox' ? current.conversationId : null;
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? -1;

  // Infinite scroll: the keyset cursor fetches the next page when the end comes into view.
  useEffect(() => {
    if (nextCursor && !loading && !loadingMore && lastIndex >= items.length - 10) void app.list.loadMore();
  }, [app, lastIndex, items.length, nextCursor, loading, loadingMore]);

  // Alt+J / Alt+K keep the selected row in view.
  useEffect(() => {
    if (!selectedId) return;
    const index = items.findIndex((c) => c.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId]);

  const inboxById = new Map(inboxes.map((i) => [i.id, i]));
  return (
    <nav className="list-pane" aria-label={t('list.title')}>
      <h2 className="visually-hidden">{t('list.title')}</h2>
      <ListFilters />
      {error && <p className="form-error" role="alert">{error}</p>}
      <div ref={scroller} className="list-scroll" data-testid="conversation-scroll" aria-busy={loading}>
        {!loading && items.length === 0 && <p className="list-empty">{t('list.empty')}</p>}
        <ul className="conversation-list" style={{ height: virtualizer.getTotalSize() }} aria-label={t('list.title')} data-testid="conversation-list">
          {virtualItems.map((v) => {
            const c = items[v.index]!;
            return (
              <li
                key={v.key}
                className="conversation-slot"
                style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                aria-setsize={nextCursor ? -1 : items.length}
                aria-posinset={v.index + 1}
              >
                <ConversationRow
                  conversation={c}
                  inbox={inboxById.get(c.inboxId)}
                  selected={c.id === selectedId}
                  unread={unread[c.id] ?? 0}
                  sla={slas[c.id]}
                  mine={c.assignee?.id === app.me.id}
                  onSelect={goConversation}
                />
              </li>
            );
          })}
        </ul>
        {(loading || loadingMore) && <p className="list-loading" role="status">{t('common.loading')}</p>}
      </div>
    </nav>
  );
}
