/**
 * The embed loader: `<script src="<PUBLIC_URL>/widget.js" data-website-token="…" async></script>`.
 * Draws the launcher bubble in a shadow root (the page's CSS cannot reach it) and creates the chat
 * iframe (`<PUBLIC_URL>/widget/?websiteToken=…`) on first open; returning visitors with a conversation get it
 * loaded in the background so replies show the unread dot. Installs the SDK on `window.$concierge`.
 * Built as one classic script (no imports at run time), budget 5 KB gzipped.
 */
import { accentOnWhite, inkOn, validColor } from './color.js';
import { envelope, parseToLoader, toAttributes, toUser, type Attributes, type ToApp, type WidgetUser } from './protocol.js';

interface Settings {
  title: string;
  color: string;
  position: 'right' | 'left';
}

type Command = [name: string, ...args: unknown[]];

interface ConciergeSdk {
  version: number;
  setUser(identifier: string, info?: Omit<WidgetUser, 'identifier'>): void;
  setCustomAttributes(attributes: Attributes): void;
  toggle(state?: 'open' | 'close'): void;
  reset(): void;
  isOpen(): boolean;
}

declare global {
  interface Window {
    $concierge?: ConciergeSdk | Command[];
    __conciergeLoaded?: boolean;
  }
}

const CHAT_PATH = 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A2.5 2.5 0 0 1 4 13.5z';
const CLOSE_PATH = 'M6 6l12 12M18 6L6 18';

