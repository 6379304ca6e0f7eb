import { AppError, isAppError, isUuid } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import type { CallAck, CallClientEvents, CallPeer, CallServerEvents, CallWelcome, SignalData } from '@concierge/contracts';
import { AuthService } from '@concierge/tenancy';
import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { CallChat } from './call-chat.js';
import { CallRoster, type Seat } from './call-roster.js';
import { callRooms, CallSignals } from './call-signals.js';
import { CallsService } from './calls.service.js';
import { VideoRoomProvider } from './room-provider.js';

interface CallSocketData {
  seat: Seat;
  peer: CallPeer;
}
type CallSocket = Socket<CallClientEvents, CallServerEvents, Record<string, never>, CallSocketData>;

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_SDP = 32 * 1024;

function fail(error: unknown): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: 'Something went wrong on our side' } };
}

/** Only well-formed offers, answers and ICE candidates are relayed (no arbitrary payloads between strangers). */
function validSignal(data: unknown): data is SignalData {
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return false;
  if (d.type === 'offer' || d.type === 'answer') return typeof d.sdp === 'string' && d.sdp.length <= MAX_SDP;
  const c = d.candidate as Record<string, unknown> | undefined;
  return d.type === 'ice' && !!c && typeof c.candidate === 'string' && c.candidate.length <= 1024;
}

/**
 * `/call`: WebRTC signalling (offer, answer, ICE) between the participants of one call, the chat beside
 * the video and the pinned product. Customers authenticate with their invite token, assistants with
 * their access token and the call id. Participants only ever see each other's display names.
 */
