import { isUuid } from '@concierge/common';
import type { AgentClientEvents, AgentServerEvents, PresenceSnapshotPayload } from '@concierge/contracts';
import { ConversationsService, InboxesService, ReadReceipts } from '@concierge/inbox';
import { AgentDirectory, AuthService, type AccountContext, type AgentPrincipal } from '@concierge/tenancy';
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { Presence } from './presence.js';
import { connectError } from './socket-errors.js';
import { rooms, SocketPublisher } from './socket-publisher.js';

interface AgentSocketData {
  agent: AgentPrincipal;
  accounts: AccountContext[];
}

type AgentSocket = Socket<AgentClientEvents, AgentServerEvents, Record<string, never>, AgentSocketData>;

/** `/inbox`: agents authenticate with their access token and join the rooms of what they may see. */
@WebSocketGateway({ namespace: '/inbox', cors: { origin: true } })
export class AgentGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(AgentGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly agents: AgentDirectory,
    private readonly inboxes: InboxesService,
    private readonly conversations: ConversationsService,
    private readonly publisher: SocketPublisher,
    private readonly presence: Presence,
    private readonly receipts: ReadReceipts,
  ) {}

  afterInit(namespace: Namespace): void {
    this.publisher.attach('agents', namespace);
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      this.auth
        .authenticate(typeof token === 'string' ? token : undefined)
        .then(async (agent) => {
          const memberships = await this.agents.accountsOf(agent.id);
          socket.data = { agent, accounts: memberships.map((m) => ({ accountId: m.id, role: m.role, agent })) };
          next();
        })
        .catch((error: unknown) => next(connectError(error)));
    });
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    const { agent, accounts } = socket.data;
    if (!agent) return void socket.disconnect(true);
    const joins = [rooms.agent(agent.id)];
    for (const ctx of accounts) {
      joins.push(rooms.account(ctx.accountId));
      if (ctx.role === 'admin') joins.push(rooms.admins(ctx.accountId));
      else for (const inboxId of await this.inboxes.accessibleInboxIds(ctx)) joins.push(rooms.inbox(inboxId));
    }
    await socket.join(joins);
    for (const ctx of accounts) {
      if (this.presence.join(ctx.accountId, agent.id, socket.id)) this.announce(ctx.accountId, agent.id);
    }
    // Changes arrive as presence.updated from now on; the snapshot covers who was online before.
    for (const ctx of accounts) socket.emit('presence.snapshot', await this.snapshot(ctx.accountId));
  }

  handleDisconnect(socket: AgentSocket): void {
    const { agent, accounts } = socket.data ?? {};
    if (!agent) return;
    for (const ctx of accounts) {
      if (this.presence.leave(ctx.accountId, agent.id, socket.id)) this.announce(ctx.accountId, agent.id);
    }
  }

  @SubscribeMessage('presence.set')
  setPresence(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { status?: unknown }): void {
    if (body?.status !== 'online' && body?.status !== 'busy') return;
    for (const ctx of socket.data.accounts) {
      this.presence.set(ctx.accountId, socket.data.agent.id, body.status);
      this.announce(ctx.accountId, socket.data.agent.id);
    }
  }

  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { conversationId?: unknown; typing?: unknown }): Promise<void> {
    if (!isUuid(body?.conversationId) || typeof body.typing !== 'boolean') return;
    for (const ctx of socket.data.accounts) {
      const conv = await this.conversations.entity(ctx, body.conversationId).catch(() => null);
      if (!conv) continue;
      const actor = { type: 'agent' as const, id: ctx.agent.id, name: ctx.agent.name };
      this.publisher.toAgents({ accountId: ctx.accountId, inboxId: conv.inboxId }, 'conversation.typing', { accountId: ctx.accountId, conversationId: conv.id, actor, typing: body.typing });
      this.publisher.toVisitor(conv.contactChannelId, 'conversation.typing', { conversationId: conv.id, typing: body.typing, name: ctx.agent.name });
      if (body.typing) void this.receipts.typing(conv);
      return;
    }
    this.logger.debug(`typing for an unknown conversation from agent ${socket.data.agent.id}`);
  }

  private async snapshot(accountId: string): Promise<PresenceSnapshotPayload> {
    const members = await this.agents.members(accountId);
    return { accountId, agents: members.map((m) => ({ agentId: m.id, status: this.presence.status(accountId, m.id) })) };
  }

  private announce(accountId: string, agentId: string): void {
    this.publisher.toAgents({ accountId }, 'presence.updated', { accountId, agentId, status: this.presence.status(accountId, agentId) });
  }
}
