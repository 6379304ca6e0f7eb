import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallWelcome, MessageView } from '@concierge/contracts';
import { CallSweeper, CallTokens } from '@concierge/video';
import { io, type Socket } from 'socket.io-client';
import { addAgent, agentSocket, createBrand, createWebchatInbox, startHub, visitorSocket, type Brand, type TestHub } from '../support/hub.js';
import { connectError, connected, emitAck, nextEvent } from '../support/sockets.js';

interface Participant { id: string; role: string; name: string; joinUrl: string | null; conversationId: string | null }
interface Call { id: string; status: string; mode: string; kind: string; durationSeconds: number | null; participants: Participant[]; expiresAt: string; scheduledAt: string | null }

/** 1:1 calls and consultations over REST and the /call socket against a real hub (mesh mode: no SFU configured). */
describe('video calls', () => {
  let hub: TestHub;
  let brand: Brand;
  let inbox: { id: string; websiteToken: string };
  let agent: Socket;
  const open: Socket[] = [];
  const base = () => `/api/v1/accounts/${brand.accountId}`;
  const auth = () => ({ Authorization: `Bearer ${brand.admin.token}` });

  const track = (s: Socket) => (open.push(s), s);
  const callSocket = (a: Record<string, unknown>) => track(io(`${hub.url}/call`, { auth: a, transports: ['websocket'], reconnection: false, forceNew: true }));
  const join = async (a: Record<string, unknown>) => {
    const s = callSocket(a);
    const welcome = nextEvent<CallWelcome>(s, 'welcome', () => true, 5000);
    await connected(s);
    return { s, welcome: await welcome };
  };
  const tokenOf = (url: string) => url.split('/call/')[1]!;
  const customerOf = (call: Call) => call.participants.find((p) => p.role === 'customer')!;
  const hostOf = (call: Call) => call.participants.find((p) => p.role === 'host')!;
  const activities = async (conversationId: string) =>
    (await hub.query<{ event: string; text: string }>(`SELECT content->>'event' AS event, content->>'text' AS text FROM message WHERE conversation_id = $1 AND kind = 'activity' ORDER BY seq`, [conversationId]));

  /** A web-chat customer who wrote in: their visitor socket and conversation id. */
  async function customer(text = 'Could you show me the bag on camera?', profile: Record<string, unknown> = {}) {
    const v = track(visitorSocket(hub, { websiteToken: inbox.websiteToken, ...profile }));
    const session = await nextEvent(v, 'session');
    const seen = nextEvent<MessageView>(agent, 'message.created', (m) => m.content.type === 'text' && m.content.text === text);
    await emitAck(v, 'message.send', { clientMessageId: randomUUID(), content: { type: 'text', text } });
    return { v, visitorToken: session.visitorToken as string, conversationId: (await seen).conversationId };
  }

  const addAgentToken = async () => (await addAgent(hub, brand, 'admin')).token;
  const startCall = async (conversationId: string, body: Record<string, unknown> = {}) =>
    (await hub.http().post(`${base()}/conversations/${conversationId}/calls`).set(auth()).send(body).expect(201)).body as Call;

  beforeAll(async () => {
    hub = await startHub();
    brand = await createBrand(hub, 'Maison Video');
    inbox = await createWebchatInbox(hub, brand);
    agent = agentSocket(hub, brand.admin.token);
    await connected(agent);
  });

  afterAll(async () => {
    for (const s of [...open, agent]) s?.disconnect();
    await hub?.close();
  });

  it('starts a call: the web-chat customer gets a join card, the thread records the invite', async () => {
    const { v, conversationId } = await customer('Video please', { name: 'Claire Dubois', email: 'claire@example.test' });
    const card = nextEvent(v, 'message.created', (m) => m.content.type === 'video_call_invite', 5000);
    const call = await startCall(conversationId);
    expect(call).toMatchObject({ kind: 'one_to_one', mode: 'p2p', status: 'invited', durationSeconds: null });
    expect(customerOf(call)).toMatchObject({ name: 'Claire', conversationId });
    expect(customerOf(call).joinUrl).toMatch(new RegExp(`^${hub.url}/call/[A-Za-z0-9_-]{22}\\.[0-9a-z]+\\.[A-Za-z0-9_-]{22}$`));
    expect(hostOf(call).joinUrl).toMatch(/\/call\//);
    expect(hostOf(call).joinUrl).not.toBe(customerOf(call).joinUrl);
    const received = await card;
    expect(received.content).toEqual({ type: 'video_call_invite', callId: call.id, url: customerOf(call).joinUrl, expiresAt: call.expiresAt });
    expect(await activities(conversationId)).toEqual([{ event: 'call_invited', text: 'Maison Video Admin started a video call' }]);

    const page = await hub.http().get(new URL(customerOf(call).joinUrl!).pathname).set('Accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['permissions-policy']).toContain('camera=(self)');
    expect(page.text).toMatch(/<script type="module" crossorigin src="\/call\/assets\/[^"]+\.js"><\/script>/);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const list = await hub.http().get(`${base()}/conversations/${conversationId}/calls`).set(auth()).expect(200);
    expect(list.body.map((c: Call) => c.id)).toEqual([call.id]);
    // One live call per conversation.
    const again = await hub.http().post(`${base()}/conversations/${conversationId}/calls`).set(auth()).send({}).expect(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('connects both sides over /call, relays signalling, and records join and end with the duration', async () => {
    const { conversationId } = await customer('Can we do a call?', { name: 'Marc Petit', phone: '+33612345678' });
    const call = await startCall(conversationId);
    const host = await join({ accessToken: brand.admin.token, callId: call.id });
    expect(host.welcome).toMatchObject({ self: { role: 'host', name: 'Maison Video Admin' }, call: { id: call.id, mode: 'p2p', maxParticipants: 2, chat: true, sfu: null }, peers: [] });
    const peerJoined = nextEvent(host.s, 'peer.joined');
    const guest = await join({ token: tokenOf(customerOf(call).joinUrl!) });
    expect(guest.welcome.self).toEqual({ participantId: customerOf(call).id, name: 'Marc', role: 'customer' });
    expect(guest.welcome.peers).toEqual([{ participantId: host.welcome.self.participantId, name: 'Maison Video Admin', role: 'host' }]);
    expect(await peerJoined).toEqual(guest.welcome.self);
    // Participants never see each other's contact details.
    expect(JSON.stringify([guest.welcome, host.welcome])).not.toMatch(/\+336|@example|admin-/);

    const offer = nextEvent(host.s, 'signal');
    guest.s.emit('signal', { to: host.welcome.self.participantId, data: { type: 'offer', sdp: 'v=0 offer' } });
    expect(await offer).toEqual({ from: guest.welcome.self.participantId, data: { type: 'offer', sdp: 'v=0 offer' } });
    const ice = nextEvent(guest.s, 'signal');
    host.s.emit('signal', { to: guest.welcome.self.participantId, data: { type: 'ice', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } } });
    expect((await ice).data.type).toBe('ice');

    const live = await hub.http().get(`${base()}/calls/${call.id}`).set(auth()).expect(200);
    expect(live.body).toMatchObject({ status: 'active' });
    expect(live.body.startedAt).not.toBeNull();

    // A customer may not end the call for everyone, nor pin products.
    expect(await emitAck(guest.s, 'call.end', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await emitAck(guest.s, 'product.pin', { productId: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const endedForGuest = nextEvent(guest.s, 'call.ended');
    expect(await emitAck(host.s, 'call.end', {})).toEqual({ ok: true });
    expect((await endedForGuest).durationSeconds).toEqual(expect.any(Number));
    const ended = (await hub.http().get(`${base()}/calls/${call.id}`).set(auth()).expect(200)).body as Call;
    expect(ended).toMatchObject({ status: 'ended', durationSeconds: expect.any(Number) });
    expect(ended.participants.every((p) => p.joinUrl === null)).toBe(true);
    const lines = await activities(conversationId);
    expect(lines.map((l) => l.event)).toEqual(['call_invited', 'call_joined', 'call_ended']);
    expect(lines[1]!.text).toBe('Marc joined the video call');
    expect(lines[2]!.text).toMatch(/^Video call ended after \d+ s$/);
    // The link of a finished call is gone.
    const gone = await hub.http().get(new URL(customerOf(call).joinUrl!).pathname).expect(410);
    expect(gone.body.error.code).toBe('LINK_EXPIRED');
  });

  it('keeps a 1:1 call to two people: another assistant is refused without taking a seat; a reconnecting participant takes their own seat over', async () => {
    const { conversationId } = await customer('Squeeze in?');
    const call = await startCall(conversationId);
    const seats = async () => (await hub.query<{ id: string; role: string }>('SELECT id, role FROM video_call_participant WHERE call_id = $1 ORDER BY role', [call.id])).map((r) => r.role);
    // The host joining with their access token takes their own seat again.
    const host = await join({ accessToken: brand.admin.token, callId: call.id });
    expect(await seats()).toEqual(['customer', 'host']);
    // Before the customer is in, the customer's seat is still theirs: a colleague is turned away and nothing is written.
    const second = await addAgentToken();
    const early = await connectError(callSocket({ accessToken: second, callId: call.id }));
    expect(early.data?.code).toBe('CONFLICT');
    expect(early.message).toMatch(/This call is full/);
    expect(await seats()).toEqual(['customer', 'host']);
    const guest = await join({ token: tokenOf(customerOf(call).joinUrl!) });
    const refused = await connectError(callSocket({ accessToken: second, callId: call.id }));
    expect(refused.data?.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/This call is full/);
    expect(await seats()).toEqual(['customer', 'host']);
    // The customer reloads: the new socket replaces the old one, nobody "left", the call goes on.
    const oldGone = new Promise<void>((resolve) => guest.s.once('disconnect', () => resolve()));
    const rejoined = nextEvent(host.s, 'peer.joined');
    const again = await join({ token: tokenOf(customerOf(call).joinUrl!) });
    await oldGone;
    expect((await rejoined).participantId).toBe(customerOf(call).id);
    expect(again.welcome.peers.map((p) => p.role)).toEqual(['host']);
    expect((await hub.http().get(`${base()}/calls/${call.id}`).set(auth()).expect(200)).body.status).toBe('active');
    await hub.http().post(`${base()}/conversations/${conversationId}/calls/${call.id}/end`).set(auth()).expect(200);
  });

  it('pins a catalog product beside the video for everyone in the call', async () => {
    const product = await hub.http().post(`${base()}/products`).set(auth()).send({ sku: 'BAG-25', title: 'Leather tote 25', description: 'Calfskin, hand-stitched.', price: { amount: '3200.00', currency: 'EUR' } }).expect(201);
    const { conversationId } = await customer('Which bag is that?');
    const call = await startCall(conversationId);
    const guest = await join({ token: tokenOf(customerOf(call).joinUrl!) });
    const pinned = nextEvent(guest.s, 'product.pinned');
    const res = await hub.http().put(`${base()}/calls/${call.id}/pinned-product`).set(auth()).send({ productId: product.body.id }).expect(200);
    expect(res.body.pinnedProduct).toMatchObject({ productId: product.body.id, title: 'Leather tote 25', price: { amount: '3200.00', currency: 'EUR' } });
    expect((await pinned).product).toMatchObject({ title: 'Leather tote 25' });
    // Whoever joins later sees it at once.
    const host = await join({ accessToken: brand.admin.token, callId: call.id });
    expect(host.welcome.call.pinnedProduct).toMatchObject({ title: 'Leather tote 25' });
    await hub.http().put(`${base()}/calls/${call.id}/pinned-product`).set(auth()).send({ productId: randomUUID() }).expect(404);
    await hub.http().post(`${base()}/calls/${call.id}/end`).set(auth()).expect(200);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await hub.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/accounts/{accountId}/conversations/{conversationId}/calls', '/api/v1/accounts/{accountId}/consultations', '/api/v1/accounts/{accountId}/calls/{callId}/end', '/call/{token}', '/webchat/call-requests']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const request = (doc.paths['/webchat/call-requests'] as { post: { responses: Record<string, { headers?: Record<string, unknown> }> } }).post;
    expect(request.responses['429']?.headers).toHaveProperty('Retry-After');
  });

  it('refuses expired and forged links: 410 for an expired one, 401 for a forged one, on the page and the socket', async () => {
    const { conversationId } = await customer('Another call?');
    const call = await startCall(conversationId);
    const seat = customerOf(call);
    const tokens = hub.app.get(CallTokens);
    const expired = tokens.sign({ participantId: seat.id, callId: call.id, conversationId, expiresAt: new Date(Date.now() - 1000) });
    const json = await hub.http().get(`/call/${expired}`).expect(410);
    expect(json.body.error.code).toBe('LINK_EXPIRED');
    const html = await hub.http().get(`/call/${expired}`).set('Accept', 'text/html').expect(410);
    expect(html.text).toContain('This call link has expired');
    expect((await connectError(callSocket({ token: expired }))).data?.code).toBe('LINK_EXPIRED');

    // Bound to its conversation: the same seat signed for another conversation is not ours.
    const rebound = tokens.sign({ participantId: seat.id, callId: call.id, conversationId: randomUUID(), expiresAt: new Date(Date.now() + 60_000) });
    await hub.http().get(`/call/${rebound}`).expect(401);
    const genuine = tokenOf(seat.joinUrl!);
    const forged = `${genuine.slice(0, -2)}${genuine.endsWith('AA') ? 'AB' : 'AA'}`;
    await hub.http().get(`/call/${forged}`).expect(401);
    await hub.http().get('/call/not-a-token').expect(401);
    expect((await connectError(callSocket({ token: forged }))).data?.code).toBe('UNAUTHENTICATED');
    // An assistant of another brand cannot join with their own access token.
    const other = await createBrand(hub, 'Other House');
    expect((await connectError(callSocket({ accessToken: other.admin.token, callId: call.id }))).data?.code).toBe('NOT_FOUND');
    await hub.http().get(`/api/v1/accounts/${other.accountId}/calls/${call.id}`).set({ Authorization: `Bearer ${other.admin.token}` }).expect(404);
  });

  it('marks an invitation nobody answered as missed when its link expires', async () => {
    const { conversationId } = await customer('Call me maybe');
    const call = await startCall(conversationId);
    await hub.query(`UPDATE video_call SET expires_at = now() - interval '1 second' WHERE id = $1`, [call.id]);
    await hub.app.get(CallSweeper).sweep();
    const after = (await hub.http().get(`${base()}/calls/${call.id}`).set(auth()).expect(200)).body as Call;
    expect(after.status).toBe('missed');
    expect((await activities(conversationId)).map((l) => l.text)).toEqual(['Maison Video Admin started a video call', `Missed video call: Customer did not join`]);
  });

  it('schedules a call: the invite carries the time and one reminder goes out before it', async () => {
    const { v, conversationId } = await customer('Tomorrow works for a call');
    const scheduledAt = new Date(Date.now() + 5 * 60_000);
    const call = await startCall(conversationId, { scheduledAt: scheduledAt.toISOString() });
    expect(call).toMatchObject({ status: 'scheduled', scheduledAt: scheduledAt.toISOString() });
    expect(new Date(call.expiresAt).getTime()).toBe(scheduledAt.getTime() + 3600_000);
    const reminder = nextEvent(v, 'message.created', (m) => m.content.type === 'video_call_invite' && m.sender.type === 'bot', 5000);
    await Promise.all([hub.app.get(CallSweeper).sweep(), hub.app.get(CallSweeper).sweep()]);
    await hub.app.get(CallSweeper).sweep();
    expect((await reminder).content).toMatchObject({ callId: call.id, scheduledAt: scheduledAt.toISOString(), url: customerOf(call).joinUrl });
    const invites = await hub.query(`SELECT 1 FROM message WHERE conversation_id = $1 AND content->>'type' = 'video_call_invite'`, [conversationId]);
    expect(invites).toHaveLength(2);
    expect((await activities(conversationId)).map((l) => l.event)).toEqual(['call_scheduled', 'call_reminder']);
    await hub.http().post(`${base()}/conversations/${conversationId}/calls`).set(auth()).send({ scheduledAt: new Date(Date.now() - 1000).toISOString() }).expect(409);
  });

  it('puts the conversation chat beside the video for the customer, without notes or activity lines', async () => {
    const { conversationId } = await customer('Chat during the call?');
    await hub.http().post(`${base()}/conversations/${conversationId}/messages`).set(auth()).send({ content: { type: 'text', text: 'internal: VIP' }, private: true }).expect(201);
    const call = await startCall(conversationId);
    const guest = await join({ token: tokenOf(customerOf(call).joinUrl!) });
    const history = await emitAck(guest.s, 'chat.history', {});
    expect(history.ok).toBe(true);
    const texts = history.messages.map((m: { content: { type: string; text?: string } }) => m.content.text ?? m.content.type);
    expect(texts).toEqual(['Chat during the call?', 'video_call_invite']);
    expect(JSON.stringify(history)).not.toContain('VIP');

    const host = await join({ accessToken: brand.admin.token, callId: call.id });
    const toHost = nextEvent(host.s, 'chat.message');
    const toAgents = nextEvent<MessageView>(agent, 'message.created', (m) => m.content.type === 'text' && m.content.text === 'Can you show the inside?');
    const sent = await emitAck(guest.s, 'chat.send', { clientMessageId: 'c1', text: 'Can you show the inside?' });
    expect(sent).toMatchObject({ ok: true, message: { direction: 'in', content: { type: 'text', text: 'Can you show the inside?' } } });
    expect((await toHost).id).toBe(sent.message.id);
    expect(await toAgents).toMatchObject({ conversationId, direction: 'in' });
    const reply = nextEvent(guest.s, 'chat.message');
    const out = await emitAck(host.s, 'chat.send', { clientMessageId: 'c2', text: 'Of course, one moment.' });
    expect(out).toMatchObject({ ok: true, message: { direction: 'out', sender: { type: 'agent', name: 'Maison Video Admin' } } });
    expect((await reply).id).toBe(out.message.id);
    expect(await emitAck(guest.s, 'chat.send', { clientMessageId: 'c3', text: '   ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await hub.http().post(`${base()}/calls/${call.id}/end`).set(auth()).expect(200);
  });

  it('group consultations: mesh without an SFU stops at 4 people and says why; each buyer is invited in their own thread', async () => {
    const buyers: Awaited<ReturnType<typeof customer>>[] = [];
    for (const name of ['Ana', 'Ben', 'Chloé', 'Dev']) buyers.push(await customer(`Consultation for ${name}`, { name }));
    const tooMany = await hub.http().post(`${base()}/consultations`).set(auth()).send({ title: 'Spring preview', conversationIds: buyers.map((b) => b.conversationId) }).expect(400);
    expect(tooMany.body.error.message).toMatch(/Without an SFU, group calls are limited to 4 people/);
    expect(tooMany.body.error.message).toMatch(/LIVEKIT_URL/);

    const res = await hub.http().post(`${base()}/consultations`).set(auth()).send({ title: 'Spring preview', conversationIds: buyers.slice(0, 3).map((b) => b.conversationId) }).expect(201);
    const group = res.body as Call;
    expect(group).toMatchObject({ kind: 'group', mode: 'mesh', status: 'invited' });
    const seats = group.participants.filter((p) => p.role === 'customer');
    expect(seats.map((p) => p.conversationId).sort()).toEqual(buyers.slice(0, 3).map((b) => b.conversationId).sort());
    const seatOf = (i: number) => seats.find((p) => p.conversationId === buyers[i]!.conversationId)!;
    for (const b of buyers.slice(0, 3)) expect((await activities(b.conversationId)).map((l) => l.event)).toEqual(['call_invited']);

    const host = await join({ accessToken: brand.admin.token, callId: group.id });
    expect(host.welcome.call).toMatchObject({ kind: 'group', mode: 'mesh', maxParticipants: 4, chat: false, title: 'Spring preview' });
    expect(host.welcome.call.limitReason).toMatch(/limited to 4 people/);
    const ana = await join({ token: tokenOf(seatOf(0).joinUrl!) });
    const ben = await join({ token: tokenOf(seatOf(1).joinUrl!) });
    expect(ben.welcome.peers.map((p) => p.name).sort()).toEqual(['Ana', 'Maison Video Admin']);
    expect(ben.welcome.call.chat).toBe(true);
    // Ben's chat is his own thread, not Ana's.
    const history = await emitAck(ben.s, 'chat.history', {});
    expect(history.messages.map((m: MessageView) => m.conversationId)).toEqual(expect.arrayContaining([buyers[1]!.conversationId]));
    expect(history.messages.every((m: MessageView) => m.conversationId === buyers[1]!.conversationId)).toBe(true);
    // A signal cannot reach someone outside this call.
    const stray = nextEvent(ana.s, 'signal', () => true, 500).then(() => 'delivered', () => 'not delivered');
    ben.s.emit('signal', { to: randomUUID(), data: { type: 'offer', sdp: 'x' } });
    expect(await stray).toBe('not delivered');
    await hub.http().post(`${base()}/calls/${group.id}/end`).set(auth()).expect(200);
    expect((await activities(buyers[2]!.conversationId)).map((l) => l.event)).toEqual(['call_invited', 'call_missed']);
    expect((await activities(buyers[0]!.conversationId)).map((l) => l.event)).toEqual(['call_invited', 'call_joined', 'call_ended']);
  });

  it('a web-chat customer asks for a call from the widget: the request shows in the thread', async () => {
    const { visitorToken, conversationId } = await customer('I would like to see it live');
    const headers = { 'X-Website-Token': inbox.websiteToken, 'X-Visitor-Token': visitorToken };
    const line = nextEvent<MessageView>(agent, 'message.created', (m) => m.kind === 'activity' && m.conversationId === conversationId);
    await hub.http().post('/webchat/call-requests').set(headers).send({}).expect(202);
    expect((await line).content).toEqual({ type: 'activity', event: 'call_requested', text: 'The customer asked for a video call' });
    const again = await hub.http().post('/webchat/call-requests').set(headers).send({}).expect(429);
    expect(again.headers['retry-after']).toBeDefined();
    await hub.http().post('/webchat/call-requests').set({ 'X-Website-Token': inbox.websiteToken, 'X-Visitor-Token': 'x'.repeat(40) }).send({}).expect(409);
  });
});
