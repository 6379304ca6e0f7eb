import type { VisitorMessageView } from '@concierge/contracts';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { accentOnWhite, inkOn, validColor } from '../color.js';
import type { Chat, ChatState, Pending } from './chat.js';
import { Content } from './content.js';
import { formatTime, formatWhen } from './format.js';
import { t } from './i18n.js';

function useChat(chat: Chat): ChatState {
  const [state, setState] = useState(chat.state);
  useEffect(() => chat.subscribe(() => setState(chat.state)), [chat]);
  return state;
}

const FOCUSABLE = 'a[href],button:not([disabled]),textarea:not([disabled]),input:not([disabled]):not([type="hidden"]),[tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside the widget while it is open (the iframe would otherwise hand focus back to the page). */
function trapTab(event: KeyboardEvent, root: HTMLElement): void {
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden && el.offsetParent !== null && !el.closest('[hidden]'));
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !root.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !root.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

function PendingBubble({ p, connected, chat }: { p: Pending; connected: boolean; chat: Chat }) {
  const label = p.content.type === 'text' ? p.content.text : p.file?.name ?? t.file;
  let status: string;
  if (p.uploading) status = t.uploading(label);
  else if (p.failed && !p.failed.auto) status = `${t.failed} ${p.failed.message}`.trim();
  else if (!connected || p.failed) status = t.willRetry;
  else status = t.sending;
  return (
    <li class="cw-msg cw-in cw-pending" data-pending={p.clientMessageId}>
      <div class="cw-bubble">{p.content.type === 'text' ? <p class="cw-text">{label}</p> : <p class="cw-text"><span aria-hidden="true">📎 </span>{label}</p>}</div>
      <p class="cw-meta">
        {status}
        {p.failed && !p.failed.auto && (
          <>
            {' '}
            <button type="button" class="cw-link" onClick={() => chat.retry(p.clientMessageId)}>{t.retry}</button>
            {' · '}
            <button type="button" class="cw-link" onClick={() => chat.discard(p.clientMessageId)}>{t.remove}</button>
          </>
        )}
      </p>
    </li>
  );
}

function Message({ m, seen, showName, onChoose }: { m: VisitorMessageView; seen: boolean; showName: boolean; onChoose: (text: string) => void }) {
  if (m.content.type === 'activity') {
    return <li class="cw-activity"><Content content={m.content} onChoose={onChoose} /></li>;
  }
  const mine = m.direction === 'in';
  return (
    <li class={`cw-msg ${mine ? 'cw-in' : 'cw-out'}`} data-id={m.id}>
      {!mine && showName && m.sender.name && <p class="cw-name">{m.sender.name}</p>}
      <div class="cw-bubble">
        <Content content={m.content} onChoose={onChoose} />
      </div>
      <p class="cw-meta">
        <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
        {seen && <span class="cw-seen"> · {t.seen}</span>}
      </p>
    </li>
  );
}

export interface AppProps {
  chat: Chat;
  /** In the loader's iframe (a close button; Escape closes); standalone otherwise. */
  embedded: boolean;
  onClose: () => void;
  /** Changes whenever the panel is opened: focus goes to the composer. */
  focusKey: number;
}

