import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AppError } from '@concierge/common';
import { TokenVerifier } from 'livekit-server-sdk';
import { LiveKitRooms } from './livekit-rooms.js';
import { API_KEY, API_SECRET, fakeLiveKit, listen, type Seen } from './__fixtures__/fake-livekit.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

describe('LiveKitRooms (against a local fake of the LiveKit server API)', () => {
  const seen: Seen[] = [];
  let server: Server;
  let rooms: LiveKitRooms;

  beforeAll(async () => {
    server = fakeLiveKit(seen);
    rooms = new LiveKitRooms({ url: await listen(server), apiKey: API_KEY, apiSecret: API_SECRET });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => void seen.splice(0));

  it('creates a room with the size limit and empty timeout, authenticated with a roomCreate grant', async () => {
    await rooms.createRoom({ name: 'concierge-call-1', maxParticipants: 41, emptyTimeoutSeconds: 600, metadata: '{"callId":"c1"}' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe('/twirp/livekit.RoomService/CreateRoom');
    expect(seen[0]!.body).toMatchObject({ name: 'concierge-call-1', maxParticipants: 41, emptyTimeout: 600, metadata: '{"callId":"c1"}' });
    expect(seen[0]!.grants).toMatchObject({ roomCreate: true });
  });

  it('closes a room, and treats an already closed room as done', async () => {
    await rooms.createRoom({ name: 'concierge-call-2', maxParticipants: 41, emptyTimeoutSeconds: 600 });
    await rooms.closeRoom('concierge-call-2');
    await rooms.closeRoom('concierge-call-2');
    expect(seen.map((s) => s.path)).toEqual(['/twirp/livekit.RoomService/CreateRoom', '/twirp/livekit.RoomService/DeleteRoom', '/twirp/livekit.RoomService/DeleteRoom']);
    expect(seen[1]!.body).toEqual({ room: 'concierge-call-2' });
  });

  it('issues participant tokens whose claims LiveKit verifies: identity, name, room grant, expiry', async () => {
    const before = Math.floor(Date.now() / 1000);
    const host = await rooms.participantAccess({ room: 'concierge-call-3', identity: 'p-host', name: 'Mei', canPublish: true, roomAdmin: true, ttlSeconds: 3600 });
    const buyer = await rooms.participantAccess({ room: 'concierge-call-3', identity: 'p-buyer', name: 'Ana', canPublish: true, roomAdmin: false, ttlSeconds: 3600 });
    expect(host.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const verifier = new TokenVerifier(API_KEY, API_SECRET);
    const h = await verifier.verify(host.token);
    const b = await verifier.verify(buyer.token);
    expect(h).toMatchObject({ iss: API_KEY, sub: 'p-host', name: 'Mei', video: { room: 'concierge-call-3', roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true, roomAdmin: true } });
    expect(b).toMatchObject({ sub: 'p-buyer', name: 'Ana', video: { room: 'concierge-call-3', roomJoin: true, roomAdmin: false } });
    expect(b.video).not.toHaveProperty('roomCreate');
    expect(b.exp! - before).toBeGreaterThanOrEqual(3599);
    expect(b.exp! - before).toBeLessThanOrEqual(3601);
    // Signed with the brand's LiveKit secret only: another secret does not verify it.
    await expect(new TokenVerifier(API_KEY, 'another-secret-that-is-long-enough-0000000').verify(buyer.token)).rejects.toThrow();
  });

  it('reports an unreachable or failing LiveKit as SERVICE_UNAVAILABLE', async () => {
    const failing = fakeLiveKit([], { status: 500 });
    const broken = new LiveKitRooms({ url: await listen(failing), apiKey: API_KEY, apiSecret: API_SECRET });
    await expect(broken.createRoom({ name: 'x', maxParticipants: 41, emptyTimeoutSeconds: 60 })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await new Promise<void>((resolve) => failing.close(() => resolve()));
    const wrongKey = new LiveKitRooms({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: API_KEY, apiSecret: 'not-the-right-secret-but-long-enough-000000' });
    const error = await wrongKey.createRoom({ name: 'y', maxParticipants: 41, emptyTimeoutSeconds: 60 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/401/);
  });
});
