/** Typing indicators, both directions: a throttled emitter and a display that clears itself. */

/**
 * Calls send(true) at most once per `interval` ms while the user keeps typing,
 * and send(false) once when stop() is called after a typing burst.
 */
export function createTypingEmitter(send, interval = 3000) {
  let lastSent = 0;
  let active = false;
  return {
    input() {
      const now = Date.now();
      if (now - lastSent < interval) return;
      lastSent = now;
      active = true;
      send(true);
    },
    stop() {
      if (!active) return;
      active = false;
      lastSent = 0;
      send(false);
    },
    /** Forget the state without emitting (e.g. the conversation changed or the socket dropped). */
    reset() {
      active = false;
      lastSent = 0;
    },
  };
}

/**
 * Renders "<name> is typing…" into `el`; each typer is cleared after `ttl` ms without news.
 * `fallbackName` is used when the server sends no name.
 */
export function createTypingDisplay(el, { ttl = 30_000, fallbackName = 'Someone' } = {}) {
  const typers = new Map(); // key -> { name, timer }

  function render() {
    const names = [...typers.values()].map((t) => t.name);
    if (names.length === 0) el.textContent = '';
    else if (names.length === 1) el.textContent = `${names[0]} is typing…`;
    else el.textContent = `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
    el.hidden = names.length === 0;
  }

  function remove(key) {
    const entry = typers.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    typers.delete(key);
  }

  return {
    set(key, name, typing) {
      remove(key);
      if (typing) {
        const timer = setTimeout(() => { typers.delete(key); render(); }, ttl);
        typers.set(key, { name: name || fallbackName, timer });
      }
      render();
    },
    remove(key) {
      remove(key);
      render();
    },
    clear() {
      for (const key of [...typers.keys()]) remove(key);
      render();
    },
  };
}
