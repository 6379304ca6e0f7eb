import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { AttachButton } from './AttachButton.js';
import { getDraft, setDraft } from './drafts.js';
import { ProductPicker } from './ProductPicker.js';
import { cannedItems, fillCanned, findToken, mentionItems, mentionsIn, replaceToken, type PickerItem, type PickerToken } from './picker.js';
import { SmsCounter } from './SmsCounter.js';
import { SuggestionList } from './SuggestionList.js';
import { TemplatePicker } from './TemplatePicker.js';
import { useWindowRemaining } from './window.js';
import { WindowNotice } from './WindowNotice.js';

/** Reply / private note: Enter sends, Shift+Enter breaks the line, `@` mentions (notes), `/` canned responses. */
export function Composer({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const mode = useStore(app.ui, (s) => s.composerMode);
  const focusSignal = useStore(app.ui, (s) => s.composerFocus);
  const { agents, canned } = useStore(app.directory.store);
  const inbox = useStore(app.directory.store, (s) => s.inboxes.find((i) => i.id === c.inboxId));
  const refused = useStore(app.thread.store, (s) => s.windowClosed);
  const [text, setText] = useState(() => getDraft(c.id));
  const [token, setToken] = useState<PickerToken | null>(null);
  const [active, setActive] = useState(0);
  const mentions = useRef(new Map<string, string>());
  const input = useRef<HTMLTextAreaElement>(null);
  /** Where the caret goes after a picked suggestion, applied right after React writes the value. */
  const pendingCaret = useRef<number | null>(null);
  const note = mode === 'note';
  const remaining = useWindowRemaining(c, inbox, refused);
  const templatesOnly = !note && remaining === 0;

  useEffect(() => {
    if (focusSignal) input.current?.focus();
  }, [focusSignal]);
  useEffect(() => () => app.typing.stop(), [app]);
  useLayoutEffect(() => {
    const el = input.current;
    if (el && pendingCaret.current !== null) {
      el.focus();
      el.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [text]);

  const items: PickerItem[] = useMemo(() => {
    if (!token) return [];
    return token.kind === 'mention' ? mentionItems(agents, token.query, app.me.id) : cannedItems(canned, token.query);
  }, [token, agents, canned, app.me.id]);

  function update(value: string, caret: number) {
    setText(value);
    setDraft(c.id, value);
    const next = findToken(value, caret, note);
    // Freshly created canned responses and teammates show up without a reload.
    if (next && next.kind !== token?.kind) void app.directory.reload(next.kind === 'canned' ? 'canned' : 'agents');
    setToken(next);
    if (next?.kind !== token?.kind || next?.query !== token?.query) setActive(0);
    if (!note && value.trim()) app.typing.input(c.id);
    else app.typing.stop();
  }

  function pick(item: PickerItem) {
    const el = input.current;
    if (!token || !el) return;
    const caret = el.selectionStart ?? text.length;
    let insert: string;
    if (token.kind === 'mention') {
      mentions.current.set(item.id, item.label);
      insert = `@${item.label} `;
    } else {
      insert = fillCanned(canned.find((x) => x.id === item.id)?.content ?? '', c, app.me.name, inbox);
    }
    const next = replaceToken(text, token, caret, insert);
    pendingCaret.current = next.caret;
    setText(next.text);
    setDraft(c.id, next.text);
    setToken(null);
  }

  function send() {
    const value = text.trim();
    if (!value) return;
    const ids = note ? mentionsIn(value, mentions.current) : [];
    app.thread.send({ type: 'text', text: value }, { private: note, mentions: ids });
    mentions.current.clear();
    setText('');
    setDraft(c.id, '');
    setToken(null);
    app.typing.stop();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (token) {
      if (e.key === 'Escape') return void (e.preventDefault(), e.stopPropagation(), setToken(null));
      if (items.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        return setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
      }
      if (items.length > 0 && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey) {
        e.preventDefault();
        return pick(items[Math.min(active, items.length - 1)]!);
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      send();
    }
  }

  const setMode = (m: 'reply' | 'note') => {
    app.ui.set((s) => ({ ...s, composerMode: m, composerFocus: s.composerFocus + 1 }));
    if (m === 'note') app.typing.stop();
  };
  const listId = `${id}-suggestions`;
  return (
    <section className={`composer${note ? ' composer-note' : ''}`} data-testid="composer" aria-label={t('composer.label')}>
      <div className="composer-bar">
        <div className="mode-toggle" role="group" aria-label={t('composer.mode')}>
          <button type="button" aria-pressed={!note} onClick={() => setMode('reply')} data-testid="mode-reply" aria-keyshortcuts="Alt+L">{t('composer.reply')}</button>
          <button type="button" aria-pressed={note} onClick={() => setMode('note')} data-testid="mode-note" aria-keyshortcuts="Alt+P">{t('composer.note')}</button>
        </div>
        <span className="composer-hint" id={`${id}-hint`}>{note ? t('composer.noteHint') : t('composer.replyHint')}</span>
        {remaining !== null && !note && <WindowNotice remaining={remaining} />}
        {inbox?.channelType === 'twilio_sms' && !note && <SmsCounter inboxId={c.inboxId} text={text} />}
      </div>
      {templatesOnly ? (
        <TemplatePicker inboxId={c.inboxId} />
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), send())}>
          {token && <SuggestionList id={listId} kind={token.kind} items={items} active={active} onPick={pick} onHover={setActive} />}
          <label htmlFor={`${id}-input`} className="visually-hidden">{note ? t('composer.noteLabel') : t('composer.replyLabel')}</label>
          <div className="composer-row">
            <textarea
              id={`${id}-input`}
              ref={input}
              className="composer-input"
              rows={3}
              maxLength={4096}
              value={text}
              placeholder={note ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
              aria-describedby={`${id}-hint`}
              aria-autocomplete="list"
              aria-controls={token && items.length ? listId : undefined}
              aria-activedescendant={token && items.length ? `${listId}-${Math.min(active, items.length - 1)}` : undefined}
              onChange={(e) => update(e.target.value, e.target.selectionStart ?? e.target.value.length)}
              onKeyDown={onKeyDown}
              onBlur={() => {
                app.typing.stop();
                setTimeout(() => setToken(null), 150);
              }}
              data-testid="composer-input"
            />
            <div className="composer-buttons">
              {!note && <ProductPicker />}
              <AttachButton conversation={c} note={note} caption={text.trim()} onSent={() => { setText(''); setDraft(c.id, ''); }} />
              <button type="submit" className="btn btn-primary" disabled={!text.trim()} data-testid="composer-send">
                {note ? t('composer.addNote') : t('composer.send')}
              </button>
            </div>
          </div>
        </form>
      )}
    </section>
  );
}
