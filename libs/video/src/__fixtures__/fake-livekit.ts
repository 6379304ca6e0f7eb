import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TokenVerifier } from 'livekit-server-sdk';

export const API_KEY = 'APIconcierge';
export const API_SECRET = 'a-livekit-secret-that-is-long-enough-123456';

export interface Seen {
  path: string;
  body: Record<string, unknown>;
  grants: Record<string, unknown>;
}

/** A browser's attempt to join a room over LiveKit's signalling WebSocket. */
export interface SignalJoin {
  /** `/rtc/v1` (livekit-client 2.x) or `/rtc` (its fallback for older servers). */
  path: string;
  token: string;
  /** The token's claims when it verifies with the fake's key and secret, else null (refused with 401). */
  claims: Record<string, unknown> | null;
}

export type FakeLiveKit = Server & { joins: SignalJoin[] };

/**
 * A local stand-in for a LiveKit server. Its RoomService: Twirp over HTTP (`POST /twirp/livekit.RoomService/<Method>`,
 * JSON bodies, errors as `{ code, msg }`), checking the request's JWT the way the server does
 * (https://docs.livekit.io/reference/server/server-apis/). Its signalling endpoint: the WebSocket a browser opens
 * at `/rtc[/v1]?access_token=…` is recorded with the token's claims; a valid token is accepted and the socket then
 * closed (the fake carries no media, so no browser ever gets into a room), an invalid one refused with 401. On a
 * failed upgrade livekit-client asks `…/validate` why, answered the same way.
 */
export function fakeLiveKit(seen: Seen[], failWith: { status: number } | null = null): FakeLiveKit {
  const verifier = new TokenVerifier(API_KEY, API_SECRET);
  const rooms = new Map<string, Record<string, unknown>>();
  const joins: SignalJoin[] = [];
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const claimsOf = async (url: URL) => (verifier.verify(url.searchParams.get('access_token') ?? '') as Promise<Record<string, unknown>>).catch(() => null);
  const server = createServer(async (req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && /^\/rtc(\/v1)?\/validate$/.test(url.pathname)) {
      const ok = await claimsOf(url);
      return void res.writeHead(ok ? 200 : 401, { 'content-type': 'text/plain' }).end(ok ? 'success' : 'invalid token');
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    let claims: Record<string, unknown>;
    try {
      claims = (await verifier.verify(auth ?? '')) as Record<string, unknown>;
    } catch {
      return answer(res, 401, { code: 'unauthenticated', msg: 'invalid token' });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
    seen.push({ path: req.url ?? '', body, grants: claims.video as Record<string, unknown> });
    if (failWith) return answer(res, failWith.status, { code: 'internal', msg: 'boom' });
    if (req.method !== 'POST' || !(claims.video as { roomCreate?: boolean })?.roomCreate) return answer(res, 403, { code: 'permission_denied', msg: 'no roomCreate grant' });
    if (req.url === '/twirp/livekit.RoomService/CreateRoom') {
      const room = { sid: `RM_${rooms.size + 1}`, name: body.name, emptyTimeout: body.emptyTimeout, maxParticipants: body.maxParticipants, metadata: body.metadata, creationTime: '1764700000' };
      rooms.set(String(body.name), room);
      return answer(res, 200, room);
    }
    if (req.url === '/twirp/livekit.RoomService/DeleteRoom') {
      if (!rooms.delete(String(body.room))) return answer(res, 404, { code: 'not_found', msg: 'room not found' });
      return answer(res, 200, {});
    }
    return answer(res, 404, { code: 'bad_route', msg: 'no such method' });
  });
  // Upgraded sockets belong to no HTTP exchange any more: close() would wait for them, so each is destroyed once answered.
  const hangUp = (socket: Socket, data: string | Buffer) => void socket.end(data, () => socket.destroy());
  server.on('upgrade', async (req: IncomingMessage, socket: Socket) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (!/^\/rtc(\/v1)?$/.test(url.pathname)) return hangUp(socket, 'HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
    const claims = await claimsOf(url);
    joins.push({ path: url.pathname, token: url.searchParams.get('access_token') ?? '', claims });
    if (!claims) return hangUp(socket, 'HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n');
    // RFC 6455 §4.2.2: the accept key proves the handshake; then a close frame (1011), as a server that cannot serve the room.
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${accept}\r\n\r\n`);
    const reason = Buffer.from('this fake carries no media');
    hangUp(socket, Buffer.concat([Buffer.from([0x88, reason.length + 2, 0x03, 0xf3]), reason]));
  });
  return Object.assign(server, { joins });
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

