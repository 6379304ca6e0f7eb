import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeWhatsappClientFactory, wwebjsRaw } from '@concierge/channels-whatsapp-web';
import type { InboxSessionPayload, MessageView } from '@concierge/contracts';
import type { Socket } from 'socket.io-client';
import { agentSocket, createBrand, startHub, type Brand, type TestHub } from '../support/hub.js';
import { connected, nextEvent } from '../support/sockets.js';

/**
 * A WhatsApp Web inbox through the whole hub: session states and the QR reach the admin (REST and
 * socket), customer messages arrive, replies go out through the session and acks update the view.
 * The browser session is the library-faithful fake client; one real offline launch is an integration test.
 */
describe('WhatsApp Web inbox end to end (fake whatsapp-web.js client)', () => {
  const clients = new FakeWhatsappClientFactory();
  let hub: TestHub;
  let brand: Brand;
  let agent: Socket;
  let inboxId: string;
  const customer = '6281234567890@c.us';

  beforeAll(async () => {
    hub = await startHub({}, undefined, { whatsappWebClients: clients });
    brand = await createBrand(hub, 'Maison Web');
    agent = agentSocket(hub, brand.admin.token);
    await connected(agent);
  });

  afterAll(async () => {
    agent?.disconnect();
    await hub?.close();
  });

  const session = () => hub.http().get(`/api/v1/accounts/${brand.accountId}/inboxes/${inboxId}/session`).auth(brand.admin.token, { type: 'bearer' });
  const waitFor = async (check: () => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('starts a session when the inbox is created and shows the pairing QR to the admin', async () => {
    const created = await hub.http().post(`/api/v1/accounts/${brand.accountId}/inboxes`).auth(brand.admin.token, { type: 'bearer' }).send({ name: 'WhatsApp Web', channel: { type: 'whatsapp_web' } }).expect(201);
    inboxId = created.body.id;
    expect(created.body.webhookUrls).toEqual({ events: null, status: null });
    await waitFor(() => clients.clients.length === 1);
    const qrPushed = nextEvent<InboxSessionPayload>(agent, 'inbox.session', (p) => p.inboxId === inboxId && p.state === 'qr_required');
    clients.last.showQr();
    const pushed = await qrPushed;
    expect(pushed.qr).toMatch(/^data:image\/png;base64,/);
    expect(pushed.qrText).toMatch(/^2@/);
    expect((await session().expect(200)).body).toMatchObject({ state: 'qr_required', qr: pushed.qr });

    const ready = nextEvent<InboxSessionPayload>(agent, 'inbox.session', (p) => p.inboxId === inboxId && p.state === 'connected');
    clients.last.link('6281234500000');
    expect((await ready).phone).toBe('+6281234500000');
  });

  it('stores a customer message once, replies through the session, and shows acks live', async () => {
    const seen = nextEvent<MessageView>(agent, 'message.created', (m) => m.inboxId === inboxId && m.direction === 'in');
    const raw = wwebjsRaw.rawText({ from: customer, body: 'Bonjour, is the scarf available?', notifyName: 'Claire' });
    clients.last.receive(raw);
    const message = await seen;
    expect(message).toMatchObject({ content: { type: 'text', text: 'Bonjour, is the scarf available?' }, sender: { type: 'contact', name: 'Claire' } });
    clients.last.receive(raw); // the library can replay a message after a reconnect
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await hub.query('SELECT 1 FROM message WHERE inbox_id = $1', [inboxId])).toHaveLength(1);

    const sentUpdate = nextEvent<MessageView>(agent, 'message.updated', (m) => m.conversationId === message.conversationId && m.status === 'sent');
    const reply = await hub.http()
      .post(`/api/v1/accounts/${brand.accountId}/conversations/${message.conversationId}/messages`)
      .auth(brand.admin.token, { type: 'bearer' })
      .send({ content: { type: 'text', text: 'Oui, in navy and in rouge.' } })
      .expect(201);
    await sentUpdate;
    const out = clients.last.sent.at(-1)!;
    expect(out).toMatchObject({ chatId: customer, content: 'Oui, in navy and in rouge.' });

    const read = nextEvent<MessageView>(agent, 'message.updated', (m) => m.id === reply.body.id && m.status === 'read');
    const key = out.sourceId.split('_')[2]!;
    clients.last.ack(wwebjsRaw.rawOutgoing({ to: customer, body: 'Oui, in navy and in rouge.', key }), 3);
    await read;
  });

  it('keeps replies queued (retried, never failed) while the session is down', async () => {
    const [conversation] = await hub.query<{ id: string }>('SELECT id FROM conversation WHERE inbox_id = $1', [inboxId]);
    const down = nextEvent<InboxSessionPayload>(agent, 'inbox.session', (p) => p.inboxId === inboxId && p.state === 'disconnected');
    clients.last.disconnect('NAVIGATION');
    await down;
    const sentBefore = clients.last.sent.length;
    const reply = await hub.http()
      .post(`/api/v1/accounts/${brand.accountId}/conversations/${conversation!.id}/messages`)
      .auth(brand.admin.token, { type: 'bearer' })
      .send({ content: { type: 'text', text: 'Sent while offline' } })
      .expect(201);
    expect(reply.body.status).toBe('queued');
    // The first attempt meets PROVIDER_UNAVAILABLE (retryable): the message waits in the outbox.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [row] = await hub.query<{ status: string; pending: string }>(
      'SELECT m.status, (SELECT count(*) FROM outbox o WHERE o.message_id = m.id) AS pending FROM message m WHERE m.id = $1',
      [reply.body.id],
    );
    expect(row).toEqual({ status: 'queued', pending: '1' });
    expect(clients.last.sent.length).toBe(sentBefore);
  });
});
