import { createStore } from './store.js';

/** Hash routes (the hub serves one index.html at /app/): `#/c/<id>`, `#/settings/<section>`. */
export type Route = { name: 'inbox'; conversationId: string | null } | { name: 'settings'; section: string };

const ID = /^[0-9a-f-]{36}$/i;

function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'settings') return { name: 'settings', section: parts[1] ?? 'inboxes' };
  if (parts[0] === 'c' && parts[1] && ID.test(parts[1])) return { name: 'inbox', conversationId: parts[1] };
  return { name: 'inbox', conversationId: null };
}

export const route = createStore<Route>(parse(window.location.hash));
window.addEventListener('hashchange', () => route.set(parse(window.location.hash)));

export function go(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
  else route.set(parse(hash));
}

export const goConversation = (id: string | null) => go(id ? `#/c/${id}` : '#/');
export const goSettings = (section = 'inboxes') => go(`#/settings/${section}`);
