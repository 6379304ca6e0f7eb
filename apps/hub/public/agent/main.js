/** Minimal agent console: sign-in, brand picker, conversation list, thread, composer, realtime. */
import { $ } from '../shared/dom.js';
import { createTypingEmitter } from '../shared/typing.js';
import { createApi } from './api.js';
import { createComposer } from './composer.js';
import { createConversationList } from './list.js';
import { createLogin } from './login.js';
import { connectInbox } from './realtime.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { createThread } from './thread.js';

const screens = { login: $('#login-screen'), accounts: $('#account-screen'), app: $('#app') };
const accountNameEl = $('#account-name');
const agentNameEl = $('#agent-name');
const switchAccountButton = $('#switch-account');
const connectionEl = $('#connection');

let session = loadSession();
let realtime = null;

const getContext = () => ({ accountId: session?.accountId ?? null, agent: session?.agent ?? { id: null, name: '' } });

const api = createApi({
  getToken: () => session?.accessToken,
  onUnauthorized: () => signOut('Your session has expired. Please sign in again.'),
});

// Outgoing typing indicator, tied to the conversation it started in.
let typingConversationId = null;
const typing = createTypingEmitter((value) => {
  if (typingConversationId) realtime?.emit('typing', { conversationId: typingConversationId, typing: value });
});

const thread = createThread({ api, getContext, onConversation: (c) => list.upsert(c) });
const list = createConversationList({ api, getContext, onSelect: openConversation });
const composer = createComposer({
  onSend: (text, isPrivate) => thread.send(text, isPrivate),
  onTypingInput() {
    const id = thread.currentId();
    if (!id) return;
    if (id !== typingConversationId) {
      typing.stop();
      typingConversationId = id;
    }
    typing.input();
  },
  onTypingStop: () => typing.stop(),
});

const login = createLogin({
  api,
  onLoggedIn(result) {
    const accounts = Array.isArray(result.accounts) ? result.accounts : [];
    session = {
      accessToken: result.accessToken,
      agent: result.agent,
      accounts,
      accountId: accounts.length === 1 ? accounts[0].id : null,
    };
    saveSession(session);
    route();
  },
  onAccountChosen(accountId) {
    session.accountId = accountId;
    saveSession(session);
    route();
  },
  onSignOut: () => signOut(),
});

function showScreen(name) {
  for (const [key, el] of Object.entries(screens)) el.hidden = key !== name;
}

function openConversation(conversation) {
  typing.stop();
  composer.switchTo(conversation.id);
  thread.open(conversation);
}

function setConnection(state) {
  const labels = {
    connecting: 'Connecting…',
    online: 'Live',
    offline: 'Offline — reconnecting…',
    unavailable: 'Live updates unavailable',
  };
  connectionEl.dataset.state = state;
  connectionEl.textContent = labels[state] ?? state;
  if (state !== 'online') typing.reset();
}

function onEvent(name, payload) {
  if (!session?.accountId || !payload) return;
  if (payload.accountId && payload.accountId !== session.accountId) return; // another brand of this agent
  switch (name) {
    case 'message.created':
      list.messageCreated(payload);
      thread.messageCreated(payload);
      break;
    case 'message.updated':
      thread.messageUpdated(payload);
      break;
    case 'conversation.created':
    case 'conversation.updated':
      list.upsert(payload);
      thread.conversationUpdated(payload);
      break;
    case 'conversation.typing':
      thread.typingEvent(payload);
      break;
    default:
      break; // presence.updated: not shown in this minimal console
  }
}

function startApp() {
  const account = session.accounts.find((a) => a.id === session.accountId);
  showScreen('app');
  document.title = `${account.name} — Concierge`;
  accountNameEl.textContent = account.name;
  agentNameEl.textContent = session.agent.name || session.agent.email || '';
  switchAccountButton.hidden = session.accounts.length < 2;
  typing.stop();
  thread.close();
  composer.reset();
  list.reset();
  list.load();
  if (!realtime) {
    realtime = connectInbox(session.accessToken, {
      onEvent,
      onStatus: setConnection,
      onReconnect() {
        list.load();
        thread.refresh();
      },
      onUnauthorized: () => signOut('Your session has expired. Please sign in again.'),
    });
  }
}

function route(message) {
  if (!session) {
    showScreen('login');
    login.show(message);
    return;
  }
  if (session.accounts.length === 0) {
    signOut('This login is not a member of any brand yet. Ask an admin to add you.');
    return;
  }
  if (!session.accounts.some((a) => a.id === session.accountId)) {
    showScreen('accounts');
    login.showAccounts(session.accounts);
    return;
  }
  startApp();
}

function signOut(message) {
  typing.stop();
  realtime?.close();
  realtime = null;
  session = null;
  typingConversationId = null;
  clearSession();
  thread.reset();
  list.reset();
  composer.reset();
  document.title = 'Concierge — Inbox';
  route(message);
}

$('#signout').addEventListener('click', () => signOut());
switchAccountButton.addEventListener('click', () => {
  session.accountId = null;
  saveSession(session);
  route();
});

// Keyboard: Alt+J / Alt+K next / previous conversation, Alt+E resolve, Alt+P private note, Alt+L reply.
document.addEventListener('keydown', (event) => {
  if (screens.app.hidden || !event.altKey || event.ctrlKey || event.metaKey) return;
  switch (event.code) {
    case 'KeyJ':
      list.selectRelative(1);
      break;
    case 'KeyK':
      list.selectRelative(-1);
      break;
    case 'KeyE':
      thread.resolve();
      break;
    case 'KeyP':
    case 'KeyL':
      if (!thread.currentId()) return;
      composer.setNote(event.code === 'KeyP');
      composer.focus();
      break;
    default:
      return;
  }
  event.preventDefault();
});

route();
