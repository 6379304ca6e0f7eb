/** Builds thread message elements for the agent console (textContent only, never innerHTML). */
import { contentLabel, formatFull, formatTime, h } from '../shared/dom.js';

const STATUS_LABELS = {
  received: 'Received',
  queued: 'Queued',
  sent: 'Sent ✓',
  delivered: 'Delivered ✓✓',
  read: 'Read ✓✓',
  failed: 'Failed',
};

export function contactName(contact) {
  return contact?.name || contact?.phone || contact?.email || 'Visitor';
}

function senderName(m, contact) {
  if (m.direction === 'in') return m.sender?.name || contactName(contact);
  if (m.sender?.name) return m.sender.name;
  return m.sender?.type === 'bot' ? 'Bot' : m.sender?.type === 'system' ? 'System' : 'Agent';
}

function timeEl(iso) {
  return h('time', { className: 'msg__time', dateTime: iso, title: formatFull(iso), text: formatTime(iso) });
}

/** Only http(s) URLs become links or images: a javascript: or data: URL from a customer never does. */
function safeUrl(url) {
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Customer photos inline; other media and locations as links. */
function mediaElement(content) {
  if (content?.type === 'media') {
    const url = safeUrl(content.url);
    if (!url) return null;
    if (content.mediaType === 'image' || content.mediaType === 'sticker') {
      return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' },
        h('img', { className: 'msg__image', src: url, alt: content.caption || 'Image from the customer', loading: 'lazy', 'data-testid': 'message-image' }));
    }
    return h('a', { className: 'msg__file', href: url, target: '_blank', rel: 'noopener noreferrer', text: content.filename || `Open ${content.mediaType}` });
  }
  if (content?.type === 'location') {
    const url = `https://maps.google.com/?q=${Number(content.latitude)},${Number(content.longitude)}`;
    return h('a', { className: 'msg__file', href: url, target: '_blank', rel: 'noopener noreferrer', text: `📍 ${content.name || 'Location'}` });
  }
  return null;
}

/** A stored MessageView. */
export function messageElement(m, { contact } = {}) {
  const kind = m.kind === 'note' || m.kind === 'activity' ? m.kind : 'normal';
  const base = {
    'data-testid': 'thread-message',
    'data-kind': kind,
    'data-direction': m.direction,
    dataset: { messageId: m.id, createdAt: m.createdAt, clientMessageId: m.clientMessageId ?? undefined },
  };

  if (kind === 'activity') {
    return h('div', { ...base, className: 'msg msg--activity' },
      h('p', { className: 'msg__text', text: contentLabel(m.content) }),
      timeEl(m.createdAt));
  }

  const el = h('div', { ...base, className: `msg msg--${m.direction === 'in' ? 'in' : 'out'}${kind === 'note' ? ' msg--note' : ''}` },
    h('p', { className: 'msg__sender' },
      kind === 'note' ? h('span', { className: 'msg__badge', text: 'Private note' }) : null,
      senderName(m, contact)),
    mediaElement(m.content),
    h('p', { className: 'msg__text', text: m.content?.type === 'media' ? (m.content.caption ?? '') : contentLabel(m.content) }));

  const meta = h('p', { className: 'msg__meta' }, timeEl(m.createdAt));
  if (m.direction === 'out' && kind === 'normal') {
    meta.append(' · ', h('span', {
      className: 'msg__status',
      'data-status': m.status,
      text: STATUS_LABELS[m.status] ?? m.status,
    }));
    if (m.status === 'failed' && m.error?.message) {
      meta.append(h('span', { className: 'msg__error', text: ` — ${m.error.message}` }));
    }
  }
  el.append(meta);
  return el;
}

/**
 * A message being posted: { clientMessageId, text, private, error: string | null }.
 * Failed posts get a Retry button (same clientMessageId, so the server stores it once).
 */
export function pendingElement(p, { onRetry }) {
  const kind = p.private ? 'note' : 'normal';
  const el = h('div', {
    className: `msg msg--out msg--pending${p.private ? ' msg--note' : ''}${p.error ? ' msg--failed' : ''}`,
    'data-testid': 'thread-message',
    'data-kind': kind,
    'data-direction': 'out',
    'data-state': p.error ? 'failed' : 'sending',
    dataset: { clientMessageId: p.clientMessageId },
  },
  h('p', { className: 'msg__sender' },
    p.private ? h('span', { className: 'msg__badge', text: 'Private note' }) : null,
    'You'),
  h('p', { className: 'msg__text', text: p.text }));

  if (p.error) {
    el.append(
      h('p', { className: 'msg__meta msg__error', role: 'alert', text: `Not sent — ${p.error}` }),
      h('button', { type: 'button', className: 'btn btn--small btn--danger', text: 'Retry', on: { click: () => onRetry(p.clientMessageId) } }),
    );
  } else {
    el.append(h('p', { className: 'msg__meta', text: 'Sending…' }));
  }
  return el;
}
