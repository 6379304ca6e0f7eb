import { Fragment, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { MessageBubble } from './MessageBubble.js';
import { PendingBubble } from './PendingBubble.js';

/** The message log: stays pinned to the bottom while new messages arrive, loads older ones on scroll up. */
export function MessageLog() {
  const { t } = useTranslation();
  const app = useApp();
  const s = useStore(app.thread.store);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const dividerTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const conversationId = s.conversation?.id;

  useEffect(() => {
    stick.current = true;
    return () => {
      if (dividerTimer.current) clearTimeout(dividerTimer.current);
      dividerTimer.current = null;
    };
  }, [conversationId]);

  // Keep the reader's place when older messages are prepended; follow the bottom otherwise.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (anchor.current) {
      el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = null;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [s.messages, s.pending, s.loading]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 64;
    if (el.scrollTop < 120 && s.olderCursor && !s.loadingOlder && !s.loading) {
      anchor.current = { height: el.scrollHeight, top: el.scrollTop };
      void app.thread.loadOlder();
    }
    // Read to the bottom: the "new messages" line goes away after a moment.
    if (stick.current && s.dividerId && document.hasFocus() && !dividerTimer.current) {
      dividerTimer.current = setTimeout(() => {
        dividerTimer.current = null;
        app.thread.clearDivider();
      }, 4000);
    }
  };

  return (
    <div className="thread-scroll" ref={scroller} onScroll={onScroll} data-testid="thread-scroll">
      {s.olderCursor && (
        <button type="button" className="btn btn-ghost btn-small load-older" disabled={s.loadingOlder} onClick={() => {
          const el = scroller.current;
          if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
          void app.thread.loadOlder();
        }}>
          {s.loadingOlder ? t('common.loading') : t('thread.loadOlder')}
        </button>
      )}
      <div className="thread-log" role="log" aria-live="polite" aria-label={t('thread.messages')} aria-busy={s.loading} data-testid="thread-log" tabIndex={0}>
        {s.loading && <p className="muted" role="status">{t('common.loading')}</p>}
        {s.messages.map((m) => (
          <Fragment key={m.id}>
            {m.id === s.dividerId && (
              <div className="new-divider" data-testid="new-divider"><span>{t('thread.newMessages')}</span></div>
            )}
            <MessageBubble message={m} contact={s.conversation?.contact} />
          </Fragment>
        ))}
        {s.pending.map((p) => <PendingBubble key={p.clientMessageId} pending={p} />)}
      </div>
    </div>
  );
}