@WebSocketGateway({ namespace: '/call', cors: { origin: true }, maxHttpBufferSize: 64 * 1024 })
export class CallGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(CallGateway.name);

  constructor(
    private readonly roster: CallRoster,
    private readonly auth: AuthService,
    private readonly chat: CallChat,
    private readonly calls: CallsService,
    private readonly signals: CallSignals,
    private readonly rooms: VideoRoomProvider,
    private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    this.signals.attach(namespace);
    namespace.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown; accessToken?: unknown; callId?: unknown };
      const seat = typeof auth.accessToken === 'string'
        ? this.auth.authenticate(auth.accessToken).then((agent) => this.roster.agentSeat(agent, auth.callId))
        : this.roster.seat(auth.token);
      seat
        .then(async (s) => {
          // Full: everyone else in the call already fills its seats (a participant taking their own seat over does not count).
          const present = await namespace.in(callRooms.call(s.call.id)).fetchSockets();
          const others = new Set(present.map((p) => (p.data as CallSocketData).peer?.participantId).filter((id) => id && id !== s.participant.id));
          if (others.size + 1 > s.call.maxParticipants) {
            throw this.roster.full(s.call);
          }
          socket.data = { seat: s, peer: { participantId: s.participant.id, name: s.participant.displayName, role: s.participant.role } };
          next();
        })
        .catch((error: unknown) => {
          const e = isAppError(error) ? error : new AppError('INTERNAL', 'Something went wrong on our side');
          next(Object.assign(new Error(`${e.code}: ${e.message}`), { data: { code: e.code } }));
        });
    });
  }

  async handleConnection(socket: CallSocket): Promise<void> {
    const { seat, peer } = socket.data;
    if (!seat) return void socket.disconnect(true);
    const call = seat.call;
    const present = (await socket.nsp.in(callRooms.call(call.id)).fetchSockets()).filter((s) => s.id !== socket.id);
    const others = present.map((s) => (s.data as CallSocketData).peer).filter((p) => p.participantId !== peer.participantId);
    const joins = [callRooms.call(call.id), callRooms.seat(call.id, peer.participantId)];
    const conversationId = this.chat.conversationOf(seat);
    if (conversationId) joins.push(callRooms.chat(call.id, conversationId));
    await socket.join(joins);
    // A reload or a second tab takes the seat over: the older socket goes (its disconnect sees this one and does not count as leaving).
    socket.nsp.in(callRooms.seat(call.id, peer.participantId)).except(socket.id).disconnectSockets(true);
    await this.roster.joined(seat);
    const sfu = call.roomName
      ? await this.rooms.participantAccess({ room: call.roomName, identity: peer.participantId, name: peer.name, canPublish: true, roomAdmin: peer.role !== 'customer', ttlSeconds: 4 * 3600 })
      : null;
    const welcome: CallWelcome = {
      self: peer,
      call: {
        id: call.id, kind: call.kind, mode: call.mode, status: call.status, title: call.title, maxParticipants: call.maxParticipants,
        limitReason: call.mode === 'mesh' ? this.rooms.limitReason : null, iceServers: this.config.video.iceServers,
        pinnedProduct: call.pinnedProduct, chat: conversationId !== null, sfu,
      },
      peers: others,
    };
    socket.emit('welcome', welcome);
    socket.to(callRooms.call(call.id)).emit('peer.joined', peer);
  }

  /**
   * socket.io does not await this: a rejection would be unhandled. Disconnects also come while the hub shuts
   * down, after its database connections are gone; the call then ends on its link's expiry instead.
   */
  async handleDisconnect(socket: CallSocket): Promise<void> {
    await this.left(socket).catch((error: unknown) => this.logger.warn({ err: error }, 'Call participant left, but the call could not be updated'));
  }

  private async left(socket: CallSocket): Promise<void> {
    const { seat, peer } = socket.data ?? {};
    if (!seat) return;
    const room = callRooms.call(seat.call.id);
    const remaining = await socket.nsp.in(room).fetchSockets();
    // Taken over by a newer socket of the same participant: they have not left.
    if (remaining.some((s) => (s.data as CallSocketData).peer?.participantId === peer.participantId)) return;
    await this.roster.left(peer.participantId).catch(() => undefined);
    socket.nsp.to(room).emit('peer.left', { participantId: peer.participantId });
    const call = await this.roster.call(seat.call.id);
    // Everyone left a call that had started: it is over (a call nobody joined yet stays open until its link expires).
    if (remaining.length === 0 && call?.status === 'active') {
      const ended = await this.roster.finish(call.id).catch((error: unknown) => void this.logger.error({ err: error }, 'Call not finished'));
      if (ended) this.signals.ended(ended.id, ended.durationSeconds);
    }
  }

  @SubscribeMessage('signal')
  signal(@ConnectedSocket() socket: CallSocket, @MessageBody() body: { to?: unknown; data?: unknown }): void {
    if (!isUuid(body?.to) || !validSignal(body.data)) return;
    socket.to(callRooms.seat(socket.data.seat.call.id, body.to)).emit('signal', { from: socket.data.peer.participantId, data: body.data });
  }

  @SubscribeMessage('chat.history')
  async history(@ConnectedSocket() socket: CallSocket): Promise<CallAck<{ messages: Awaited<ReturnType<CallChat['history']>> }>> {
    try {
      return { ok: true, messages: await this.chat.history(socket.data.seat) };
    } catch (error) {
      return fail(error);
    }
  }

  @SubscribeMessage('chat.send')
  async send(@ConnectedSocket() socket: CallSocket, @MessageBody() body: { clientMessageId?: unknown; text?: unknown }): Promise<CallAck<{ message: Awaited<ReturnType<CallChat['send']>> }>> {
    try {
      const text = typeof body?.text === 'string' ? body.text.trim() : '';
      if (typeof body?.clientMessageId !== 'string' || !CLIENT_ID.test(body.clientMessageId) || !text || text.length > 4096) {
        throw AppError.validation('chat.send needs { clientMessageId, text } with 1-4096 characters of text');
      }
      const { seat } = socket.data;
      const message = await this.chat.send(seat, body.clientMessageId, text);
      socket.to(callRooms.chat(seat.call.id, seat.participant.conversationId!)).emit('chat.message', message);
      return { ok: true, message };
    } catch (error) {
      return fail(error);
    }
  }

  @SubscribeMessage('product.pin')
  async pin(@ConnectedSocket() socket: CallSocket, @MessageBody() body: { productId?: unknown }): Promise<CallAck> {
    try {
      const { seat } = socket.data;
      if (seat.participant.role === 'customer') throw AppError.forbidden('Only the assistant pins products');
      if (body?.productId !== null && !isUuid(body?.productId)) throw AppError.validation('productId must be a product id or null');
      await this.calls.pin(seat.call.accountId, seat.call.id, body.productId as string | null);
      return { ok: true };
    } catch (error) {
      return fail(error);
    }
  }

  @SubscribeMessage('call.end')
  async end(@ConnectedSocket() socket: CallSocket): Promise<CallAck> {
    try {
      const { seat } = socket.data;
      if (seat.participant.role === 'customer') throw AppError.forbidden('Only the assistant ends the call for everyone');
      const ended = await this.roster.finish(seat.call.id);
      if (ended) this.signals.ended(ended.id, ended.durationSeconds);
      return { ok: true };
    } catch (error) {
      return fail(error);
    }
  }
}
