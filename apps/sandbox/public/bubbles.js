// Chat bubbles: the brand's messages (left) and the customer's own (right, with ticks).
import { brandContent } from './brand-content.js';
import { el, timeOf } from './dom.js';

const STATUS_NOTE = { failed: 'not delivered', undelivered: 'not delivered' };

export function brandBubble(record, act) {
  const last = record.statuses.at(-1);
  const failed = last && STATUS_NOTE[last.status];
  return el(
    'li',
    { class: `bubble brand${failed ? ' failed' : ''}`, 'data-id': record.id },
    el('div', { class: 'content' }, brandContent(record, act)),
    failed ? el('p', { class: 'note', text: `⚠ ${failed}${last.errorCode ? ` (error ${last.errorCode})` : ''} — the real customer would never see this` }) : null,
    el('span', { class: 'meta', text: timeOf(record.createdAt) }),
  );
}

/** ✓ accepted by the provider · ✓✓ the hub acknowledged the webhook · blue ✓✓ the brand read it · ⚠ hub failed. */
function ticks(record, webhook) {
  if (record.readAt) return el('span', { class: 'ticks read', title: 'Read by the brand', text: '✓✓' });
  if (webhook?.delivered) return el('span', { class: 'ticks', title: 'Delivered to the hub', text: '✓✓' });
  if (webhook && !webhook.pending) {
    const last = webhook.attempts.at(-1);
    return el('span', { class: 'ticks error', title: `Hub answered ${last?.statusCode ?? last?.error ?? 'nothing'} after ${webhook.attempts.length} attempt(s)`, text: '⚠' });
  }
  if (webhook?.attempts?.length) return el('span', { class: 'ticks', title: 'Hub failed; the provider will retry', text: '⏳' });
  return el('span', { class: 'ticks', title: 'Sent', text: '✓' });
}

function customerContent(record) {
  if (record.media) {
    const src = record.media.url;
    const type = record.media.mimeType;
    const node = type.startsWith('image/')
      ? el('img', { class: 'media', src, alt: record.text || 'image' })
      : type.startsWith('video/')
        ? el('video', { class: 'media', src, controls: true })
        : type.startsWith('audio/')
          ? el('audio', { src, controls: true })
          : el('a', { class: 'doc', href: src, target: '_blank', rel: 'noopener noreferrer', text: `📄 ${record.media.filename || 'document'}` });
    return [node, record.text ? el('p', { class: 'text', text: record.text }) : null];
  }
  if (record.location) {
    const { latitude, longitude, name } = record.location;
    return [el('div', { class: 'location' }, el('strong', { text: `📍 ${name || 'Location'}` }), el('span', { class: 'coords', text: `${latitude}, ${longitude}` }))];
  }
  if (record.reply) return [el('p', { class: 'quote', text: record.kind === 'list' ? 'selected from the list' : 'tapped a button' }), el('p', { class: 'text', text: record.reply.title })];
  return [el('p', { class: 'text', text: record.text ?? '' })];
}

export function customerBubble(record, webhook) {
  return el(
    'li',
    { class: 'bubble customer', 'data-id': record.id },
    el('div', { class: 'content' }, customerContent(record)),
    record.optOut ? el('p', { class: 'note', text: record.optOut === 'STOP' ? 'Opted out: the provider now refuses messages from this line (21610).' : 'Opted back in.' }) : null,
    el('span', { class: 'meta' }, timeOf(record.createdAt), ' ', ticks(record, webhook)),
  );
}
