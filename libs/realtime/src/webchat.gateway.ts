import { AppError, isUuid, Clock } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import type { VisitorMessageView, WebchatClientEvents, WebchatSendContent, WebchatServerEvents } from '@concierge/contracts';
import { ConversationsService, InboxHours, VisitorSessions, type VisitorSession } from '@concierge/inbox';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { Presence } from './presence.js';
import { connectError, socketError } from './socket-errors.js';
import { rooms, SocketPublisher } from './socket-publisher.js';

interface VisitorSocketData {
  session: VisitorSession;
  contactChannelId: string | null;
}

type VisitorSocket = Socket<WebchatClientEvents, WebchatServerEvents, Record<string, never>, VisitorSocketData>;
type AckResult<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];

/** `/webchat`: store visitors. Their messages enter the same ingest use case as every channel. */
@WebSocketGateway({ namespace: '/webchat', cors: { origin: true }, maxHttpBufferSize: 64 * 1024 })
export class WebchatGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly clock: Clock,
    private readonly sessions: VisitorSessions,
    private readonly conversations: ConversationsService,
    private readonly publisher: SocketPublisher,
    private readonly presence: Presence,
    private readonly hours: InboxHours,
    private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    this.publisher.attach('visitors', namespace);
    namespace.use((socket, next) => {
      this.sessions
        .open({
          ...(socket.handshake.auth as Record<string, unknown>),
          origin: socket.handshake.headers.origin,
          host: socket.handshake.headers.host,
          fetchSite: header(socket.handshake.headers['sec-fetch-site']),
        })
        .then((session) => {
          socket.data = { session, contactChannelId: null };
          next();
        })
        .catch((error: unknown) => next(connectError(error)));
    });
  }

  async handleConnection(socket: VisitorSocket): Promise<void> {
    const { session } = socket.data;
    if (!session) return void socket.disconnect(true);
    // A first message may already have been handled meanwhile (it sets the channel and joins the room).
    const contactChannelId = socket.data.contactChannelId ?? (await this.sessions.contactChannelId(session));
    socket.data.contactChannelId ??= contactChannelId;
    if (contactChannelId) await socket.join(rooms.visitor(contactChannelId));
    // Attributes set before this connection (setCustomAttributes) reach an existing contact at once.
    if (contactChannelId && session.attributes) await this.sessions.setAttributes(session, contactChannelId, session.attributes).catch(() => undefined);
    // Outside business hours the widget says when the brand is back; inside them, whether anyone is there now.
    const hours = await this.hours.availability(session.accountId, session.inboxId, this.clock.now()).catch(() => ({ open: true, nextOpenAt: null }));
    socket.emit('session', {
      visitorToken: session.visitorToken,
      conversationId: await this.sessions.currentConversationId(contactChannelId),
      online: hours.open && this.presence.anyoneOnline(session.accountId),
      nextOpenAt: hours.open ? null : (hours.nextOpenAt?.toISOString() ?? null),
      widget: session.widget,
    });
  }

  @SubscribeMessage('message.send')
  async send(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<AckResult<{ message: VisitorMessageView }>> {
    try {
      const { clientMessageId, content } = this.validate(body);
      const result = await this.sessions.send(socket.data.session, clientMessageId, content);
      if (!socket.data.contactChannelId) {
        socket.data.contactChannelId = result.contactChannelId;
        await socket.join(rooms.visitor(result.contactChannelId));
      }
      // The visitor's other tabs see it too; this socket gets it in the ack.
      if (!result.duplicate) socket.to(rooms.visitor(result.contactChannelId)).emit('message.created', result.message);
      return { ok: true, message: result.message };
    } catch (error) {
      return { ok: false, error: socketError(error) };
    }
  }

  @SubscribeMessage('history')
  async history(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: { afterId?: unknown } | undefined): Promise<AckResult<{ messages: VisitorMessageView[] }>> {
    try {
      const afterId = typeof body?.afterId === 'string' ? body.afterId : undefined;
      return { ok: true, messages: await this.sessions.history(socket.data.session, afterId) };
    } catch (error) {
      return { ok: false, error: socketError(error) };
    }
  }

  @SubscribeMessage('attributes.set')
  async attributes(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: { customAttributes?: unknown } | undefined): Promise<AckResult<object>> {
    try {
      await this.sessions.setAttributes(socket.data.session, socket.data.contactChannelId, body?.customAttributes);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: socketError(error) };
    }
  }

  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: { typing?: unknown } | undefined): Promise<void> {
    const contactChannelId = socket.data.contactChannelId;
    if (!contactChannelId || typeof body?.typing !== 'boolean') return;
    const conversationId = await this.sessions.currentConversationId(contactChannelId);
    if (!conversationId) return;
    const { accountId, inboxId } = socket.data.session;
    this.publisher.toAgents({ accountId, inboxId }, 'conversation.typing', {
      accountId, conversationId, actor: { type: 'contact', id: null, name: null }, typing: body.typing,
    });
  }

  private validate(body: unknown): { clientMessageId: string; content: WebchatSendContent } {
    const b = body as { clientMessageId?: unknown; content?: Record<string, unknown> } | undefined;
    if (typeof b?.clientMessageId !== 'string' || !CLIENT_ID.test(b.clientMessageId)) {
      throw AppError.validation('clientMessageId must be 1-64 letters, digits, - or _', [{ field: 'clientMessageId', messages: ['invalid clientMessageId'] }]);
    }
    const c = b.content;
    if (c?.type === 'media') {
      const valid = isUuid(c.attachmentId)
        && (c.caption === undefined || (typeof c.caption === 'string' && c.caption.length <= 1024))
        && (c.mediaType === undefined || MEDIA_TYPES.includes(c.mediaType as string));
      if (!valid) {
        throw AppError.validation('media content must be { type: "media", attachmentId, caption? } with an id from POST /webchat/attachments', [{ field: 'content', messages: ['invalid content'] }]);
      }
      return { clientMessageId: b.clientMessageId, content: { type: 'media', attachmentId: c.attachmentId as string, ...(typeof c.caption === 'string' && { caption: c.caption }) } };
    }
    if (c?.type !== 'text' || typeof c.text !== 'string' || c.text.trim() === '') {
      throw AppError.validation('content must be { type: "text", text } with non-empty text, or { type: "media", attachmentId }', [{ field: 'content', messages: ['invalid content'] }]);
    }
    if (c.text.length > this.config.limits.maxTextLength) {
      throw new AppError('PAYLOAD_TOO_LARGE', `Message text is longer than ${this.config.limits.maxTextLength} characters`);
    }
    return { clientMessageId: b.clientMessageId, content: { type: 'text', text: c.text } };
  }
}