export function App({ chat, embedded, onClose, focusKey }: AppProps) {
  const state = useChat(chat);
  const [draft, setDraft] = useState('');
  const [notice, setNotice] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const stick = useRef(true);

  const widget = state.widget;
  const color = validColor(widget?.color);
  const title = widget?.title ?? t.conversation;

  useEffect(() => {
    if (focusKey > 0) input.current?.focus();
  }, [focusKey]);

  useLayoutEffect(() => {
    const el = log.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [state.messages, state.pending, state.typing]);

  const connected = state.connection === 'connected';
  const readIndex = state.readUpToId ? state.messages.findIndex((m) => m.id === state.readUpToId) : -1;
  let seenId: string | null = null;
  for (let i = readIndex; i >= 0; i--) {
    if (state.messages[i]!.direction === 'in') {
      seenId = state.messages[i]!.id;
      break;
    }
  }

  const submit = (event?: Event) => {
    event?.preventDefault();
    if (!draft.trim()) return;
    chat.send(draft);
    setDraft('');
  };

  const pick = (event: Event) => {
    const target = event.currentTarget as HTMLInputElement;
    const chosen = target.files?.[0];
    target.value = '';
    if (!chosen) return;
    const max = widget?.maxUploadBytes ?? 16 * 1024 * 1024;
    if (chosen.size > max) {
      setNotice(t.tooLarge(String(Math.floor(max / 1024 / 1024))));
      return;
    }
    setNotice('');
    chat.sendFile(chosen);
  };

  let status = '';
  if (state.connection === 'connecting' || state.connection === 'idle') status = t.connecting;
  else if (state.connection === 'reconnecting') status = t.reconnecting;
  else if (state.connection === 'offline') status = t.offlineNetwork;
  else if (state.connection === 'refused') status = t.refused;
  else if (state.connection === 'unavailable') status = t.unavailable;

  const subtitle = state.online ? (widget?.replyTime ? t.replyTime[widget.replyTime] : t.online) : t.away;
  const canSend = state.connection !== 'refused';

  return (
    <div
      ref={root}
      class="cw"
      style={{ '--brand': color, '--brand-ink': inkOn(color), '--accent': accentOnWhite(color) }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && embedded) {
          e.preventDefault();
          onClose();
        } else if (e.key === 'Tab' && root.current) trapTab(e, root.current);
      }}
    >
      <header class="cw-head">
        <div class="cw-head-text">
          <h1 class="cw-title">{title}</h1>
          <p class="cw-sub">
            {state.online && <span class="cw-dot" aria-hidden="true" />}
            {subtitle}
          </p>
        </div>
        {state.connection === 'connected' && state.messages.length > 0 && (
          <button
            type="button"
            class="cw-close"
            aria-label={t.requestCall}
            title={t.requestCall}
            onClick={() => void chat.requestCall().then((r) => setNotice(r === 'requested' ? t.callRequested : r === 'later' ? t.callRequestLater : t.callRequestFailed))}
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
              <path d="M3 7h11a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm12 4l6-3.5v9L15 13" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
            </svg>
          </button>
        )}
        {embedded && (
          <button type="button" class="cw-close" aria-label={t.close} onClick={onClose}>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
              <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
          </button>
        )}
      </header>

      {!state.online && (
        <p class="cw-banner" role="status">
          {t.away} {state.nextOpenAt ? t.backAt(formatWhen(state.nextOpenAt)) : t.asap}
        </p>
      )}
      {status && <p class="cw-status" role="status">{status}</p>}

      <div
        ref={log}
        class="cw-log"
        role="log"
        aria-live="polite"
        aria-label={t.conversation}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget as HTMLDivElement;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
        }}
      >
        <ol class="cw-list">
          {widget?.greeting && (
            <li class="cw-msg cw-out cw-greeting">
              <div class="cw-bubble"><p class="cw-text">{widget.greeting}</p></div>
            </li>
          )}
          {state.messages.map((m, i) => {
            const prev = state.messages[i - 1];
            const showName = !prev || prev.direction !== m.direction || prev.sender.name !== m.sender.name;
            return <Message key={m.id} m={m} seen={m.id === seenId} showName={showName} onChoose={(text) => chat.send(text)} />;
          })}
          {state.pending.map((p) => <PendingBubble key={p.clientMessageId} p={p} connected={connected} chat={chat} />)}
        </ol>
        {state.historyFailed && <p class="cw-status">{t.historyFailed}</p>}
      </div>
      <p class="cw-typing" aria-live="polite">{state.typing ? t.typing(state.typing.name) : ''}</p>
      {notice && <p class="cw-notice" role="alert">{notice}</p>}

      <form class="cw-composer" onSubmit={submit}>
        <label class="cw-sr" for="cw-input">{t.yourMessage}</label>
        <input ref={file} type="file" class="cw-sr" tabIndex={-1} aria-hidden="true" accept="image/*,video/*,audio/*,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.csv,.zip" onChange={pick} />
        <button type="button" class="cw-icon" aria-label={t.attach} disabled={!canSend} onClick={() => file.current?.click()}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <path d="M20.5 11.5l-8.1 8.1a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
        </button>
        <textarea
          ref={input}
          id="cw-input"
          class="cw-input"
          rows={1}
          maxLength={4000}
          placeholder={t.placeholder}
          value={draft}
          disabled={!canSend}
          onInput={(e) => {
            setDraft((e.currentTarget as HTMLTextAreaElement).value);
            chat.typingInput();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
          }}
        />
        <button type="submit" class="cw-send" aria-label={t.send} disabled={!canSend || !draft.trim()}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M4 12l16-8-6 16-2.5-6.5z" fill="currentColor" />
          </svg>
        </button>
      </form>
    </div>
  );
}