/** Elements are built, never parsed from HTML: pages enforcing Trusted Types still get the bubble. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function icon(d: string, size: number, cls: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: `${size}`, height: `${size}`, 'aria-hidden': 'true', focusable: 'false', class: cls })) svg.setAttribute(k, v);
  for (const [k, v] of Object.entries({ d, fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })) path.setAttribute(k, v);
  svg.appendChild(path);
  return svg;
}

function css(s: Settings): string {
  const side = s.position === 'left' ? 'left' : 'right';
  return `:host{all:initial}
*{box-sizing:border-box}
.b{position:fixed;${side}:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;padding:0;margin:0;cursor:pointer;display:grid;place-items:center;background:${s.color};color:${inkOn(s.color)};box-shadow:0 6px 20px rgba(0,0,0,.25);transition:transform .15s}
.b:hover{transform:scale(1.05)}
.b:focus{outline:none}
.b:focus-visible{outline:3px solid ${accentOnWhite(s.color)};outline-offset:3px;box-shadow:0 0 0 3px #fff,0 6px 20px rgba(0,0,0,.25)}
.b .x,.o .b .c{display:none}.o .b .x{display:block}
.d{position:absolute;top:2px;${side === 'right' ? 'left' : 'right'}:2px;width:16px;height:16px;border-radius:50%;background:#c62828;border:2px solid #fff}
.p{position:fixed;${side}:20px;bottom:92px;z-index:2147483000;width:380px;height:600px;max-height:calc(100% - 112px);border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 18px 50px rgba(0,0,0,.3)}
.p iframe{border:0;width:100%;height:100%;display:block;color-scheme:normal}
[hidden]{display:none!important}
@media (max-width:667px){.p{inset:0;width:100%;height:100%;max-height:none;border-radius:0}.o .b{display:none}}
@media (prefers-reduced-motion:reduce){.b{transition:none}}`;
}

function boot(): void {
  const w = window;
  const d = document;
  if (w.__conciergeLoaded) return;
  const script = (d.currentScript as HTMLScriptElement | null) ?? d.querySelector<HTMLScriptElement>('script[data-website-token]');
  const token = script?.dataset.websiteToken;
  if (!script || !token) return console.warn('[concierge] widget.js needs data-website-token');
  w.__conciergeLoaded = true;

  const base = new URL('./', script.src);
  const hub = base.origin;
  const flag = `concierge:${token}:active`;
  const zh = /^zh/i.test(navigator.language || '');
  const earlier = Array.isArray(w.$concierge) ? w.$concierge : [];

  let settings: Settings = { title: 'Chat', color: validColor(null), position: 'right' };
  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  let open = false;
  let state: Extract<ToApp, { type: 'init' }>['payload'] = { user: null, attributes: null, open: false, reset: false };
  let wrap: HTMLDivElement;
  let bubble: HTMLButtonElement;
  let panel: HTMLDivElement;
  let dot: HTMLSpanElement;
  let unread = 0;

  const store = (value: string | null) => {
    try {
      if (value) localStorage.setItem(flag, value);
      else localStorage.removeItem(flag);
    } catch {
      /* storage blocked: no background preload */
    }
  };
  const stored = () => {
    try {
      return localStorage.getItem(flag);
    } catch {
      return null;
    }
  };

  const post = (message: ToApp) => {
    if (frame?.contentWindow && ready) frame.contentWindow.postMessage(envelope(message), hub);
  };

  const label = () => {
    const text = open ? (zh ? '关闭聊天' : 'Close chat') : `${zh ? '打开聊天' : 'Open chat'}: ${settings.title}`;
    bubble.setAttribute('aria-label', unread && !open ? `${text} (${zh ? '有新消息' : 'new messages'})` : text);
  };

  const setUnread = (count: number) => {
    unread = count;
    dot.hidden = !count || open;
    label();
  };

  const ensureFrame = () => {
    if (frame) return;
    frame = d.createElement('iframe');
    frame.title = settings.title;
    frame.src = `${base.href}widget/?websiteToken=${encodeURIComponent(token)}`;
    panel.appendChild(frame);
  };

  const show = () => {
    if (open) return;
    open = true;
    state.open = true;
    ensureFrame();
    panel.hidden = false;
    wrap.classList.add('o');
    bubble.setAttribute('aria-expanded', 'true');
    setUnread(0);
    // Focus moves into the chat; the app puts it on its composer once loaded (see `visibility`).
    frame!.focus();
    post({ type: 'visibility', payload: { open: true } });
  };

  const hide = (returnFocus: boolean) => {
    if (!open) return;
    open = false;
    state.open = false;
    panel.hidden = true;
    wrap.classList.remove('o');
    bubble.setAttribute('aria-expanded', 'false');
    label();
    post({ type: 'visibility', payload: { open: false } });
    if (returnFocus) bubble.focus();
  };

  const sdk: ConciergeSdk = {
    version: 1,
    setUser(identifier, info = {}) {
      const user = toUser({ ...info, identifier });
      if (!user) return console.warn('[concierge] setUser(identifier, { name, email, phone, identifierHash }): invalid arguments');
      state.user = user;
      post({ type: 'user', payload: user });
    },
    setCustomAttributes(attributes) {
      const clean = toAttributes(attributes);
      if (!clean) return console.warn('[concierge] setCustomAttributes expects up to 50 flat string/number/boolean/null values');
      state.attributes = { ...state.attributes, ...clean };
      post({ type: 'attributes', payload: clean });
    },
    toggle(next) {
      if (next === 'open' || (next === undefined && !open)) show();
      else hide(false);
    },
    reset() {
      state = { user: null, attributes: null, open, reset: !ready };
      store(null);
      setUnread(0);
      post({ type: 'reset' });
    },
    isOpen: () => open,
  };

  w.addEventListener('message', (event) => {
    // Only our own iframe, from the hub's origin, is listened to.
    if (!frame || event.source !== frame.contentWindow || event.origin !== hub) return;
    const message = parseToLoader(event.data);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        ready = true;
        post({ type: 'init', payload: { ...state } });
        state.reset = false;
        if (open) frame.focus();
        break;
      case 'close':
        hide(true);
        break;
      case 'active':
        store('1');
        break;
      case 'unread':
        setUnread(open ? 0 : message.payload.count);
        break;
      case 'message':
        w.dispatchEvent(new CustomEvent('concierge:on-message', { detail: message.payload }));
        break;
    }
  });

  const draw = () => {
    const host = el('div', { id: 'concierge-widget' });
    const root = host.attachShadow({ mode: 'open' });
    const sheet = css(settings);
    // Constructed stylesheets are not inline styles: pages with a strict style-src CSP still show the bubble.
    try {
      const s = new CSSStyleSheet();
      s.replaceSync(sheet);
      root.adoptedStyleSheets = [s];
    } catch {
      root.appendChild(el('style', {})).textContent = sheet;
    }
    panel = el('div', { class: 'p', role: 'dialog', 'aria-label': settings.title, hidden: '' });
    dot = el('span', { class: 'd', hidden: '' });
    bubble = el('button', { class: 'b', type: 'button', 'aria-expanded': 'false' }, icon(CHAT_PATH, 28, 'c'), icon(CLOSE_PATH, 24, 'x'), dot);
    wrap = el('div', {}, panel, bubble);
    root.appendChild(wrap);
    label();
    bubble.addEventListener('click', () => (open ? hide(true) : show()));
    // Escape while focus is on the page side (the bubble); inside the chat the app asks us to close.
    d.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && open) hide(true);
    });
    d.body.appendChild(host);

    w.$concierge = sdk;
    for (const [name, ...args] of earlier) {
      const fn = (sdk as unknown as Record<string, (...a: unknown[]) => void>)[name];
      if (typeof fn === 'function') fn(...args);
    }
    w.dispatchEvent(new CustomEvent('concierge:ready', { detail: { websiteToken: token } }));
    // A returning visitor's chat connects in the background: replies arrive as the unread dot.
    if (stored() && !frame) setTimeout(ensureFrame, 0);
  };

  fetch(`${base.href}widget/config?websiteToken=${encodeURIComponent(token)}`, { credentials: 'omit' })
    .then(async (res) => {
      if (res.status === 403 || res.status === 404) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        console.warn(`[concierge] chat disabled on this page: ${body?.error?.message ?? res.status}`);
        return false;
      }
      const cfg = res.ok ? ((await res.json()) as Partial<Settings>) : {};
      settings = {
        title: typeof cfg.title === 'string' && cfg.title ? cfg.title : settings.title,
        color: validColor(cfg.color),
        position: cfg.position === 'left' ? 'left' : 'right',
      };
      return true;
    })
    .catch(() => true)
    .then((ok) => {
      if (!ok) return;
      if (d.body) draw();
      else d.addEventListener('DOMContentLoaded', draw);
    });
}

boot();
