// The customer's phone: pick a line and a number, chat, tap the brand's buttons. Live updates over SSE.
import { api, urlKey } from './api.js';
import { brandBubble, customerBubble } from './bubbles.js';
import { digits, el } from './dom.js';

const $ = (id) => document.getElementById(id);
const PROVIDERS = { twilio_sms: 'Twilio SMS', twilio_whatsapp: 'Twilio WhatsApp', whatsapp_cloud: 'WhatsApp Cloud' };
const state = { lines: [], line: null, phone: '', name: '', outbound: new Map(), inbound: new Map(), webhooks: new Map(), nodes: new Map(), reported: new Set(), unread: new Set(), source: null, typing: null };

const samePhone = (phone) => digits(phone) === digits(state.phone);
const mine = (provider) => state.line && provider === state.line.provider;
const act = { reply: (replyTo) => send({ replyTo }) };

function toast(message) {
  const node = $('toast');
  node.textContent = message;
  node.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (node.hidden = true), 4000);
}

async function loadLines(selected) {
  state.lines = await api.lines();
  const select = $('line-select');
  select.replaceChildren(...state.lines.map((line) => el('option', { value: urlKey(line), text: `${PROVIDERS[line.provider]} · ${line.address}` })));
  if (selected && state.lines.some((l) => urlKey(l) === selected)) select.value = selected;
  if (!state.lines.length) select.append(el('option', { value: '', text: 'No line registered yet' }));
  showLineInfo();
}

function showLineInfo() {
  const line = state.lines.find((l) => urlKey(l) === $('line-select').value);
  $('line-info').textContent = line ? `Webhooks go to ${line.webhookUrl}` : '';
}

function place(id, node) {
  const old = state.nodes.get(id);
  if (old) old.replaceWith(node);
  else $('thread').append(node);
  state.nodes.set(id, node);
  if (!old) node.scrollIntoView({ block: 'end' });
}

function showOutbound(record) {
  state.outbound.set(record.id, record);
  place(record.id, brandBubble(record, act));
  const failed = record.statuses.some((s) => s.status === 'failed');
  if (record.provider !== 'twilio_sms' && !failed && !state.reported.has(record.id)) state.unread.add(record.id);
  reportRead();
}

function showInbound(record) {
  state.inbound.set(record.id, record);
  place(record.id, customerBubble(record, state.webhooks.get(record.id)));
}

/** WhatsApp sends `read` once the message is on screen: report what is displayed while the page is visible. */
function reportRead() {
  if (document.visibilityState !== 'visible' || !state.unread.size || reportRead.timer) return;
  reportRead.timer = setTimeout(async () => {
    reportRead.timer = null;
    const ids = [...state.unread];
    state.unread.clear();
    ids.forEach((id) => state.reported.add(id));
    await api.read(urlKey(state.line), state.phone, ids).catch((error) => toast(error.message));
  }, 250);
}

function setTyping(on) {
  clearTimeout(state.typing);
  $('chat-subtitle').textContent = on ? 'typing…' : `you are ${state.name || state.phone}`;
  $('chat-subtitle').classList.toggle('typing', on);
  state.typing = on ? setTimeout(() => setTyping(false), 25_000) : null;
}

function subscribe() {
  state.source?.close();
  const source = new EventSource(`/sandbox/api/events?line=${encodeURIComponent(state.line.key)}`);
  const on = (type, handle) => source.addEventListener(type, (event) => handle(JSON.parse(event.data)));
  on('outbound.created', (record) => {
    if (!mine(record.provider) || !samePhone(record.to)) return;
    setTyping(false);
    showOutbound(record);
  });
  on('outbound.status', (update) => {
    const record = state.outbound.get(update.id);
    if (!record) return;
    record.statuses.push({ status: update.status, at: update.at, errorCode: update.errorCode });
    if (update.status === 'failed') showOutbound(record);
  });
  on('inbound.created', (record) => mine(record.provider) && samePhone(record.from) && showInbound(record));
  on('webhook.attempt', (update) => {
    const record = update.kind === 'inbound' && state.inbound.get(update.messageId);
    if (!record) return;
    const previous = state.webhooks.get(update.messageId) ?? { attempts: [] };
    state.webhooks.set(update.messageId, { attempts: [...previous.attempts, update.attempt], delivered: update.delivered, pending: update.pending });
    showInbound(record);
  });
  on('inbound.read', (update) => {
    if (!samePhone(update.phone)) return;
    for (const id of update.ids) {
      const record = state.inbound.get(id);
      if (record) showInbound(Object.assign(record, { readAt: update.at }));
    }
  });
  on('typing', (update) => samePhone(update.phone) && setTyping(true));
  on('line.registered', () => loadLines($('line-select').value));
  on('records.cleared', () => openChat());
  state.source = source;
}

