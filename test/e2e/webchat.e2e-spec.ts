import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { identifierHash } from '@concierge/channels-webchat';
import type { Socket } from 'socket.io-client';
import { agentSocket, createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { connectError, connected, emitAck, nextEvent, record } from '../support/sockets.js';

describe('web chat end to end', () => {
  let hub: TestHub;
  let brand: Brand;
  let inbox: { id: string; websiteToken: string; identitySecret: string };
  let agent: Socket;
  const open: Socket[] = [];
  const visitor = (auth: Record<string, unknown>, headers?: Record<string, string>) => {
    const s = visitorSocket(hub, auth, headers);
    open.push(s);
    return s;
  };
  const send = (s: Socket, text: string, clientMessageId = randomUUID()) =>
    emitAck(s, 'message.send', { clientMessageId, content: { type: 'text', text } });

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Maison Test');
    inbox = await createWebchatInbox(hub, brand);
    agent = agentSocket(hub, brand.admin.token);
    await connected(agent);
  });

  afterAll(async () => {
    for (const s of [...open, agent]) s.disconnect();
    await hub.close();
  });

  it('delivers a visitor message to the agent live and the reply back to the visitor', async () => {
    const v = visitor({ websiteToken: inbox.websiteToken });
    const session = await nextEvent(v, 'session');
    expect(session).toMatchObject({ conversationId: null, online: true });
    expect(session.visitorToken).toMatch(/^[A-Za-z0-9_-]{32,64}$/);

    const seenByAgent = nextEvent(agent, 'message.created', (m) => m.content.text === 'Is the bag in stock?');
    const conversationCreated = nextEvent(agent, 'conversation.created');
    const ack = await send(v, 'Is the bag in stock?');
    expect(ack.ok).toBe(true);
    const message = await seenByAgent;
    expect(message).toMatchObject({ accountId: brand.accountId, inboxId: inbox.id, direction: 'in', kind: 'normal', status: 'received' });
    expect((await conversationCreated).id).toBe(message.conversationId);

    const reply = nextEvent(v, 'message.created', (m) => m.direction === 'out');
    const agentSeesSent = nextEvent(agent, 'message.updated', (m) => m.direction === 'out' && m.status === 'sent');
    const res = await hub.http()
      .post(`/api/v1/accounts/${brand.accountId}/conversations/${message.conversationId}/messages`)
      .auth(brand.admin.token, { type: 'bearer' })
      .send({ content: { type: 'text', text: 'Yes, in black and tan.' } })
      .expect(201);
    // Stored with its outbox row and answered at once; the queue delivers it and the agent sees it sent.
    expect(res.body.status).toBe('queued');
    expect((await agentSeesSent).id).toBe(res.body.id);
    const received = await reply;
    expect(received).toMatchObject({ content: { type: 'text', text: 'Yes, in black and tan.' }, sender: { type: 'agent', name: 'Maison Test Admin' } });
    expect(received).not.toHaveProperty('accountId');
  });

  it('relays typing both ways', async () => {
    const v = visitor({ websiteToken: inbox.websiteToken });
    await nextEvent(v, 'session');
    const first = await send(v, 'hello');
    const conversationId = first.message.conversationId;
    const agentSees = nextEvent(agent, 'conversation.typing', (p) => p.conversationId === conversationId);
    v.emit('typing', { typing: true });
    expect(await agentSees).toMatchObject({ typing: true, actor: { type: 'contact' } });
    const visitorSees = nextEvent(v, 'conversation.typing');
    agent.emit('typing', { conversationId, typing: true });
    expect(await visitorSees).toMatchObject({ conversationId, typing: true, name: 'Maison Test Admin' });
  });

  it('resumes after a reconnect without losing or duplicating messages', async () => {
    const v1 = visitor({ websiteToken: inbox.websiteToken });
    const { visitorToken } = await nextEvent(v1, 'session');
    const a = await send(v1, 'first');
    v1.disconnect();

    // While the visitor is away, the agent answers twice.
    for (const text of ['reply one', 'reply two']) {
      await hub.http().post(`/api/v1/accounts/${brand.accountId}/conversations/${a.message.conversationId}/messages`)
        .auth(brand.admin.token, { type: 'bearer' }).send({ content: { type: 'text', text } }).expect(201);
    }
    const v2 = visitor({ websiteToken: inbox.websiteToken, visitorToken });
    const session = await nextEvent(v2, 'session');
    expect(session).toMatchObject({ visitorToken, conversationId: a.message.conversationId });
    const missed = await emitAck(v2, 'history', { afterId: a.message.id });
    expect(missed.messages.map((m: { content: { text: string } }) => m.content.text)).toEqual(['reply one', 'reply two']);
    const all = await emitAck(v2, 'history', {});
    expect(all.messages.map((m: { content: { text: string } }) => m.content.text)).toEqual(['first', 'reply one', 'reply two']);
  });

  it('stores a resent message once and tells the agents once', async () => {
    const v = visitor({ websiteToken: inbox.websiteToken });
    await nextEvent(v, 'session');
    const events = record(agent, 'message.created');
    const id = randomUUID();
    const acks = await Promise.all(Array.from({ length: 10 }, () => send(v, 'only once please', id)));
    expect(new Set(acks.map((x) => x.message.id)).size).toBe(1);
    await nextEvent(agent, 'message.created', () => true, 300).catch(() => undefined);
    expect(events.filter((m) => m.content.text === 'only once please')).toHaveLength(1);
  });

  it('refuses unknown website tokens, bad payloads and oversized messages clearly', async () => {
    const refused = await connectError(visitor({ websiteToken: 'nope-nope-nope' }));
    expect(refused.message).toMatch(/^NOT_FOUND/);
    const v = visitor({ websiteToken: inbox.websiteToken });
    await nextEvent(v, 'session');
    expect(await emitAck(v, 'message.send', { clientMessageId: 'x', content: { type: 'text', text: '   ' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await emitAck(v, 'message.send', { content: { type: 'text', text: 'hi' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await send(v, 'x'.repeat(4097))).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('enforces the origin allow-list and identity verification', async () => {
    const strict = await createWebchatInbox(hub, brand, { name: 'Strict', channel: { type: 'webchat', allowedOrigins: ['https://shop.example'], enforceIdentity: true } });
    expect((await connectError(visitor({ websiteToken: strict.websiteToken }, { origin: 'https://evil.example' }))).message).toMatch(/^ORIGIN_NOT_ALLOWED/);
    const forged = visitor({ websiteToken: strict.websiteToken, identifier: 'cust-1', identifierHash: 'a'.repeat(64) }, { origin: 'https://shop.example' });
    expect((await connectError(forged)).message).toMatch(/^IDENTITY_VERIFICATION_FAILED/);

    const hash = identifierHash('cust-1', strict.identitySecret);
    const laptop = visitor({ websiteToken: strict.websiteToken, identifier: 'cust-1', identifierHash: hash }, { origin: 'https://shop.example' });
    await nextEvent(laptop, 'session');
    await send(laptop, 'from my laptop');
    // The same verified shopper on another device continues the same thread.
    const phone = visitor({ websiteToken: strict.websiteToken, identifier: 'cust-1', identifierHash: hash }, { origin: 'https://shop.example' });
    const session = await nextEvent(phone, 'session');
    expect(session.conversationId).not.toBeNull();
    const history = await emitAck(phone, 'history', {});
    expect(history.messages.map((m: { content: { text: string } }) => m.content.text)).toEqual(['from my laptop']);
  });

  it('never shows private notes to the visitor', async () => {
    const v = visitor({ websiteToken: inbox.websiteToken });
    await nextEvent(v, 'session');
    const first = await send(v, 'need help');
    const base = `/api/v1/accounts/${brand.accountId}/conversations/${first.message.conversationId}/messages`;
    const leaked = record(v, 'message.created');
    await hub.http().post(base).auth(brand.admin.token, { type: 'bearer' }).send({ content: { type: 'text', text: 'VIP client, be quick' }, private: true }).expect(201);
    const hello = nextEvent(v, 'message.created', (m) => m.content.text === 'Hello!');
    await hub.http().post(base).auth(brand.admin.token, { type: 'bearer' }).send({ content: { type: 'text', text: 'Hello!' } }).expect(201);
    await hello;
    expect(leaked.map((m) => m.content.text)).toEqual(['Hello!']);
    const history = await emitAck(v, 'history', {});
    expect(history.messages.map((m: { content: { text: string } }) => m.content.text)).toEqual(['need help', 'Hello!']);
  });
});
