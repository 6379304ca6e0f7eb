/**
 * The chat app in the loader's iframe (`/widget/?websiteToken=…`, served by the hub with a CSP whose
 * frame-ancestors are the inbox's allowed origins). It talks to the page only through the loader:
 * messages are accepted from the parent window only, and the parent's origin is fixed by the first valid
 * `init` (the browser sets `MessageEvent.origin`; it must also match `location.ancestorOrigins` where the
 * browser has it). That origin is what the socket reports as `pageOrigin` for the allow-list check.
 */
import { render } from 'preact';
import { envelope, parseToApp, type ToLoader } from '../protocol.js';
import { App } from './App.js';
import { Chat } from './chat.js';
import { lang } from './i18n.js';
import { storage } from './storage.js';
import './styles.css';

const INIT_TIMEOUT_MS = 4000;

function main(): void {
  const websiteToken = new URLSearchParams(location.search).get('websiteToken') ?? '';
  document.documentElement.lang = lang;
  const parent = window.parent !== window ? window.parent : null;
  const ancestor = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins?.[0] ?? null;
  let pageOrigin: string | null = parent ? null : location.origin;
  let started = false;
  let focusKey = 0;
  let unread = 0;
  let visible = !parent;

  const toLoader = (message: ToLoader) => {
    if (parent && pageOrigin) parent.postMessage(envelope(message), pageOrigin);
  };

  const chat = new Chat({
    websiteToken,
    get pageOrigin() {
      return pageOrigin;
    },
    storage: storage(websiteToken),
    events: {
      incoming(message) {
        toLoader({ type: 'message', payload: { id: message.id, conversationId: message.conversationId, content: message.content, sender: message.sender, createdAt: message.createdAt } });
        if (!visible) toLoader({ type: 'unread', payload: { count: ++unread } });
      },
      active() {
        toLoader({ type: 'active' });
      },
    },
  });

  const root = document.getElementById('app')!;
  const draw = () => render(<App chat={chat} embedded={!!parent} focusKey={focusKey} onClose={() => toLoader({ type: 'close' })} />, root);

  const start = (user: Parameters<Chat['start']>[0] = null, attributes: Parameters<Chat['start']>[1] = null) => {
    if (started) return;
    started = true;
    chat.start(user, attributes);
  };

  if (parent) {
    window.addEventListener('message', (event) => {
      if (event.source !== parent) return;
      if (pageOrigin ? event.origin !== pageOrigin : ancestor !== null && event.origin !== ancestor) return;
      const message = parseToApp(event.data);
      if (!message) return;
      switch (message.type) {
        case 'init':
          if (started) return;
          pageOrigin = event.origin;
          if (message.payload.reset) chat.reset();
          visible = message.payload.open;
          if (visible) focusKey++;
          draw();
          start(message.payload.user, message.payload.attributes);
          break;
        case 'user':
          chat.setUser(message.payload);
          break;
        case 'attributes':
          chat.setAttributes(message.payload);
          break;
        case 'visibility':
          visible = message.payload.open;
          if (visible) {
            unread = 0;
            focusKey++;
            draw();
          }
          break;
        case 'reset':
          unread = 0;
          chat.reset();
          break;
      }
    });
    // No data in it: it only asks the loader for `init` (sent to the loader's origin, checked there).
    parent.postMessage(envelope({ type: 'ready' }), '*');
    // A page whose loader never answers (an old or foreign embed): chat anyway, as the browser's ancestor.
    setTimeout(() => {
      if (started) return;
      pageOrigin = ancestor;
      start();
    }, INIT_TIMEOUT_MS);
  } else start();
  draw();
}

main();
