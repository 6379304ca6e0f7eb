/** Demo store page: loads the web-chat config and wires the chat box to the /webchat namespace. */
import { createChatSession } from './chat-session.js';
import { createChatView } from './chat-ui.js';

const view = createChatView(document);

async function loadConfig() {
  const res = await fetch('/demo/config.json', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`config.json answered ${res.status}`);
  const config = await res.json();
  if (!config || typeof config.websiteToken !== 'string' || !config.websiteToken) throw new Error('config.json has no websiteToken');
  return config;
}

try {
  const config = await loadConfig();
  view.setBrand(config.brandName);
  const chat = createChatSession({ websiteToken: config.websiteToken, view });
  view.bind({
    send: (text) => chat.send(text),
    retry: (clientMessageId) => chat.retry(clientMessageId),
    typingInput: () => chat.typingInput(),
    typingStop: () => chat.typingStop(),
    open: () => chat.connect(),
  });
  // Returning visitors reconnect at once so replies and unsent messages are picked up;
  // first-time visitors only connect when they open the chat.
  if (chat.hasHistory()) chat.connect();
} catch (err) {
  console.error('[concierge demo]', err);
  view.setConnection('unavailable');
}
