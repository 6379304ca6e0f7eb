/**
 * The web-chat protocol for the demo page: socket.io namespace /webchat, history resume,
 * pending-message persistence and resend. Rendering is delegated to the view (chat-ui.js).
 */
import { timeOf, uuid } from '../shared/dom.js';
import { createTypingEmitter } from '../shared/typing.js';
import { loadPending, loadVisitorToken, savePending, saveVisitorToken } from './storage.js';

const ACK_TIMEOUT_MS = 10_000;

export function createChatSession({ websiteToken, view }) {
  let socket = null;
  let conversationId = null;
  let retriedWithoutToken = false;
  const shown = new Map(); // message id -> VisitorMessageView
  let pending = loadPending(websiteToken);

  const typing = createTypingEmitter((value) => {
    if (socket?.connected) socket.emit('typing', { typing: value });
  });

  for (const p of pending) view.renderPending(p);

  function persist() {
    savePending(websiteToken, pending);
  }

  function findPending(clientMessageId) {
    return pending.find((p) => p.clientMessageId === clientMessageId);
  }

  /** A stored message arrived (ack, history or live): show it once and settle its pending twin. */
  function upsert(message, { live = false } = {}) {
    if (!message || typeof message.id !== 'string') return;
    const isNew = !shown.has(message.id);
    shown.set(message.id, message);
    if (message.conversationId) conversationId = message.conversationId;
    if (message.clientMessageId && findPending(message.clientMessageId)) {
      pending = pending.filter((p) => p.clientMessageId !== message.clientMessageId);
      persist();
      view.removePending(message.clientMessageId);
    }
    view.upsertMessage(message);
    if (isNew && live && message.direction === 'out') {
      view.setTyping(null, false);
      view.notifyIncoming();
    }
  }

  function lastShownId() {
    let last = null;
    for (const m of shown.values()) {
      if (!last || timeOf(m.createdAt) >= timeOf(last.createdAt)) last = m;
    }
    return last?.id;
  }

  function emitPending(p) {
    if (!socket?.connected) return; // resent by the next `session`
    const payload = { clientMessageId: p.clientMessageId, content: { type: 'text', text: p.text } };
    socket.timeout(ACK_TIMEOUT_MS).emit('message.send', payload, (err, res) => {
      const current = findPending(p.clientMessageId);
      if (!current) return; // already settled (e.g. by message.created)
      if (err) {
        fail(current, { code: 'TIMEOUT', message: 'Not sent yet — we will retry when the connection is back.', auto: true });
      } else if (res?.ok && res.message) {
        upsert(res.message);
      } else {
        const error = res?.error ?? {};
        fail(current, { code: error.code ?? 'SEND_FAILED', message: error.message ?? 'Your message could not be sent.', auto: false });
      }
    });
  }

  function fail(p, error) {
    p.failed = error;
    persist();
    view.renderPending(p);
  }

  function retry(clientMessageId) {
    const p = findPending(clientMessageId);
    if (!p) return;
    p.failed = null;
    persist();
    view.renderPending(p);
    if (!socket) connect();
    else emitPending(p);
  }

  function resendPending() {
    for (const p of pending) {
      if (p.failed && !p.failed.auto) continue; // rejected by the server: waits for "Retry"
      p.failed = null;
      view.renderPending(p);
      emitPending(p);
    }
    persist();
  }

  function loadHistory() {
    return new Promise((resolve) => {
      const afterId = lastShownId();
      socket.timeout(ACK_TIMEOUT_MS).emit('history', afterId ? { afterId } : {}, (err, res) => {
        if (err || !res?.ok) view.setNotice('Some earlier messages could not be loaded.');
        else {
          view.setNotice('');
          for (const m of [...(res.messages ?? [])].sort((a, b) => timeOf(a.createdAt) - timeOf(b.createdAt))) upsert(m);
        }
        resolve();
      });
    });
  }

  async function onSession(session) {
    if (session?.visitorToken) {
      saveVisitorToken(websiteToken, session.visitorToken);
      socket.auth = { ...socket.auth, visitorToken: session.visitorToken }; // keep identity on reconnect
    }
    const next = session?.conversationId ?? null;
    if (next && conversationId && next !== conversationId) {
      // Another conversation than the one on screen (e.g. started in another tab): start over.
      shown.clear();
      view.clearMessages();
    }
    if (next) conversationId = next;
    view.setPresence(Boolean(session?.online), session?.nextOpenAt ?? null);
    await loadHistory();
    resendPending();
  }

  function connect() {
    if (socket) return;
    const io = globalThis.io;
    if (typeof io !== 'function') {
      view.setConnection('unavailable');
      return;
    }
    const auth = { websiteToken };
    const visitorToken = loadVisitorToken(websiteToken);
    if (visitorToken) auth.visitorToken = visitorToken;
    view.setConnection('connecting');
    socket = io('/webchat', { auth });
    socket.on('connect', () => view.setConnection('connected'));
    socket.on('session', (payload) => { onSession(payload).catch(() => {}); });
    socket.on('disconnect', (reason) => {
      typing.reset();
      view.setConnection('reconnecting');
      // socket.io does not retry after a server-side disconnect (e.g. a restart that closes sockets
      // politely); try again shortly, a refusal then surfaces through connect_error.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 3000);
    });
    socket.on('connect_error', () => {
      if (socket.active) { view.setConnection('reconnecting'); return; }
      // Refused by the server. A stale visitor token is the likely cause: retry once as a new visitor.
      if (socket.auth?.visitorToken && !retriedWithoutToken) {
        retriedWithoutToken = true;
        saveVisitorToken(websiteToken, null);
        const { visitorToken: _dropped, ...rest } = socket.auth;
        socket.auth = rest;
        socket.connect();
        return;
      }
      view.setConnection('unavailable');
    });
    socket.on('message.created', (m) => upsert(m, { live: true }));
    socket.on('message.updated', (m) => upsert(m));
    socket.on('conversation.typing', (t) => {
      if (conversationId && t?.conversationId && t.conversationId !== conversationId) return;
      view.setTyping(t?.name ?? null, Boolean(t?.typing));
    });
  }

  function send(text) {
    const p = { clientMessageId: uuid(), text, createdAt: new Date().toISOString(), failed: null };
    pending.push(p);
    persist();
    view.renderPending(p);
    typing.stop();
    if (!socket) connect();
    else emitPending(p);
  }

  return {
    connect,
    send,
    retry,
    typingInput: () => typing.input(),
    typingStop: () => typing.stop(),
    /** Connect right away for returning visitors (a conversation or unsent messages to resume). */
    hasHistory: () => Boolean(loadVisitorToken(websiteToken)) || pending.length > 0,
  };
}
