// Renders what the brand sent, from the raw provider request the sandbox recorded.
import { el, safeUrl } from './dom.js';

const mediaSrc = (media) => (media?.id ? `/sandbox/api/media/${encodeURIComponent(media.id)}` : safeUrl(media?.link));

function mediaNode(kind, src, caption, filename) {
  if (!src) return el('p', { class: 'note', text: `[${kind}]` });
  const parts = [];
  if (kind === 'image' || kind === 'sticker') parts.push(el('img', { class: kind === 'sticker' ? 'sticker' : 'media', src, alt: caption || kind, loading: 'lazy' }));
  else if (kind === 'video') parts.push(el('video', { class: 'media', src, controls: true, preload: 'metadata' }));
  else if (kind === 'audio') parts.push(el('audio', { src, controls: true, preload: 'metadata' }));
  else parts.push(el('a', { class: 'doc', href: src, target: '_blank', rel: 'noopener noreferrer', text: `📄 ${filename || 'document'}` }));
  if (caption) parts.push(el('p', { class: 'text', text: caption }));
  return parts;
}

const kindOfUrl = (url) => (/\.(png|jpe?g|gif|webp)(\?|$)/i.test(url) ? 'image' : /\.(mp4|3gp)(\?|$)/i.test(url) ? 'video' : /\.(mp3|ogg|aac|amr)(\?|$)/i.test(url) ? 'audio' : 'document');

const textNode = (value) => (value ? el('p', { class: 'text', text: value }) : null);
const linkButton = (label, href) => (href ? el('a', { class: 'cta', href, target: '_blank', rel: 'noopener noreferrer', text: `↗ ${label}` }) : null);
const location = (lat, lng, name, address) => el('div', { class: 'location' }, el('strong', { text: `📍 ${name || 'Location'}` }), address ? el('span', { text: address }) : null, el('span', { class: 'coords', text: `${lat}, ${lng}` }));

function replyButtons(buttons, messageId, act) {
  return el('div', { class: 'buttons' }, buttons.map((b) => el('button', { type: 'button', class: 'reply', text: b.title, onclick: () => act.reply({ buttonId: b.id, title: b.title, messageId }) })));
}

function listPicker(label, rows, messageId, act) {
  const panel = el('div', { class: 'list-panel', hidden: true }, rows.map((row) =>
    el('button', { type: 'button', class: 'row', onclick: () => act.reply({ listRowId: row.id, title: row.title, description: row.description, messageId }) },
      row.section ? el('small', { text: row.section }) : null, el('span', { text: row.title }), row.description ? el('small', { text: row.description }) : null)));
  const toggle = el('button', { type: 'button', class: 'reply', text: `☰ ${label || 'Options'}`, onclick: () => (panel.hidden = !panel.hidden) });
  return el('div', { class: 'buttons' }, toggle, panel);
}

function cloudInteractive(i, id, act) {
  const header = i.header?.type === 'text' ? el('p', { class: 'header', text: i.header.text }) : i.header ? mediaNode(i.header.type, mediaSrc(i.header[i.header.type])) : null;
  const parts = [header, textNode(i.body?.text), i.footer?.text ? el('p', { class: 'footer', text: i.footer.text }) : null];
  const action = i.action ?? {};
  if (i.type === 'button') parts.push(replyButtons((action.buttons ?? []).map((b) => b.reply ?? {}), id, act));
  else if (i.type === 'list') parts.push(listPicker(action.button, (action.sections ?? []).flatMap((s) => (s.rows ?? []).map((r) => ({ ...r, section: s.title }))), id, act));
  else if (i.type === 'cta_url') parts.push(linkButton(action.parameters?.display_text ?? 'Open', safeUrl(action.parameters?.url)));
  else if (i.type === 'product') parts.push(el('div', { class: 'product' }, el('strong', { text: `🛍 ${action.product_retailer_id}` }), el('small', { text: `catalog ${action.catalog_id}` })));
  else if (i.type === 'product_list') {
    for (const section of action.sections ?? []) {
      parts.push(el('div', { class: 'product' }, el('strong', { text: section.title }), (section.product_items ?? []).map((p) => el('span', { text: `🛍 ${p.product_retailer_id}` }))));
    }
  } else parts.push(el('p', { class: 'note', text: `[interactive ${i.type}]` }));
  return parts;
}

