import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { CallWelcome, MessageView } from '@concierge/contracts';
import { TokenVerifier } from 'livekit-server-sdk';
import { io, type Socket } from 'socket.io-client';
import { API_KEY, API_SECRET, fakeLiveKit, listen, type Seen } from '../../libs/video/src/__fixtures__/fake-livekit.js';
import { agentSocket, createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { connected, emitAck, nextEvent } from '../support/sockets.js';

jest.setTimeout(60_000);

/** Group consultations through the SFU: a hub configured with LiveKit (a local fake of its server API). */
describe('group consultations with LiveKit', () => {
  const seen: Seen[] = [];
  let livekit: Server;
  let livekitUrl: string;
  let hub: TestHub;
  let brand: Brand;
  let agent: Socket;
  const sockets: Socket[] = [];
  const conversations: string[] = [];
  /** First names only (no digits: a name that looks like a phone number is never shown to others). */
  const nameOf = (i: number) => `Buyer${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}${i >= 26 ? 'a' : ''}`;

  beforeAll(async () => {
    livekit = fakeLiveKit(seen);
    livekitUrl = await listen(livekit);
    hub = await startHub({ LIVEKIT_URL: livekitUrl, LIVEKIT_API_KEY: API_KEY, LIVEKIT_API_SECRET: API_SECRET });
    brand = await createBrand(hub, 'Maison Salon');
    agent = agentSocket(hub, brand.admin.token);
    await connected(agent);
    const inbox = await createWebchatInbox(hub, brand);
    // 41 shoppers wrote in; a consultation takes 40 of them.
    for (let i = 0; i < 41; i++) {
      const v = visitorSocket(hub, { websiteToken: inbox.websiteToken, name: `${nameOf(i)} Lastname`, phone: `+3361234${String(5000 + i)}` });
      sockets.push(v);
      await nextEvent(v, 'session');
      const text = `Interested in the show #${i}`;
      const m = nextEvent<MessageView>(agent, 'message.created', (x) => x.content.type === 'text' && x.content.text === text);
      await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text } });
      conversations.push((await m).conversationId);
    }
  });

  afterAll(async () => {
    for (const s of [...sockets, agent]) s?.disconnect();
    await hub?.close();
    await new Promise<void>((resolve) => livekit?.close(() => resolve()));
  });

  const join = async (auth: Record<string, unknown>) => {
    const s = io(`${hub.url}/call`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(s);
    const welcome = nextEvent<CallWelcome>(s, 'welcome', () => true, 5000);
    await connected(s);
    return { s, welcome: await welcome };
  };

  it('hosts 40 buyers in one LiveKit room; each gets their own token, invite and thread', async () => {
    const tooMany = await hub.http().post(`/api/v1/accounts/${brand.accountId}/consultations`).auth(brand.admin.token, { type: 'bearer' })
      .send({ title: 'Haute joaillerie preview', conversationIds: conversations }).expect(400);
    expect(tooMany.body.error.details[0].field).toBe('conversationIds');

    const started = Date.now();
    const res = await hub.http().post(`/api/v1/accounts/${brand.accountId}/consultations`).auth(brand.admin.token, { type: 'bearer' })
      .send({ title: 'Haute joaillerie preview', conversationIds: conversations.slice(0, 40) }).expect(201);
    console.log(`consultation for 40 buyers created and invited in ${Date.now() - started} ms`);
    expect(res.body).toMatchObject({ kind: 'group', mode: 'sfu', maxParticipants: 41, status: 'invited' });
    const create = seen.find((s) => s.path.endsWith('/CreateRoom'))!;
    expect(create.body).toMatchObject({ name: `concierge-${res.body.id}`, maxParticipants: 41, emptyTimeout: 600 });
    const buyers = res.body.participants.filter((p: { role: string }) => p.role === 'customer');
    expect(buyers).toHaveLength(40);
    // Every buyer is linked to their own contact and conversation; follow-ups land in their thread.
    expect(new Set(buyers.map((b: { conversationId: string }) => b.conversationId)).size).toBe(40);
    expect(buyers.every((b: { contactId: string | null }) => typeof b.contactId === 'string')).toBe(true);
    const invites = await hub.query<{ n: string }>(`SELECT count(DISTINCT conversation_id) AS n FROM message WHERE content->>'type' = 'video_call_invite' AND content->>'callId' = $1`, [res.body.id]);
    expect(Number(invites[0]!.n)).toBe(40);

    const verifier = new TokenVerifier(API_KEY, API_SECRET);
    const host = await join({ accessToken: brand.admin.token, callId: res.body.id });
    expect(host.welcome.call.sfu!.url).toBe(livekitUrl.replace(/^http/, 'ws'));
    expect(await verifier.verify(host.welcome.call.sfu!.token)).toMatchObject({ sub: host.welcome.self.participantId, video: { room: `concierge-${res.body.id}`, roomJoin: true, roomAdmin: true } });
    const buyer = await join({ token: buyers[7].joinUrl.split('/call/')[1] });
    const claims = await verifier.verify(buyer.welcome.call.sfu!.token);
    expect(claims).toMatchObject({ sub: buyers[7].id, name: nameOf(conversations.indexOf(buyers[7].conversationId)), video: { room: `concierge-${res.body.id}`, roomJoin: true, canPublish: true, canSubscribe: true, roomAdmin: false } });
    // No contact details travel to other participants or into the SFU's participant names.
    expect(JSON.stringify([buyer.welcome, claims])).not.toMatch(/\+336|Lastname/);

    // The host pins a product for everyone.
    const pinned = nextEvent(buyer.s, 'product.pinned');
    expect(await emitAck(host.s, 'product.pin', { productId: null })).toEqual({ ok: true });
    expect(await pinned).toEqual({ product: null });

    const ended = nextEvent(buyer.s, 'call.ended');
    await emitAck(host.s, 'call.end', {});
    await ended;
    expect(seen.at(-1)).toMatchObject({ path: '/twirp/livekit.RoomService/DeleteRoom', body: { room: `concierge-${res.body.id}` } });
    const lines = await hub.query<{ e: string }>(`SELECT content->>'event' AS e FROM message WHERE conversation_id = $1 AND kind = 'activity' ORDER BY seq`, [buyers[7].conversationId]);
    expect(lines.map((l) => l.e)).toEqual(['call_invited', 'call_joined', 'call_ended']);
  });
});
