import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { InboundMessageItem } from '@concierge/channels-core';
import { toInboundItems } from './inbound-mapper.js';
import { FakeWhatsappClient } from './testing/fake-whatsapp-client.js';
import { fakeWhatsappWeb, settle, until } from './testing/harness.js';
import { rawGroupText, rawLocation, rawMedia, rawOutgoing, rawStatus, rawText, wid } from './testing/raw-models.js';

const CUSTOMER = '6281299990000@c.us';
const PNG_BASE64 = Buffer.from('\x89PNG\r\n\x1a\nfake image bytes', 'latin1').toString('base64');

async function connected(options: Parameters<typeof fakeWhatsappWeb>[0] = {}) {
  const env = fakeWhatsappWeb(options);
  await env.sessions.start(env.ctx, env.sink);
  env.factory.last.link();
  await settle();
  return { ...env, client: env.factory.last };
}

describe('WhatsApp Web inbound', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('maps a text message to an InboundMessageItem with E.164 address, push name and time', async () => {
    const { client, sink, sessions } = await connected();
    const raw = rawText({ from: CUSTOMER, body: 'Is the blue one in stock?', notifyName: 'Sari', t: 1_767_607_300 });
    client.receive(raw);
    await until(() => sink.delivered.length === 1);
    expect(sink.delivered[0]).toEqual({
      kind: 'message',
      sourceId: raw.id._serialized,
      address: '+6281299990000',
      profile: { phone: '+6281299990000', name: 'Sari' },
      content: { type: 'text', text: 'Is the blue one in stock?' },
      occurredAt: new Date(1_767_607_300_000),
    });
    await sessions.stopAll();
  });

  it('downloads media and hands the bytes over as base64, with the caption', async () => {
    const { client, sink, sessions } = await connected();
    const raw = rawMedia({ from: CUSTOMER, type: 'image', caption: 'this one', mimetype: 'image/png' });
    client.receive(raw, { mimetype: 'image/png', data: PNG_BASE64, filename: 'photo.png' });
    await until(() => sink.delivered.length === 1);
    const item = sink.delivered[0] as InboundMessageItem;
    expect(item.content).toEqual({ type: 'media', mediaType: 'image', url: '', caption: 'this one', mimeType: 'image/png', filename: 'photo.png' });
    expect(item.media).toEqual({ mediaType: 'image', ref: raw.id._serialized, mimeType: 'image/png', filename: 'photo.png', caption: 'this one', dataBase64: PNG_BASE64 });
    await sessions.stopAll();
  });

  it('announces media without bytes when it is too large or cannot be downloaded (fetchMedia later)', async () => {
    const { client, sink, sessions } = await connected({ maxMediaBytes: 4 });
    client.receive(rawMedia({ from: CUSTOMER, type: 'ptt', mimetype: 'audio/ogg; codecs=opus' }), { mimetype: 'audio/ogg; codecs=opus', data: PNG_BASE64 });
    client.receive(rawMedia({ from: CUSTOMER, type: 'document', mimetype: 'application/pdf' }));
    await until(() => sink.delivered.length === 2);
    const [voice, document] = sink.delivered as InboundMessageItem[];
    expect(voice?.media).toMatchObject({ mediaType: 'audio', dataBase64: undefined });
    expect(document?.media).toMatchObject({ mediaType: 'document', dataBase64: undefined });
    expect(document?.content).toMatchObject({ type: 'media', mediaType: 'document', url: '' });
    await sessions.stopAll();
  });

  it('maps a shared location', async () => {
    const { client, sink, sessions } = await connected();
    client.receive(rawLocation({ from: CUSTOMER, lat: -6.2, lng: 106.816666, name: 'Grand Indonesia', address: 'Jl. M.H. Thamrin No.1' }));
    await until(() => sink.delivered.length === 1);
    expect((sink.delivered[0] as InboundMessageItem).content).toEqual({ type: 'location', latitude: -6.2, longitude: 106.816666, name: 'Grand Indonesia', address: 'Jl. M.H. Thamrin No.1' });
    await sessions.stopAll();
  });

  it('resolves an @lid sender to the phone number through the contact, or quarantines it', async () => {
    const { client, sink, sessions } = await connected();
    client.lidToPhone.set('179950657237125@lid', '6281277770000@c.us');
    client.addContact({ id: wid('179950657237125@lid'), userid: '179950657237125', pushname: 'Budi', isUser: true });
    client.receive(rawText({ from: '179950657237125@lid', body: 'halo' }));
    client.receive(rawText({ from: '888888888888888@lid', body: 'who am I' }));
    await until(() => sink.delivered.length === 2);
    expect(sink.delivered[0]).toMatchObject({ kind: 'message', address: '+6281277770000', profile: { name: 'Budi' } });
    expect(sink.delivered[1]).toMatchObject({ kind: 'quarantine', reason: expect.stringContaining('888888888888888@lid') });
    await sessions.stopAll();
  });

  it('ignores groups, statuses and our own messages', async () => {
    const { client, sink, sessions } = await connected();
    client.receive(rawGroupText({ from: '120363025246125888@g.us', author: CUSTOMER, body: 'group chatter' }));
    client.receive(rawStatus({ from: CUSTOMER, body: 'my status' }));
    client.receive(rawOutgoing({ to: CUSTOMER, body: 'typed on the phone' }));
    await settle();
    expect(sink.delivered).toEqual([]);
    // The library never emits `message` for our own messages, but history (reconciliation) contains them.
    const mine = rawOutgoing({ to: CUSTOMER, body: 'ours' });
    const msg = new FakeWhatsappClient().receive(mine);
    expect(await toInboundItems(client, msg, { maxMediaBytes: 1000 })).toEqual([]);
    await sessions.stopAll();
  });

  it('maps acks of our messages: -1 failed, 0 queued, 1 sent, 2 delivered, 3 and 4 read', async () => {
    const { client, sink, sessions } = await connected();
    const ours = rawOutgoing({ to: CUSTOMER, body: 'Your order shipped' });
    for (const ack of [-1, 0, 1, 2, 3, 4]) client.ack(ours, ack);
    client.ack(rawText({ from: CUSTOMER, body: 'theirs' }), 3);
    await until(() => sink.delivered.length === 6);
    await settle();
    expect(sink.delivered.map((i) => i.kind === 'status' && i.status)).toEqual(['failed', 'queued', 'sent', 'delivered', 'read', 'read']);
    expect(sink.delivered[0]).toMatchObject({ sourceId: ours.id._serialized, error: { code: 'UNKNOWN' } });
    await sessions.stopAll();
  });

  it('keeps items the sink rejected (database down) and delivers them later, in order', async () => {
    const { client, sink, sessions } = await connected();
    sink.failures = 2;
    const first = rawText({ from: CUSTOMER, body: 'one' });
    const second = rawText({ from: CUSTOMER, body: 'two' });
    client.receive(first);
    await until(() => sink.deliverCalls === 1);
    client.receive(second);
    await settle();
    expect(sink.delivered).toEqual([]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(sink.deliverCalls).toBe(2);
    expect(sink.delivered).toEqual([]);
    await jest.advanceTimersByTimeAsync(2000);
    expect(sink.delivered.map((i) => i.kind === 'message' && i.sourceId)).toEqual([first.id._serialized, second.id._serialized]);
    await sessions.stopAll();
  });

  it('bounds the retry list: the oldest items go first', async () => {
    const { client, sink, sessions } = await connected({ delivery: { maxItems: 2, retry: { initialMs: 1000, maxMs: 1000, jitter: 0 } } });
    sink.failures = 1;
    const raws = ['a', 'b', 'c'].map((body) => rawText({ from: CUSTOMER, body }));
    for (const raw of raws) client.receive(raw);
    await until(() => sink.deliverCalls === 1);
    await settle();
    await jest.advanceTimersByTimeAsync(1000);
    expect(sink.delivered.map((i) => i.kind === 'message' && i.content)).toEqual([{ type: 'text', text: 'b' }, { type: 'text', text: 'c' }]);
    await sessions.stopAll();
  });

  it('after every (re)connect, reconciles recent one-to-one chats and delivers what the customers wrote', async () => {
    const { client, sink, sessions, clock, factory } = await connected();
    client.disconnect('CONFLICT');
    await settle();
    await jest.advanceTimersByTimeAsync(30_000);
    const next = factory.last;
    expect(next).not.toBe(client);
    // The new browser loads the phone's history, which holds what arrived while nobody listened.
    const now = clock.now().getTime() / 1000;
    const missed = rawText({ from: CUSTOMER, body: 'sent while the hub was down', t: now - 600 });
    next.store(missed);
    next.store(rawText({ from: '6281200001111@c.us', body: 'last month', t: now - 30 * 86400 }));
    next.store(rawOutgoing({ to: CUSTOMER, body: 'our reply', t: now - 500 }));
    next.store(rawGroupText({ from: '120363025246125888@g.us', author: CUSTOMER, body: 'group', t: now - 100 }));
    next.link();
    await until(() => sink.delivered.length === 1);
    await settle();
    expect(sink.delivered.map((i) => i.kind === 'message' && i.sourceId)).toEqual([missed.id._serialized]);
    await sessions.stopAll();
  });

  it('after a logout, reads back every chat to the moment the link was lost, beyond the first-link limits', async () => {
    const env = fakeWhatsappWeb({ reconcile: { chats: 1, messagesPerChat: 2 } });
    await env.sessions.start(env.ctx, env.sink);
    env.factory.last.link();
    await settle();
    env.factory.last.disconnect('LOGOUT');
    await settle();
    const now = env.clock.now().getTime() / 1000;
    // Written while logged out: more chats and more messages per chat than a first link reads.
    const missed = ['a', 'b', 'c', 'd', 'e'].map((body, i) => rawText({ from: i % 2 ? '6281200002222@c.us' : CUSTOMER, body, t: now - 60 + i }));
    for (const raw of missed) env.factory.last.store(raw);
    env.factory.last.link();
    await until(() => env.sink.delivered.length === missed.length);
    await settle();
    expect(env.sink.delivered.map((i) => i.kind === 'message' && i.content)).toEqual(missed.map((m) => ({ type: 'text', text: m.body })));
    await env.sessions.stopAll();
  });

  it('reconciles only the N most recent chats and the last M messages of each', async () => {
    const env = fakeWhatsappWeb({ reconcile: { chats: 1, messagesPerChat: 2 } });
    await env.sessions.start(env.ctx, env.sink);
    const now = env.clock.now().getTime() / 1000;
    const older = ['a', 'b', 'c'].map((body, i) => rawText({ from: '6281200002222@c.us', body, t: now - 900 + i }));
    const recent = ['x', 'y', 'z'].map((body, i) => rawText({ from: CUSTOMER, body, t: now - 300 + i }));
    for (const raw of [...older, ...recent]) env.factory.last.store(raw);
    env.factory.last.link();
    await until(() => env.sink.delivered.length === 2);
    await settle();
    expect(env.sink.delivered.map((i) => i.kind === 'message' && i.content)).toEqual([{ type: 'text', text: 'y' }, { type: 'text', text: 'z' }]);
    await env.sessions.stopAll();
  });
});