function cloudTemplate(t, id, act) {
  const parts = [el('p', { class: 'template', text: `Template · ${t.name} · ${t.language?.code ?? ''}` })];
  for (const component of t.components ?? []) {
    const values = (component.parameters ?? []).map((p) => p.text ?? p.payload ?? p.currency?.fallback_value ?? p.date_time?.fallback_value ?? (p[p.type]?.link ? null : p.type));
    const media = (component.parameters ?? []).find((p) => ['image', 'video', 'document'].includes(p.type));
    if (media) parts.push(mediaNode(media.type, mediaSrc(media[media.type])));
    if (component.type === 'button' && component.sub_type === 'quick_reply') {
      const payload = component.parameters?.find((p) => p.type === 'payload')?.payload ?? `button-${component.index}`;
      parts.push(replyButtons([{ id: payload, title: payload }], id, act));
    } else if (values.filter(Boolean).length) {
      parts.push(el('p', { class: 'text' }, el('small', { text: `${component.type}: ` }), values.filter(Boolean).join(' · ')));
    }
  }
  return parts;
}

function cloudContent(record, act) {
  const r = record.request;
  const type = r.type ?? 'text';
  const payload = r[type] ?? {};
  if (type === 'text') return [textNode(payload.body)];
  if (['image', 'video', 'audio', 'document', 'sticker'].includes(type)) return [mediaNode(type, mediaSrc(payload), payload.caption, payload.filename)];
  if (type === 'location') return [location(payload.latitude, payload.longitude, payload.name, payload.address)];
  if (type === 'interactive') return cloudInteractive(payload, record.id, act);
  if (type === 'template') return cloudTemplate(payload, record.id, act);
  if (type === 'reaction') return [el('p', { class: 'note', text: `reacted ${payload.emoji || '(removed)'}` })];
  if (type === 'contacts') return [el('p', { class: 'text', text: `👤 ${(r.contacts ?? []).map((c) => c.name?.formatted_name).join(', ')}` })];
  return [el('p', { class: 'note', text: `[${type}]` })];
}

const TWILIO_ORDER = ['twilio/quick-reply', 'twilio/list-picker', 'twilio/card', 'whatsapp/card', 'twilio/call-to-action', 'twilio/media', 'twilio/location', 'twilio/catalog', 'twilio/text'];

function twilioActions(actions, id, act) {
  const replies = actions.filter((a) => (a.type ?? 'QUICK_REPLY') === 'QUICK_REPLY').map((a) => ({ id: a.id, title: a.title }));
  const links = actions.filter((a) => a.type === 'URL' || a.type === 'PHONE_NUMBER').map((a) => linkButton(a.title, a.type === 'URL' ? safeUrl(a.url) : `tel:${String(a.phone ?? '').replace(/[^\d+]/g, '')}`));
  return [replies.length ? replyButtons(replies, id, act) : null, ...links];
}

function twilioContent(record, act, sms) {
  const types = record.content.types ?? {};
  const order = sms ? ['twilio/text', 'twilio/media', ...TWILIO_ORDER] : TWILIO_ORDER;
  const kind = order.find((k) => types[k]) ?? Object.keys(types)[0];
  const c = types[kind] ?? {};
  const media = (c.media ?? []).map((url) => mediaNode(kindOfUrl(url), safeUrl(url)));
  const head = el('p', { class: 'template', text: `Content · ${record.content.friendly_name ?? record.content.sid}` });
  if (kind === 'twilio/quick-reply') return [head, textNode(c.body), replyButtons(c.actions ?? [], record.id, act)];
  if (kind === 'twilio/list-picker') return [head, textNode(c.body), listPicker(c.button, (c.items ?? []).map((i) => ({ id: i.id, title: i.item, description: i.description })), record.id, act)];
  if (kind === 'twilio/card' || kind === 'whatsapp/card') return [head, ...media, el('p', { class: 'header', text: c.title ?? c.header_text ?? '' }), textNode(c.subtitle ?? c.body), ...twilioActions(c.actions ?? [], record.id, act)];
  if (kind === 'twilio/call-to-action') return [head, textNode(c.body), ...twilioActions(c.actions ?? [], record.id, act)];
  if (kind === 'twilio/location') return [head, location(c.latitude, c.longitude, c.label)];
  return [head, ...media, textNode(c.body)];
}

/** Nodes for the body of a brand bubble. `act.reply(replyTo)` answers a button or list row. */
export function brandContent(record, act) {
  if (record.provider === 'whatsapp_cloud') return cloudContent(record, act);
  const form = record.request;
  if (record.content) return twilioContent(record, act, record.provider === 'twilio_sms');
  const parts = [].concat(form.MediaUrl ?? []).map((url) => mediaNode(kindOfUrl(url), safeUrl(url)));
  if (form.ContentSid) parts.push(el('p', { class: 'template', text: `Content template ${form.ContentSid}` }), textNode(form.ContentVariables ? `variables ${form.ContentVariables}` : ''));
  parts.push(textNode(form.Body));
  return parts;
}
