/** The chat box of the demo page: bubble, panel, message log and composer. DOM only, no protocol. */
import { $, contentLabel, formatFull, formatTime, formatWhen, h, nearBottom, submitOnEnter, timeOf } from '../shared/dom.js';
import { createTypingDisplay } from '../shared/typing.js';

const FOCUSABLE = 'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function createChatView(root = document) {
  const bubble = $('[data-testid="chat-bubble"]', root);
  const badge = $('.chat-bubble__badge', root);
  const panel = $('[data-testid="chat-panel"]', root);
  const title = $('.chat-panel__title', root);
  const status = $('[data-testid="chat-status"]', root);
  const closeButton = $('.chat-close', root);
  const log = $('[data-testid="chat-log"]', root);
  const empty = $('.chat-empty', root);
  const typingLine = $('.chat-typing', root);
  const form = $('.chat-composer', root);
  const input = $('[data-testid="chat-input"]', root);

  const typingDisplay = createTypingDisplay(typingLine, { fallbackName: 'An advisor' });
  const handlers = { send() {}, retry() {}, typingInput() {}, typingStop() {}, open() {} };
  let opened = false;
  let unread = 0;
  let connection = 'connecting';
  let presence = null; // { online, nextOpenAt }
  let notice = '';

  // ---- open / close -------------------------------------------------------------------------
  function setOpen(open) {
    panel.hidden = !open;
    bubble.setAttribute('aria-expanded', String(open));
    document.documentElement.classList.toggle('chat-open', open);
    if (open) {
      unread = 0;
      renderBadge();
      if (!opened) { opened = true; handlers.open(); }
      log.scrollTop = log.scrollHeight;
      input.focus();
    } else {
      handlers.typingStop();
      bubble.focus();
    }
  }

  bubble.addEventListener('click', () => setOpen(panel.hidden));
  closeButton.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); setOpen(false); return; }
    if (event.key !== 'Tab') return;
    // Keep keyboard focus inside the open chat (close with Escape or the close button).
    const items = [...panel.querySelectorAll(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const first = items[0];
    const last = items.at(-1);
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  });

  function renderBadge() {
    badge.hidden = unread === 0;
    badge.replaceChildren(
      h('span', { 'aria-hidden': 'true', text: unread > 9 ? '9+' : String(unread) }),
      h('span', { className: 'visually-hidden', text: unread === 1 ? ' (1 new message)' : ` (${unread} new messages)` }),
    );
  }

  // ---- composer -----------------------------------------------------------------------------
  function submit() {
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    handlers.send(text);
    input.focus();
  }
  form.addEventListener('submit', (event) => { event.preventDefault(); submit(); });
  submitOnEnter(input, submit);
  input.addEventListener('input', () => { if (input.value.trim()) handlers.typingInput(); });
  input.addEventListener('blur', () => handlers.typingStop());

  // ---- status line --------------------------------------------------------------------------
  function renderStatus() {
    let text;
    let state;
    if (connection === 'unavailable') { text = 'Chat is unavailable right now. Please try again later.'; state = 'error'; }
    else if (connection === 'reconnecting') { text = 'Reconnecting…'; state = 'pending'; }
    else if (!presence) { text = 'Connecting…'; state = 'pending'; }
    else if (presence.online) { text = 'Online — we reply in a few minutes'; state = 'online'; }
    else if (presence.nextOpenAt) { text = `Away — we'll be back at ${formatWhen(presence.nextOpenAt)}`; state = 'away'; }
    else { text = 'Away — leave a message and we will reply soon'; state = 'away'; }
    if (notice) text = `${text}. ${notice}`;
    status.textContent = text;
    status.dataset.state = state;
  }

  // ---- messages -----------------------------------------------------------------------------
  function scrollAfter(change, force = false) {
    const stick = force || nearBottom(log);
    change();
    empty.hidden = log.querySelector('[data-testid="chat-message"]') !== null;
    if (stick) log.scrollTop = log.scrollHeight;
  }

  function messageElement(m) {
    const fromVisitor = m.direction === 'in';
    const isActivity = m.content?.type === 'activity';
    const isStaff = m.sender?.type === 'agent' || m.sender?.type === 'bot';
    const classes = ['msg', fromVisitor ? 'msg--in' : 'msg--out'];
    if (isActivity) classes.push('msg--activity');
    return h('div', {
      className: classes.join(' '),
      'data-testid': 'chat-message',
      'data-direction': fromVisitor ? 'in' : 'out',
      dataset: { messageId: m.id, createdAt: m.createdAt, clientMessageId: m.clientMessageId ?? undefined },
    },
    fromVisitor && !isActivity ? h('span', { className: 'visually-hidden', text: 'You: ' }) : null,
    !fromVisitor && !isActivity && isStaff
      ? h('span', { className: 'msg__sender', text: m.sender.name || (m.sender.type === 'bot' ? 'Assistant' : title.textContent) })
      : null,
    h('p', { className: 'msg__text', text: contentLabel(m.content) }),
    isActivity ? null : h('span', { className: 'msg__meta' },
      h('time', { dateTime: m.createdAt, title: formatFull(m.createdAt), text: formatTime(m.createdAt) }),
      fromVisitor && m.status === 'read' ? ' · Seen' : null,
      m.status === 'failed' ? h('span', { className: 'msg__error', text: ' · Not delivered' }) : null));
  }

  function pendingElement(p) {
    const el = h('div', {
      className: `msg msg--in msg--pending${p.failed ? ' msg--failed' : ''}`,
      'data-testid': 'chat-message',
      'data-direction': 'in',
      'data-state': p.failed ? 'failed' : 'sending',
      dataset: { clientMessageId: p.clientMessageId },
    },
    h('span', { className: 'visually-hidden', text: 'You: ' }),
    h('p', { className: 'msg__text', text: p.text }));
    if (!p.failed) {
      el.append(h('span', { className: 'msg__meta', text: 'Sending…' }));
    } else {
      el.append(
        h('span', { className: 'msg__meta msg__error', role: 'alert', text: p.failed.message }),
        h('button', {
          type: 'button', className: 'msg__retry', text: 'Retry',
          'aria-label': 'Retry sending this message',
          on: { click: () => handlers.retry(p.clientMessageId) },
        }),
      );
    }
    return el;
  }

  function findPendingElement(clientMessageId) {
    return [...log.querySelectorAll('.msg--pending')].find((el) => el.dataset.clientMessageId === clientMessageId) ?? null;
  }

  function findMessageElement(id) {
    return [...log.querySelectorAll('.msg:not(.msg--pending)')].find((el) => el.dataset.messageId === id) ?? null;
  }

  /** Stored messages are ordered by createdAt; pending ones always stay at the bottom. */
  function insertSorted(el, createdAt) {
    const t = timeOf(createdAt);
    const next = [...log.querySelectorAll('.msg')].find(
      (other) => other.classList.contains('msg--pending') || timeOf(other.dataset.createdAt) > t,
    );
    log.insertBefore(el, next ?? null);
  }

  return {
    bind(next) { Object.assign(handlers, next); if (opened) handlers.open(); },
    setBrand(name) {
      if (!name) return;
      title.textContent = name;
      bubble.querySelector('.chat-bubble__label').textContent = `Chat with ${name}`;
    },
    setConnection(state) { connection = state; renderStatus(); },
    setPresence(online, nextOpenAt) { presence = { online, nextOpenAt }; renderStatus(); },
    setNotice(text) { notice = text; renderStatus(); },
    setTyping(name, typing) {
      if (typing) typingDisplay.set('staff', name, true);
      else typingDisplay.clear();
    },
    notifyIncoming() {
      if (!panel.hidden) return;
      unread += 1;
      renderBadge();
    },
    upsertMessage(m) {
      scrollAfter(() => {
        const existing = findMessageElement(m.id);
        const el = messageElement(m);
        if (existing) existing.replaceWith(el);
        else insertSorted(el, m.createdAt);
      }, m.direction === 'in');
    },
    renderPending(p) {
      scrollAfter(() => {
        const existing = findPendingElement(p.clientMessageId);
        const el = pendingElement(p);
        if (existing) existing.replaceWith(el);
        else log.append(el);
      }, true);
    },
    removePending(clientMessageId) {
      findPendingElement(clientMessageId)?.remove();
    },
    clearMessages() {
      for (const el of log.querySelectorAll('.msg:not(.msg--pending)')) el.remove();
      empty.hidden = log.querySelector('.msg') !== null;
    },
  };
}
