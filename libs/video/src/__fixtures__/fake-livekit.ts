import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenVerifier } from 'livekit-server-sdk';

export const API_KEY = 'APIconcierge';
export const API_SECRET = 'a-livekit-secret-that-is-long-enough-123456';

export interface Seen {
  path: string;
  body: Record<string, unknown>;
  grants: Record<string, unknown>;
}

/**
 * A local stand-in for LiveKit's RoomService: Twirp over HTTP (`POST /twirp/livekit.RoomService/<Method>`,
 * JSON bodies, errors as `{ code, msg }`), checking the request's JWT the way the server does.
 * https://docs.livekit.io/reference/server/server-apis/
 */
export function fakeLiveKit(seen: Seen[], failWith: { status: number } | null = null): Server {
  const verifier = new TokenVerifier(API_KEY, API_SECRET);
  const rooms = new Map<string, Record<string, unknown>>();
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  return createServer(async (req: IncomingMessage, res) => {
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
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

