/** The open conversation: header, actions, message log (with "load older"), pending sends, typing. */
import { $, clear, formatWhen, nearBottom, timeOf, uuid } from '../shared/dom.js';
import { createTypingDisplay } from '../shared/typing.js';
import { contactName, messageElement, pendingElement } from './message-view.js';

const STATUS_TEXT = { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved' };

/**
 * @param {{ api: ReturnType<import('./api.js').createApi>,
 *           getContext: () => { accountId: string, agent: { id: string, name: string } },
 *           onConversation: (conversation: object) => void }} options
 */
export function createThread({ api, getContext, onConversation }) {
  const section = $('#thread');
  const emptyState = $('#thread-empty');
  const title = $('#thread-title');
  const meta = $('#thread-meta');
  const errorEl = $('#thread-error');
  const scroller = $('#thread-scroll');
  const log = $('[data-testid="thread-log"]');
  const olderButton = $('#load-older');
  const typing = createTypingDisplay($('#thread-typing'));
  const assignButton = $('[data-testid="assign-me"]');
  const resolveButton = $('[data-testid="resolve"]');
  const reopenButton = $('[data-testid="reopen"]');

  let current = null; // ConversationView
  const pendingByConversation = new Map(); // conversationId -> Map(clientMessageId -> pending)
  let olderCursor = null;
  let seq = 0; // guards against answers for a conversation that is no longer open

  function pendingFor(conversationId) {
    if (!pendingByConversation.has(conversationId)) pendingByConversation.set(conversationId, new Map());
    return pendingByConversation.get(conversationId);
  }

  function showError(text) {
    errorEl.textContent = text || '';
    errorEl.hidden = !text;
  }

  function reportError(prefix, err) {
    if (err?.status === 401) return; // main.js sends the agent back to the login screen
    showError(`${prefix}: ${err?.message ?? err}`);
  }

  function scrollToBottom() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  function renderHeader() {
    const c = current;
    const me = getContext().agent.id;
    title.textContent = contactName(c.contact);
    const parts = [STATUS_TEXT[c.status] ?? c.status];
    if (c.status === 'snoozed' && c.snoozedUntil) parts[0] += ` until ${formatWhen(c.snoozedUntil)}`;
    parts.push(c.assignee ? `Assigned to ${c.assignee.id === me ? 'you' : c.assignee.name}` : 'Unassigned');
    const reach = [c.contact?.email, c.contact?.phone].filter(Boolean).join(', ');
    if (reach && reach !== title.textContent) parts.push(reach);
    meta.textContent = parts.join(' · ');
    section.dataset.status = c.status;
    assignButton.hidden = c.assignee?.id === me;
    resolveButton.hidden = c.status === 'resolved';
    reopenButton.hidden = c.status === 'open';
  }

  function findElement(selector, key, value) {
    return [...log.querySelectorAll(selector)].find((el) => el.dataset[key] === value) ?? null;
  }

  /** Stored messages are kept in createdAt order; pending ones stay below them. */
  function placeMessage(m) {
    const el = messageElement(m, { contact: current.contact });
    const existing = findElement('.msg:not(.msg--pending)', 'messageId', m.id);
    if (existing) {
      existing.replaceWith(el);
      return;
    }
    const t = timeOf(m.createdAt);
    const next = [...log.querySelectorAll('.msg')].find(
      (other) => other.classList.contains('msg--pending') || timeOf(other.dataset.createdAt) > t,
    );
    log.insertBefore(el, next ?? null);
  }

  /** A stored message for the open conversation (REST answer or socket event; deduped by id). */
  function accept(m) {
    if (!current || !m || m.conversationId !== current.id) return false;
    const stick = nearBottom(scroller);
    if (m.clientMessageId && pendingFor(current.id).delete(m.clientMessageId)) {
      findElement('.msg--pending', 'clientMessageId', m.clientMessageId)?.remove();
    }
    placeMessage(m);
    if (stick) scrollToBottom();
    return true;
  }

  function renderPending(p) {
    const el = pendingElement(p, { onRetry: retry });
    const existing = findElement('.msg--pending', 'clientMessageId', p.clientMessageId);
    if (existing) existing.replaceWith(el);
    else log.append(el);
  }

  async function post(p) {
    try {
      const m = await api.sendMessage(p.accountId, p.conversationId, {
        content: { type: 'text', text: p.text },
        private: p.private,
        clientMessageId: p.clientMessageId,
      });
      const stillPending = pendingFor(p.conversationId).delete(p.clientMessageId);
      if (current?.id === p.conversationId) {
        if (stillPending) findElement('.msg--pending', 'clientMessageId', p.clientMessageId)?.remove();
        if (m?.id) accept(m);
      }
    } catch (err) {
      if (!pendingFor(p.conversationId).has(p.clientMessageId)) return; // settled by the socket meanwhile
      p.error = err?.message ?? 'Unknown error';
      if (current?.id === p.conversationId) renderPending(p);
    }
  }

  function retry(clientMessageId) {
    const p = current && pendingFor(current.id).get(clientMessageId);
    if (!p) return;
    p.error = null;
    renderPending(p);
    post(p);
  }

  async function loadLatest(mySeq) {
    const page = await api.listMessages(getContext().accountId, current.id);
    if (mySeq !== seq) return false;
    for (const m of page?.data ?? []) accept(m);
    return page;
  }

  async function open(conversation) {
    const mySeq = ++seq;
    current = conversation;
    olderCursor = null;
    olderButton.hidden = true;
    clear(log);
    typing.clear();
    showError('');
    emptyState.hidden = true;
    section.hidden = false;
    renderHeader();
    for (const p of pendingFor(conversation.id).values()) renderPending(p);
    log.setAttribute('aria-busy', 'true');
    try {
      const page = await loadLatest(mySeq);
      if (!page) return;
      olderCursor = page.nextCursor ?? null;
      olderButton.hidden = !olderCursor;
      scrollToBottom();
      // Best effort: blue ticks on WhatsApp; a failure here must not disturb the thread.
      api.markRead(getContext().accountId, conversation.id).catch(() => undefined);
    } catch (err) {
      if (mySeq === seq) reportError('Could not load messages', err);
    } finally {
      if (mySeq === seq) log.setAttribute('aria-busy', 'false');
    }
  }

  async function loadOlder() {
    if (!current || !olderCursor) return;
    const mySeq = seq;
    olderButton.disabled = true;
    try {
      const page = await api.listMessages(getContext().accountId, current.id, { before: olderCursor });
      if (mySeq !== seq) return;
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      for (const m of page?.data ?? []) {
            placeMessage(m);
      }
      scroller.scrollTop = scroller.scrollHeight - fromBottom; // keep the reader's place
      olderCursor = page?.nextCursor ?? null;
      olderButton.hidden = !olderCursor;
      if (olderButton.hidden) log.focus();
    } catch (err) {
      if (mySeq === seq) reportError('Could not load older messages', err);
    } finally {
      olderButton.disabled = false;
    }
  }

  async function act(button, patch) {
    if (!current) return;
    const { accountId } = getContext();
    button.disabled = true;
    showError('');
    try {
      const updated = await api.updateConversation(accountId, current.id, patch);
      if (updated?.id) {
        conversationUpdated(updated);
        onConversation(updated);
      }
    } catch (err) {
      reportError('Action failed', err);
    } finally {
      button.disabled = false;
      if (button.hidden && section.contains(document.activeElement) === false) {
        [reopenButton, resolveButton, assignButton].find((b) => !b.hidden)?.focus();
      }
    }
  }

  function conversationUpdated(conversation) {
    if (!current || conversation.id !== current.id) return;
    current = conversation;
    renderHeader();
  }

  olderButton.addEventListener('click', loadOlder);
  assignButton.addEventListener('click', () => act(assignButton, { assigneeId: getContext().agent.id }));
  resolveButton.addEventListener('click', () => act(resolveButton, { status: 'resolved' }));
  reopenButton.addEventListener('click', () => act(reopenButton, { status: 'open' }));

  return {
    open,
    currentId: () => current?.id ?? null,
    close() {
      seq += 1;
      current = null;
        clear(log);
      typing.clear();
      showError('');
      section.hidden = true;
      emptyState.hidden = false;
    },
    /** Sign-out: also forget unsent messages (they belong to the previous agent). */
    reset() {
      pendingByConversation.clear();
      this.close();
    },
    /** After a socket reconnect: merge the latest page and refresh the header. */
    async refresh() {
      if (!current) return;
      const mySeq = seq;
      try {
        await loadLatest(mySeq);
        const fresh = await api.getConversation(getContext().accountId, current.id);
        if (mySeq === seq && fresh?.id) conversationUpdated(fresh);
      } catch (err) {
        if (mySeq === seq) reportError('Could not refresh the conversation', err);
      }
    },
    send(text, isPrivate) {
      if (!current) return;
      const p = {
        clientMessageId: uuid(), accountId: getContext().accountId, conversationId: current.id,
        text, private: Boolean(isPrivate), error: null,
      };
      pendingFor(current.id).set(p.clientMessageId, p);
      renderPending(p);
      scrollToBottom();
      post(p);
    },
    resolve() {
      if (current && !resolveButton.hidden) act(resolveButton, { status: 'resolved' });
    },
    messageCreated(m) {
      if (!accept(m)) return;
      typing.remove(`${m.sender?.type}:${m.sender?.id ?? ''}`);
    },
    messageUpdated(m) {
      accept(m);
    },
    conversationUpdated,
    typingEvent(t) {
      if (!current || t?.conversationId !== current.id || !t.actor) return;
      if (t.actor.type === 'agent' && t.actor.id === getContext().agent.id) return;
      const name = t.actor.name || (t.actor.type === 'contact' ? contactName(current.contact) : 'Someone');
      typing.set(`${t.actor.type}:${t.actor.id ?? ''}`, name, Boolean(t.typing));
    },
  };
}
