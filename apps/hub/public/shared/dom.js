/**
 * Tiny DOM and formatting helpers shared by the demo store and the agent console.
 * Everything is built with createElement / textContent: never innerHTML with data.
 */

const FORBIDDEN_PROPS = new Set(['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'srcdoc']);

/**
 * Create an element.
 * props: `className`, `text` (textContent), `on` ({ event: handler }), `dataset` ({ key: value }),
 * attribute-like keys (`role`, `for`, anything containing a dash such as `aria-label`, `data-testid`)
 * are set with setAttribute; every other key is assigned as a DOM property (`type`, `hidden`, `disabled`…).
 * children: nodes or strings (strings become text nodes); null/undefined/false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    if (FORBIDDEN_PROPS.has(key)) throw new Error(`h(): ${key} is not allowed`);
    if (key === 'className') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    else if (key === 'dataset') for (const [k, v] of Object.entries(value)) { if (v != null) el.dataset[k] = String(v); }
    else if (key === 'role' || key === 'for' || key.includes('-')) {
      if (value !== false) el.setAttribute(key, value === true ? '' : String(value));
    } else el[key] = value;
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Remove every child of an element. */
export function clear(el) {
  el.replaceChildren();
  return el;
}

/** querySelector that fails loudly when the page markup and the script disagree. */
export function $(selector, root = document) {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`Missing element ${selector}`);
  return el;
}

/** Mirrors contentPreview() from libs/contracts: a short plain-text label for any MessageContent. */
export function contentLabel(content) {
  if (!content || typeof content !== 'object') return '[message]';
  switch (content.type) {
    case 'text':
    case 'buttons':
    case 'list':
    case 'link_button':
    case 'activity':
      return content.text ?? '';
    case 'interactive_reply':
      return content.title ?? '';
    case 'media':
      return content.caption || `[${content.mediaType || 'media'}]`;
    case 'location':
      return content.name || '[location]';
    case 'template':
      return content.preview || `[template ${content.name ?? ''}]`.replace(' ]', ']');
    case 'product_card':
      return content.title || '[product]';
    case 'product_list':
      return content.header || '[products]';
    case 'cart':
      return `[order: ${(content.items ?? []).length} items]`;
    case 'order_summary':
      return '[order]';
    case 'video_call_invite':
      return '[video call]';
    default:
      return `[${String(content.type ?? 'message').replace(/_/g, ' ')}]`;
  }
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekdayTimeFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function toDate(value) {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "14:05" in the viewer's locale and time zone. */
export function formatTime(value) {
  const d = toDate(value);
  return d ? timeFmt.format(d) : '';
}

/** A moment in local time: "14:05" today, "Tue 09:00" within a week, a full date otherwise. */
export function formatWhen(value, now = new Date()) {
  const d = toDate(value);
  if (!d) return '';
  if (sameDay(d, now)) return timeFmt.format(d);
  const days = Math.abs(d.getTime() - now.getTime()) / 86_400_000;
  return days < 6 ? weekdayTimeFmt.format(d) : dateTimeFmt.format(d);
}

/** Compact age for lists: "now", "5m", "3h", "2d", then a short date. */
export function formatAge(value, now = Date.now()) {
  const d = toDate(value);
  if (!d) return '';
  const minutes = Math.floor((now - d.getTime()) / 60_000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}h`;
  if (minutes < 7 * 24 * 60) return `${Math.floor(minutes / 1440)}d`;
  return dateFmt.format(d);
}

/** Full timestamp for title/tooltips. */
export function formatFull(value) {
  const d = toDate(value);
  return d ? dateTimeFmt.format(d) : '';
}

/** Milliseconds since the epoch, for ordering (tolerates differing ISO precisions). */
export function timeOf(value) {
  const t = Date.parse(value);
  return Number.isNaN(t) ? 0 : t;
}

/** crypto.randomUUID() only exists in secure contexts (https or localhost); fall back to a v4 UUID. */
export function uuid() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True when a scrollable element is (almost) scrolled to the bottom. */
export function nearBottom(el, slack = 48) {
  return el.scrollHeight - el.scrollTop - el.clientHeight <= slack;
}

/** Enter submits, Shift+Enter inserts a newline (and IME composition is left alone). */
export function submitOnEnter(textarea, submit) {
  textarea.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    submit();
  });
}
