/** Conversation list: assignee tabs, status filter, cursor pagination, live updates, unread dots. */
import { $, clear, contentLabel, formatAge, formatFull, h, timeOf } from '../shared/dom.js';
import { contactName } from './message-view.js';

/**
 * @param {{ api: ReturnType<import('./api.js').createApi>,
 *           getContext: () => { accountId: string, agent: { id: string } },
 *           onSelect: (conversation: object) => void }} options
 */
export function createConversationList({ api, getContext, onSelect }) {
  const listEl = $('#conversation-list');
  const emptyEl = $('#list-empty');
  const errorEl = $('#list-error');
  const moreButton = $('#list-more');
  const statusSelect = $('#status-filter');
  const tabs = [...document.querySelectorAll('.tab[data-assignee]')];

  const filter = { status: statusSelect.value || 'open', assignee: 'all' };
  let items = []; // ConversationView[], newest activity first
  let nextCursor = null;
  let selectedId = null;
  const unread = new Set();
  let seq = 0;

  function showError(text) {
    errorEl.textContent = text || '';
    errorEl.hidden = !text;
  }

  function matches(c) {
    if (c.accountId && c.accountId !== getContext().accountId) return false;
    if (filter.status !== 'all' && c.status !== filter.status) return false;
    if (filter.assignee === 'me') return c.assignee?.id === getContext().agent.id;
    if (filter.assignee === 'unassigned') return !c.assignee;
    return true;
  }

  function itemElement(c) {
    const isUnread = unread.has(c.id);
    const selected = c.id === selectedId;
    return h('li', { className: 'conversation-list__row' },
      h('button', {
        type: 'button',
        className: `conversation${selected ? ' conversation--selected' : ''}${isUnread ? ' conversation--unread' : ''}`,
        'data-testid': 'conversation-item',
        'data-conversation-id': c.id,
        'data-status': c.status,
        'aria-current': selected ? 'true' : false,
        on: { click: () => select(c.id) },
      },
      h('span', { className: 'conversation__top' },
        h('span', { className: 'conversation__name', text: contactName(c.contact) }),
        isUnread ? h('span', { className: 'conversation__dot' }, h('span', { className: 'visually-hidden', text: '(unread)' })) : null,
        h('time', { className: 'conversation__age', dateTime: c.lastActivityAt, title: formatFull(c.lastActivityAt), text: formatAge(c.lastActivityAt) })),
      h('span', { className: 'conversation__preview', text: c.lastMessagePreview || 'No messages yet' }),
      h('span', { className: 'conversation__tags' },
        h('span', { className: `pill pill--${c.status}`, text: c.status }),
        h('span', { className: 'conversation__assignee', text: c.assignee ? c.assignee.name : 'Unassigned' }))));
  }

  function render() {
    const focusedId = document.activeElement?.closest?.('[data-testid="conversation-item"]')?.dataset.conversationId;
    clear(listEl);
    for (const c of items) listEl.append(itemElement(c));
    emptyEl.hidden = items.length > 0;
    moreButton.hidden = !nextCursor;
    if (focusedId) listEl.querySelector(`[data-conversation-id="${CSS.escape(focusedId)}"]`)?.focus();
  }

  function sortItems() {
    items.sort((a, b) => timeOf(b.lastActivityAt) - timeOf(a.lastActivityAt));
  }

  async function load({ append = false } = {}) {
    const mySeq = ++seq;
    const { accountId } = getContext();
    listEl.setAttribute('aria-busy', 'true');
    moreButton.disabled = true;
    if (!append) showError('');
    try {
      const page = await api.listConversations(accountId, { ...filter, cursor: append ? nextCursor : undefined });
      if (mySeq !== seq) return;
      const data = Array.isArray(page?.data) ? page.data : [];
      if (append) {
        const known = new Set(items.map((c) => c.id));
        items = items.concat(data.filter((c) => !known.has(c.id)));
      } else {
        items = data;
      }
      nextCursor = page?.nextCursor ?? null;
      render();
    } catch (err) {
      if (mySeq === seq && err?.status !== 401) showError(`Could not load conversations: ${err?.message ?? err}`);
    } finally {
      if (mySeq === seq) {
        listEl.setAttribute('aria-busy', 'false');
        moreButton.disabled = false;
      }
    }
  }

  function select(id) {
    const c = items.find((item) => item.id === id);
    if (!c) return;
    selectedId = id;
    unread.delete(id);
    render();
    onSelect(c);
  }

  function renderTabs() {
    for (const tab of tabs) tab.setAttribute('aria-pressed', String(tab.dataset.assignee === filter.assignee));
  }

  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      if (filter.assignee === tab.dataset.assignee) return;
      filter.assignee = tab.dataset.assignee;
      renderTabs();
      load();
    });
  }
  statusSelect.addEventListener('change', () => {
    filter.status = statusSelect.value;
    load();
  });
  moreButton.addEventListener('click', () => load({ append: true }));
  setInterval(() => { if (items.length) render(); }, 60_000); // keep the "5m" ages fresh

  renderTabs();

  return {
    load: () => load(),
    /** New account or sign-out: forget everything. */
    reset() {
      seq += 1;
      items = [];
      nextCursor = null;
      selectedId = null;
      unread.clear();
      render();
      emptyEl.hidden = true;
    },
    /** conversation.created / conversation.updated / PATCH answers. */
    upsert(conversation) {
      if (!conversation?.id) return;
      const index = items.findIndex((c) => c.id === conversation.id);
      if (!matches(conversation)) {
        if (index >= 0 && conversation.id !== selectedId) items.splice(index, 1);
        else if (index >= 0) items[index] = conversation; // keep the open one visible until the agent moves on
        render();
        return;
      }
      if (index >= 0) items.splice(index, 1);
      items.unshift(conversation); // move to top, then keep newest activity first
      sortItems();
      render();
    },
    /** message.created: bump the row (newest activity first) and mark it unread when not open. */
    messageCreated(m) {
      const c = items.find((item) => item.id === m.conversationId);
      if (!c) return;
      if (m.kind !== 'note' && m.kind !== 'activity') c.lastMessagePreview = contentLabel(m.content);
      if (timeOf(m.createdAt) > timeOf(c.lastActivityAt)) c.lastActivityAt = m.createdAt;
      if (m.direction === 'in' && m.conversationId !== selectedId) unread.add(m.conversationId);
      sortItems();
      render();
    },
    /** Alt+J / Alt+K. */
    selectRelative(delta) {
      if (items.length === 0) return;
      const index = items.findIndex((c) => c.id === selectedId);
      const next = index < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, index + delta));
      select(items[next].id);
      listEl.querySelector(`[data-conversation-id="${CSS.escape(items[next].id)}"]`)?.scrollIntoView({ block: 'nearest' });
    },
    deselect() {
      selectedId = null;
      render();
    },
  };
}
