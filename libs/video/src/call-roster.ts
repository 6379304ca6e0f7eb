import { AppError, Clock, newId } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import type { AgentPrincipal } from '@concierge/tenancy';
import { AgentDirectory } from '@concierge/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CallLines } from './call-lines.js';
import { CallTokens } from './call-tokens.js';
import { CallParticipantEntity, VideoCallEntity } from './entities.js';
import { VideoRoomProvider } from './room-provider.js';

export interface Seat {
  call: VideoCallEntity;
  participant: CallParticipantEntity;
}

const OVER = ['ended', 'missed', 'cancelled'];

/**
 * Who holds a seat in which call, and the call's lifecycle as people come and go: the first join of each
 * participant, the start (two people in), the end (host ends it, or everyone left) with its duration, or
 * missed when no customer ever joined. Each step is one conditional UPDATE, safe across hub instances.
 */
@Injectable()
export class CallRoster {
  private readonly logger = new Logger(CallRoster.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: CallTokens,
    private readonly lines: CallLines,
    private readonly rooms: VideoRoomProvider,
    private readonly agents: AgentDirectory,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  joinUrl(p: CallParticipantEntity, call: VideoCallEntity): string {
    const token = this.tokens.sign({ participantId: p.id, callId: p.callId, conversationId: p.conversationId, expiresAt: call.expiresAt });
    return `${this.config.publicUrl}/call/${token}`;
  }

  /** The seat an invite token opens: 401 when forged, 410 when expired or the call is over. */
  async seat(token: unknown): Promise<Seat> {
    const parsed = this.tokens.parse(token);
    const participant = await this.db.getRepository(CallParticipantEntity).findOneBy({ id: parsed.participantId });
    const call = participant && (await this.db.getRepository(VideoCallEntity).findOneBy({ id: participant.callId }));
    this.tokens.verify(parsed, participant && call ? { participantId: participant.id, callId: call.id, conversationId: participant.conversationId } : null, this.clock.now());
    if (OVER.includes(call!.status)) throw new AppError('LINK_EXPIRED', 'This video call is over');
    return { call: call!, participant: participant! };
  }

  /**
   * An assistant of the brand joining with their access token: their own seat (the host's, or one they took
   * earlier), else a new assistant seat while the call has one free. Every invited person keeps a seat, so an
   * assistant never takes a customer's place; the count and the insert happen under the call's row lock, so
   * two assistants joining at once cannot both take the last seat. A full call is refused before anything is written.
   */
  async agentSeat(agent: AgentPrincipal, callId: unknown): Promise<Seat> {
    const call = typeof callId === 'string' && /^[0-9a-f-]{36}$/i.test(callId) ? await this.db.getRepository(VideoCallEntity).findOneBy({ id: callId }) : null;
    if (!call || !(await this.agents.roleIn(call.accountId, agent.id))) throw AppError.notFound('Call');
    if (OVER.includes(call.status)) throw new AppError('LINK_EXPIRED', 'This video call is over');
    const own = await this.db.getRepository(CallParticipantEntity).findOneBy({ callId: call.id, agentId: agent.id });
    if (own) return { call, participant: own };
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM video_call WHERE id = $1 FOR UPDATE', [call.id]);
      const repo = tx.getRepository(CallParticipantEntity);
      const existing = await repo.findOneBy({ callId: call.id, agentId: agent.id });
      if (existing) return { call, participant: existing };
      if ((await repo.countBy({ callId: call.id })) >= call.maxParticipants) throw this.full(call);
      const participant = repo.create({ id: newId(), accountId: call.accountId, callId: call.id, role: 'agent', agentId: agent.id, contactId: null, conversationId: call.conversationId, displayName: agent.name.slice(0, 60), joinedAt: null, leftAt: null });
      await repo.insert(participant);
      return { call, participant };
    });
  }

  /** Why someone is turned away from a full call (in mesh mode, with the reason mesh stops there). */
  full(call: VideoCallEntity): AppError {
    return new AppError('CONFLICT', call.mode === 'mesh' && this.rooms.limitReason ? `This call is full. ${this.rooms.limitReason}` : 'This call is full');
  }

  async call(callId: string): Promise<VideoCallEntity | null> {
    return this.db.getRepository(VideoCallEntity).findOneBy({ id: callId });
  }

  async participants(callId: string): Promise<CallParticipantEntity[]> {
    return this.db.getRepository(CallParticipantEntity).find({ where: { callId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A participant's socket is in: the first join is written to their thread; two people in start the clock. */
  async joined(seat: Seat): Promise<void> {
    const now = this.clock.now();
    const first = await returning<{ first: boolean }>(this.db, `UPDATE video_call_participant SET joined_at = COALESCE(joined_at, $2), left_at = NULL WHERE id = $1 RETURNING (joined_at = $2) AS first`, [seat.participant.id, now]);
    if (first[0]?.first && seat.participant.role === 'customer' && seat.participant.conversationId) {
      await this.lines.joined(seat.call.accountId, seat.participant.conversationId, seat.participant.displayName);
    }
    await this.db.query(
      `UPDATE video_call c SET status = 'active', started_at = $2
        WHERE c.id = $1 AND c.started_at IS NULL AND c.status IN ('scheduled', 'invited')
          AND (SELECT count(*) FROM video_call_participant p WHERE p.call_id = c.id AND p.joined_at IS NOT NULL AND p.left_at IS NULL) >= 2`,
      [seat.call.id, now],
    );
  }

  async left(participantId: string): Promise<void> {
    await this.db.getRepository(CallParticipantEntity).update({ id: participantId }, { leftAt: this.clock.now() });
  }

  /**
   * Ends the call once (whoever asks first wins): `ended` with its duration when a customer took part,
   * `missed` when none did. Lines go to every customer's thread. Returns null when it was already over.
   */
  async finish(callId: string): Promise<VideoCallEntity | null> {
    const now = this.clock.now();
    const rows = await returning(
      this.db,
      `UPDATE video_call c SET
          status = CASE WHEN EXISTS (SELECT 1 FROM video_call_participant p WHERE p.call_id = c.id AND p.role = 'customer' AND p.joined_at IS NOT NULL) THEN 'ended' ELSE 'missed' END,
          ended_at = $2,
          duration_seconds = CASE WHEN c.started_at IS NULL THEN NULL ELSE GREATEST(0, floor(extract(epoch FROM ($2::timestamptz - c.started_at))))::int END
        WHERE c.id = $1 AND c.status NOT IN ('ended', 'missed', 'cancelled')
        RETURNING c.id`,
      [callId, now],
    );
    if (!rows.length) return null;
    const call = await this.db.getRepository(VideoCallEntity).findOneByOrFail({ id: callId });
    const customers = await this.db.getRepository(CallParticipantEntity).findBy({ callId, role: 'customer' });
    for (const p of customers) {
      if (!p.conversationId) continue;
      if (p.joinedAt) await this.lines.ended(call.accountId, p.conversationId, call.durationSeconds);
      else await this.lines.missed(call.accountId, p.conversationId, p.displayName);
    }
    if (call.roomName) await this.rooms.closeRoom(call.roomName).catch((error: unknown) => this.logger.warn({ err: error }, 'SFU room not closed'));
    return call;
  }
}

/** Rows of an UPDATE … RETURNING (TypeORM's pg driver answers `[rows, rowCount]` for updates). */
export async function returning<T = Record<string, unknown>>(db: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
