/**
 * The customer's phone: turns what the customer does into the provider's exact inbound webhook, signs it,
 * POSTs it to the hub (retrying like the provider) and keeps the provider-side state (window, opt-out).
 */
import { randomUUID } from 'node:crypto';
import type { SandboxContext } from './context.js';
import { inboundWebhook, metaHeaders } from './graph-wire.js';
import { digits, E164, graphId, sha256Hex, twilioSid, wamid } from './ids.js';
import { lineId, lineKey, newWebhookId } from './store.js';
import { formBody, inboundParams, signTwilio, START_WORDS, STOP_WORDS, type TwilioInbound } from './twilio-wire.js';
import type { CloudLineConfig, InboundRecord, LineConfig, TwilioLineConfig, WebhookAttempt, WebhookRecord } from './types.js';

export interface PhoneMessage {
  from: string;
  profileName?: string;
  text?: string;
  media?: { mimeType: string; dataBase64: string; filename?: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  replyTo?: { buttonId?: string; listRowId?: string; title: string; description?: string; messageId?: string };
}

export class PhoneInputError extends Error {}

export interface PhoneSendResult {
  inbound: InboundRecord;
  webhook: WebhookRecord;
  first: WebhookAttempt;
}

const mediaType = (mime: string): 'image' | 'video' | 'audio' | 'document' =>
  mime.startsWith('image/') ? 'image' : mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio' : 'document';

function check(line: LineConfig, input: PhoneMessage): void {
  if (!input || typeof input.from !== 'string' || !E164.test(input.from)) throw new PhoneInputError('from must be an E.164 phone number');
  const parts = [input.text || input.media, input.location, input.replyTo].filter(Boolean).length;
  if (parts !== 1) throw new PhoneInputError('send exactly one of text (optionally with media), media, location or replyTo');
  if (input.media && (typeof input.media.mimeType !== 'string' || typeof input.media.dataBase64 !== 'string')) {
    throw new PhoneInputError('media needs mimeType and dataBase64');
  }
  if (input.location && !(Number.isFinite(input.location.latitude) && Number.isFinite(input.location.longitude))) {
    throw new PhoneInputError('location needs numeric latitude and longitude');
  }
  if (input.replyTo && (typeof input.replyTo.title !== 'string' || !(input.replyTo.buttonId || input.replyTo.listRowId))) {
    throw new PhoneInputError('replyTo needs a title and a buttonId or listRowId');
  }
  if (line.provider === 'twilio_sms' && (input.location || input.replyTo)) throw new PhoneInputError('SMS carries only text and media');
  if (line.provider === 'whatsapp_cloud' && input.media && input.text && mediaType(input.media.mimeType) === 'audio') {
    throw new PhoneInputError('WhatsApp audio messages carry no caption');
  }
}

export async function sendFromPhone(ctx: SandboxContext, line: LineConfig, input: PhoneMessage): Promise<PhoneSendResult> {
  check(line, input);
  ctx.store.touchWindow(lineId(line), input.from);
  return line.provider === 'whatsapp_cloud' ? sendCloud(ctx, line, input) : sendTwilio(ctx, line, input);
}

function baseRecord(ctx: SandboxContext, line: LineConfig, input: PhoneMessage, id: string): InboundRecord {
  const record: InboundRecord = {
    id,
    provider: line.provider,
    line: lineKey(line),
    from: input.from,
    kind: input.location ? 'location' : input.replyTo ? (input.replyTo.buttonId ? 'button' : 'list') : input.media ? 'media' : 'text',
    createdAt: new Date(ctx.store.now()).toISOString(),
    webhookId: newWebhookId(),
  };
  if (input.profileName) record.profileName = input.profileName;
  if (input.text) record.text = input.text;
  if (input.location) record.location = input.location;
  if (input.replyTo) record.reply = { id: (input.replyTo.buttonId ?? input.replyTo.listRowId)!, title: input.replyTo.title, messageId: input.replyTo.messageId };
  return record;
}

async function sendTwilio(ctx: SandboxContext, line: TwilioLineConfig, input: PhoneMessage): Promise<PhoneSendResult> {
  const sid = twilioSid(input.media ? 'MM' : 'SM');
  const record = baseRecord(ctx, line, input, sid);
  const message: TwilioInbound = { sid, from: input.from, profileName: input.profileName, body: input.text ?? '', media: [], messageType: 'text' };
  if (input.media) {
    const bytes = Buffer.from(input.media.dataBase64, 'base64');
    const mediaSid = twilioSid('ME');
    ctx.store.putMedia({ id: mediaSid, line: lineId(line), mimeType: input.media.mimeType, filename: input.media.filename, bytes, sha256: sha256Hex(bytes), accountSid: line.accountSid, messageSid: sid });
    const url = `${ctx.baseUrl}/2010-04-01/Accounts/${line.accountSid}/Messages/${sid}/Media/${mediaSid}`;
    message.media.push({ url, mimeType: input.media.mimeType });
    message.messageType = mediaType(input.media.mimeType);
    record.media = { id: mediaSid, mimeType: input.media.mimeType, filename: input.media.filename, url: `/sandbox/api/media/${mediaSid}` };
  }
  if (input.location) Object.assign(message, { location: input.location, messageType: 'location' });
  if (input.replyTo) {
    const { buttonId, listRowId, title, description, messageId } = input.replyTo;
    message.body = title;
    message.repliedTo = messageId;
    if (buttonId) Object.assign(message, { button: { payload: buttonId, text: title }, messageType: 'button' });
    else Object.assign(message, { listItem: { id: listRowId!, title, description }, messageType: 'interactive' });
  }
  if (line.provider === 'twilio_sms' && input.text) {
    // Twilio handles the carrier keywords itself and still forwards the message to the webhook.
    const word = input.text.trim().toUpperCase();
    if (STOP_WORDS.has(word)) record.optOut = 'STOP';
    if (START_WORDS.has(word)) record.optOut = 'START';
    if (record.optOut) ctx.store.setOptOut(lineId(line), input.from, record.optOut === 'STOP');
  }
  ctx.store.addInbound(record);
  const params = inboundParams(line, message);
  const { record: webhook, first } = await ctx.dispatcher.deliver({
    id: record.webhookId,
    kind: 'inbound',
    provider: line.provider,
    line: line.phoneNumber,
    url: line.webhookUrl,
    messageId: sid,
    contentType: 'application/x-www-form-urlencoded',
    body: formBody(params),
    headers: {
      'User-Agent': 'TwilioProxy/1.1',
      'I-Twilio-Idempotency-Token': randomUUID(),
      'X-Twilio-Signature': signTwilio(line.authToken, line.webhookUrl, params),
    },
    retryDelaysMs: ctx.retry.twilioDelaysMs,
  });
  return { inbound: record, webhook, first };
}

async function sendCloud(ctx: SandboxContext, line: CloudLineConfig, input: PhoneMessage): Promise<PhoneSendResult> {
  const id = wamid(digits(input.from));
  const record = baseRecord(ctx, line, input, id);
  let content: Record<string, unknown>;
  if (input.media) {
    const bytes = Buffer.from(input.media.dataBase64, 'base64');
    const mediaId = graphId();
    const sha256 = sha256Hex(bytes);
    ctx.store.putMedia({ id: mediaId, line: lineId(line), mimeType: input.media.mimeType, filename: input.media.filename, bytes, sha256 });
    const type = mediaType(input.media.mimeType);
    const item: Record<string, unknown> = { mime_type: input.media.mimeType, sha256, id: mediaId };
    if (input.text) item.caption = input.text;
    if (type === 'document' && input.media.filename) item.filename = input.media.filename;
    content = { type, [type]: item };
    record.media = { id: mediaId, mimeType: input.media.mimeType, filename: input.media.filename, url: `/sandbox/api/media/${mediaId}` };
  } else if (input.location) {
    content = { type: 'location', location: { ...input.location } };
  } else if (input.replyTo) {
    const { buttonId, listRowId, title, description, messageId } = input.replyTo;
    const repliedTo = messageId ? ctx.store.findOutbound(messageId) : undefined;
    if (buttonId && repliedTo?.kind === 'template') content = { type: 'button', button: { payload: buttonId, text: title } };
    else if (buttonId) content = { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: buttonId, title } } };
    else content = { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: listRowId, title, ...(description ? { description } : {}) } } };
  } else {
    content = { type: 'text', text: { body: input.text } };
  }
  ctx.store.addInbound(record);
  const body = JSON.stringify(inboundWebhook(line, { id, from: input.from, profileName: input.profileName, nowMs: ctx.store.now(), content, contextId: input.replyTo?.messageId }));
  const { record: webhook, first } = await ctx.dispatcher.deliver({
    id: record.webhookId,
    kind: 'inbound',
    provider: 'whatsapp_cloud',
    line: line.phoneNumberId,
    url: line.webhookUrl,
    messageId: id,
    contentType: 'application/json',
    body,
    headers: metaHeaders(line, body),
    retryDelaysMs: ctx.retry.metaDelaysMs,
  });
  return { inbound: record, webhook, first };
}
