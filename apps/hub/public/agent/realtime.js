/** socket.io connection to the agent namespace /inbox. */

const EVENTS = [
  'message.created',
  'message.updated',
  'conversation.created',
  'conversation.updated',
  'conversation.typing',
  'presence.updated',
];

/**
 * @param {string} token access token (sent in the handshake `auth`, never in a URL)
 * @param {{ onEvent: (name: string, payload: any) => void,
 *           onStatus: (state: 'connecting' | 'online' | 'offline' | 'unavailable') => void,
 *           onReconnect: () => void,
 *           onUnauthorized: () => void }} handlers
 * @returns {{ emit: (event: string, payload: any) => void, close: () => void }}
 */
export function connectInbox(token, { onEvent, onStatus, onReconnect, onUnauthorized }) {
  const io = globalThis.io;
  if (typeof io !== 'function') {
    onStatus('unavailable');
    return { emit() {}, close() {} };
  }

  onStatus('connecting');
  const socket = io('/inbox', { auth: { token } });
  let connectedBefore = false;
  let closed = false;
  let retryTimer = null;

  socket.on('connect', () => {
    onStatus('online');
    if (connectedBefore) onReconnect();
    connectedBefore = true;
  });

  socket.on('disconnect', (reason) => {
    onStatus('offline');
    // The server dropped us on purpose (e.g. membership changed): socket.io will not retry by itself.
    if (reason === 'io server disconnect' && !closed) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => { if (!closed) socket.connect(); }, 3000);
    }
  });

  socket.on('connect_error', (err) => {
    if (/unauth/i.test(String(err?.message ?? ''))) {
      onUnauthorized();
      return;
    }
    onStatus('offline');
    if (!socket.active && !closed) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => { if (!closed) socket.connect(); }, 5000);
    }
  });

  for (const name of EVENTS) socket.on(name, (payload) => onEvent(name, payload));

  return {
    emit(event, payload) {
      if (socket.connected) socket.emit(event, payload);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      socket.disconnect();
    },
  };
}
