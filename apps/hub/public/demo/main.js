/**
 * Demo store page: embeds the Concierge widget the way a brand does (the loader script with the inbox's
 * website token) and uses its SDK — "Ask about this …" records the product as a custom attribute on the
 * visitor's contact and opens the chat.
 */
const note = document.getElementById('chat-note');

async function embed() {
  const res = await fetch('/demo/config.json', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`config.json answered ${res.status}`);
  const { websiteToken } = await res.json();
  if (typeof websiteToken !== 'string' || !websiteToken) throw new Error('config.json has no websiteToken');
  const script = document.createElement('script');
  script.src = '/widget.js';
  script.async = true;
  script.dataset.websiteToken = websiteToken;
  document.head.appendChild(script);
}

window.addEventListener('concierge:ready', () => {
  for (const button of document.querySelectorAll('.product__ask')) {
    button.disabled = false;
    button.addEventListener('click', () => {
      window.$concierge.setCustomAttributes({ interestedIn: button.dataset.product });
      window.$concierge.toggle('open');
    });
  }
});

window.addEventListener('concierge:on-message', (event) => {
  const name = event.detail?.sender?.name;
  if (note && !window.$concierge.isOpen()) note.textContent = name ? `New message from ${name} in the chat.` : 'New message in the chat.';
});

embed().catch((error) => {
  console.error('[concierge demo]', error);
  if (note) note.textContent = 'The chat is not available right now.';
});
