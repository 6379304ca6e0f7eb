import { AppError, Clock, newId } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import type { CallProduct, ConversationView, VideoCallInviteContent } from '@concierge/contracts';
import { ConversationsService, MessagesService, ProductCards } from '@concierge/inbox';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CallLines } from './call-lines.js';
import { CallRoster } from './call-roster.js';
import { CallSignals } from './call-signals.js';
import { displayNameOf, toCallView, type CallView } from './call-views.js';
import { CallParticipantEntity, VideoCallEntity } from './entities.js';
import { VideoRoomProvider } from './room-provider.js';

const LIVE = ['scheduled', 'invited', 'active'] as const;
const INVITE_CONCURRENCY = 4;

/** Starting, scheduling, listing and ending calls for assistants (REST); the invite goes out through the send use case. */
@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly products: ProductCards,
    private readonly roster: CallRoster,
    private readonly signals: CallSignals,
    private readonly lines: CallLines,
    private readonly rooms: VideoRoomProvider,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** A 1:1 call in a conversation, now or at `scheduledAt`: the customer gets the invite on their channel. */
  async startOneToOne(ctx: AccountContext, conversationId: string, input: { scheduledAt?: Date }): Promise<CallView> {
    const conv = await this.conversations.get(ctx, conversationId);
    const live = await this.db.getRepository(VideoCallEntity).existsBy({ accountId: ctx.accountId, conversationId, status: In([...LIVE]) });
    if (live) throw new AppError('CONFLICT', 'A video call is already planned or running in this conversation: end it first');
    const call = this.newCall(ctx, { kind: 'one_to_one', mode: 'p2p', conversationId, title: null, maxParticipants: 2, scheduledAt: input.scheduledAt });
    const host = this.seat(call, { role: 'host', agentId: ctx.agent.id, conversationId, displayName: ctx.agent.name });
    const customer = this.customerSeat(call, conv);
    await this.insert(call, [host, customer]);
    await this.invite(ctx, call, customer);
    return this.view(ctx, call);
  }

  /**
   * A group consultation: a host and buyers from several conversations, each invited in their own
   * thread. Through the SFU when one is configured (up to 40 buyers), else a mesh of at most 4 people.
   */
  async startGroup(ctx: AccountContext, input: { title: string; conversationIds: string[]; scheduledAt?: Date }): Promise<CallView> {
    const ids = [...new Set(input.conversationIds)];
    if (ids.length + 1 > this.rooms.maxParticipants) {
      throw AppError.validation(this.rooms.limitReason ?? `A consultation takes at most ${this.rooms.maxParticipants - 1} buyers`, [
        { field: 'conversationIds', messages: [`at most ${this.rooms.maxParticipants - 1} buyers (${this.rooms.mode})`] },
      ]);
    }
    const convs: ConversationView[] = [];
    for (const id of ids) convs.push(await this.conversations.get(ctx, id));
    const call = this.newCall(ctx, { kind: 'group', mode: this.rooms.mode, conversationId: null, title: input.title, maxParticipants: this.rooms.maxParticipants, scheduledAt: input.scheduledAt });
    if (this.rooms.mode === 'sfu') call.roomName = `concierge-${call.id}`;
    const host = this.seat(call, { role: 'host', agentId: ctx.agent.id, conversationId: null, displayName: ctx.agent.name });
    const buyers = convs.map((c) => this.customerSeat(call, c));
    if (call.roomName) await this.rooms.createRoom({ name: call.roomName, maxParticipants: call.maxParticipants, emptyTimeoutSeconds: 600, metadata: JSON.stringify({ accountId: ctx.accountId, callId: call.id }) });
    await this.insert(call, [host, ...buyers]);
    // A few invites at a time: 40 buyers quickly without taking the whole connection pool. A buyer whose
    // channel refuses the invite (WhatsApp window closed) loses the seat; the others keep the consultation.
    const refused: { seat: CallParticipantEntity; error: unknown }[] = [];
    for (let i = 0; i < buyers.length; i += INVITE_CONCURRENCY) {
      await Promise.all(buyers.slice(i, i + INVITE_CONCURRENCY).map((b) => this.deliver(ctx, call, b).catch((error: unknown) => void refused.push({ seat: b, error }))));
    }
    if (refused.length === buyers.length) return this.cancel(call, refused[0]!.error);
    if (refused.length) await this.db.getRepository(CallParticipantEntity).delete(refused.map((r) => r.seat.id));
    return this.view(ctx, call);
  }

  async listForConversation(ctx: AccountContext, conversationId: string): Promise<CallView[]> {
    await this.conversations.entity(ctx, conversationId);
    const calls = await this.db.getRepository(VideoCallEntity).find({ where: { accountId: ctx.accountId, conversationId }, order: { createdAt: 'DESC' }, take: 50 });
    return Promise.all(calls.map((c) => this.view(ctx, c)));
  }

  async get(ctx: AccountContext, callId: string): Promise<CallView> {
    return this.view(ctx, await this.entity(ctx, callId));
  }

  /** Ends (or cancels, before anyone joined) a call; its line goes into the thread with the duration. */
  async end(ctx: AccountContext, callId: string, conversationId?: string): Promise<CallView> {
    const call = await this.entity(ctx, callId);
    if (conversationId && call.conversationId !== conversationId) throw AppError.notFound('Call');
    const ended = await this.roster.finish(call.id);
    if (ended) this.signals.ended(ended.id, ended.durationSeconds);
    return this.view(ctx, await this.entity(ctx, callId));
  }

  /** The product shown beside the video for everyone in the call (a catalog card snapshot), or none. */
  async pin(accountId: string, callId: string, productId: string | null): Promise<CallProduct | null> {
    let product: CallProduct | null = null;
    if (productId) {
      const card = await this.products.complete(accountId, { type: 'product_card', productId });
      if (card.type !== 'product_card' || !card.title) throw AppError.notFound('Product');
      const { type: _type, ...snapshot } = card;
      product = snapshot;
    }
    await this.db.getRepository(VideoCallEntity).update({ id: callId, accountId }, { pinnedProduct: product });
    this.signals.pinned(callId, product);
    return product;
  }

  private async invite(ctx: AccountContext, call: VideoCallEntity, seat: CallParticipantEntity): Promise<void> {
    // Refused by the channel (WhatsApp window closed, opted out): no call the customer cannot hear about.
    await this.deliver(ctx, call, seat).catch((error: unknown) => this.cancel(call, error));
  }

  private async deliver(ctx: AccountContext, call: VideoCallEntity, seat: CallParticipantEntity): Promise<void> {
    const content: VideoCallInviteContent = {
      type: 'video_call_invite', callId: call.id, url: this.roster.joinUrl(seat, call), expiresAt: call.expiresAt.toISOString(),
      ...(call.scheduledAt && { scheduledAt: call.scheduledAt.toISOString() }),
    };
    await this.messages.send(ctx, seat.conversationId!, { content });
    await this.lines.invited(ctx.accountId, seat.conversationId!, ctx.agent.name, call.scheduledAt);
  }

  private async cancel(call: VideoCallEntity, error: unknown): Promise<never> {
    await this.db.getRepository(VideoCallEntity).update({ id: call.id }, { status: 'cancelled', endedAt: this.clock.now() });
    if (call.roomName) await this.rooms.closeRoom(call.roomName).catch(() => undefined);
    throw error;
  }

  private newCall(ctx: AccountContext, input: Pick<VideoCallEntity, 'kind' | 'mode' | 'conversationId' | 'title' | 'maxParticipants'> & { scheduledAt?: Date }): VideoCallEntity {
    const now = this.clock.now();
    if (input.scheduledAt && input.scheduledAt.getTime() <= now.getTime()) {
      throw AppError.validation('scheduledAt must be in the future', [{ field: 'scheduledAt', messages: ['scheduledAt must be in the future'] }]);
    }
    const opensAt = input.scheduledAt ?? now;
    return this.db.getRepository(VideoCallEntity).create({
      id: newId(), accountId: ctx.accountId, ...input, scheduledAt: input.scheduledAt ?? null, hostAgentId: ctx.agent.id,
      status: input.scheduledAt ? 'scheduled' : 'invited', roomName: null, pinnedProduct: null, remindedAt: null,
      expiresAt: new Date(opensAt.getTime() + this.config.video.linkTtlSeconds * 1000), startedAt: null, endedAt: null, durationSeconds: null, createdAt: now,
    });
  }

  private seat(call: VideoCallEntity, input: Pick<CallParticipantEntity, 'role' | 'agentId' | 'conversationId' | 'displayName'> & { contactId?: string | null }): CallParticipantEntity {
    return this.db.getRepository(CallParticipantEntity).create({
      id: newId(), accountId: call.accountId, callId: call.id, contactId: null, joinedAt: null, leftAt: null, createdAt: this.clock.now(), ...input, displayName: input.displayName.slice(0, 60),
    });
  }

  private customerSeat(call: VideoCallEntity, conv: ConversationView): CallParticipantEntity {
    return this.seat(call, { role: 'customer', agentId: null, contactId: conv.contact.id, conversationId: conv.id, displayName: displayNameOf(conv.contact, 'Customer') });
  }

  private async insert(call: VideoCallEntity, seats: CallParticipantEntity[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.getRepository(VideoCallEntity).insert(call);
      await tx.getRepository(CallParticipantEntity).insert(seats);
    });
  }

  private async entity(ctx: AccountContext, callId: string): Promise<VideoCallEntity> {
    const call = /^[0-9a-f-]{36}$/i.test(callId) ? await this.db.getRepository(VideoCallEntity).findOneBy({ id: callId, accountId: ctx.accountId }) : null;
    if (!call) throw AppError.notFound('Call');
    return call;
  }

  private async view(ctx: AccountContext, call: VideoCallEntity): Promise<CallView> {
    const people = await this.roster.participants(call.id);
    const open = !['ended', 'missed', 'cancelled'].includes(call.status);
    return toCallView(call, people, (p) => (open && (p.role === 'customer' || p.agentId === ctx.agent.id) ? this.roster.joinUrl(p, call) : null));
  }
}