async function openChat() {
  const key = $('line-select').value;
  const line = state.lines.find((l) => urlKey(l) === key);
  const phone = $('phone-input').value.trim();
  if (!line) return toast('Register a line first');
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return toast('The customer number must be E.164, e.g. +14155550123');
  Object.assign(state, { line, phone, name: $('name-input').value.trim() });
  for (const map of [state.outbound, state.inbound, state.webhooks, state.nodes]) map.clear();
  state.unread.clear();
  localStorage.setItem('sandbox.phone', JSON.stringify({ key, phone, name: state.name }));
  $('thread').replaceChildren();
  $('chat-title').textContent = line.address;
  $('provider-badge').textContent = PROVIDERS[line.provider];
  document.body.dataset.provider = line.provider;
  $('keywords').hidden = line.provider !== 'twilio_sms';
  $('location-button').hidden = line.provider === 'twilio_sms';
  setTyping(false);
  subscribe();
  const thread = await api.thread(key, phone);
  for (const webhook of thread.webhooks) state.webhooks.set(webhook.messageId, webhook);
  const items = [...thread.outbound.map((r) => ({ r, out: true })), ...thread.inbound.map((r) => ({ r, out: false }))];
  items.sort((a, b) => a.r.createdAt.localeCompare(b.r.createdAt));
  for (const { r, out } of items) (out ? showOutbound : showInbound)(r);
}

async function send(message) {
  if (!state.line) return toast('Open a chat first');
  try {
    const result = await api.send(urlKey(state.line), { from: state.phone, profileName: state.name || undefined, ...message });
    if (result.status === null) toast(`The hub is unreachable (${result.error})${result.willRetry ? '; the provider will retry' : ''}`);
    else if (result.status >= 300) toast(`The hub answered ${result.status}${result.willRetry ? '; the provider will retry' : ''}`);
  } catch (error) {
    toast(error.message);
  }
}

const EXAMPLES = {
  twilio_sms: { provider: 'twilio_sms', accountSid: 'AC00000000000000000000000000000001', authToken: 'sandbox-token', phoneNumber: '+15550001111', webhookUrl: 'http://localhost:3000/webhooks/twilio/<inboxId>' },
  twilio_whatsapp: { provider: 'twilio_whatsapp', accountSid: 'AC00000000000000000000000000000001', authToken: 'sandbox-token', phoneNumber: '+15550002222', webhookUrl: 'http://localhost:3000/webhooks/twilio/<inboxId>' },
  whatsapp_cloud: { provider: 'whatsapp_cloud', phoneNumberId: '100000000000001', displayPhoneNumber: '+15550003333', wabaId: '200000000000001', accessToken: 'sandbox-access-token', appSecret: 'sandbox-app-secret', webhookUrl: 'http://localhost:3000/webhooks/whatsapp/<inboxId>' },
};

function wire() {
  $('base-url').textContent = location.origin;
  $('line-select').addEventListener('change', showLineInfo);
  $('open-button').addEventListener('click', () => openChat().catch((error) => toast(error.message)));
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('text-input').value.trim();
    if (!text) return;
    $('text-input').value = '';
    send({ text });
  });
  $('attach-button').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', () => {
    const file = $('file-input').files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const caption = $('text-input').value.trim();
      $('text-input').value = '';
      $('file-input').value = '';
      send({ text: caption || undefined, media: { mimeType: file.type || 'application/octet-stream', dataBase64: String(reader.result).split(',')[1] ?? '', filename: file.name } });
    };
    reader.readAsDataURL(file);
  });
  $('location-button').addEventListener('click', () => ($('location-form').hidden = !$('location-form').hidden));
  $('location-form').addEventListener('submit', (event) => {
    event.preventDefault();
    $('location-form').hidden = true;
    send({ location: { latitude: Number($('lat-input').value), longitude: Number($('lng-input').value), name: $('place-input').value.trim() || undefined } });
  });
  $('keywords').addEventListener('click', (event) => event.target.dataset?.keyword && send({ text: event.target.dataset.keyword }));
  const example = () => ($('new-line-json').value = JSON.stringify(EXAMPLES[$('new-line-provider').value], null, 2));
  $('new-line-provider').addEventListener('change', example);
  example();
  $('add-line-button').addEventListener('click', async () => {
    try {
      const line = await api.addLine(JSON.parse($('new-line-json').value));
      await loadLines(urlKey(line));
      toast(`Line ${line.address} registered`);
    } catch (error) {
      toast(error.message);
    }
  });
  document.addEventListener('visibilitychange', reportRead);
}

async function start() {
  wire();
  const saved = JSON.parse(localStorage.getItem('sandbox.phone') ?? '{}');
  $('phone-input').value = saved.phone ?? '+14155550123';
  $('name-input').value = saved.name ?? 'Ada Lovelace';
  await loadLines(saved.key);
  if (state.lines.length) await openChat();
}

start().catch((error) => toast(error.message));
