import { Clock } from '@concierge/common';
import type { VideoCallInviteContent } from '@concierge/contracts';
import { BotMessages } from '@concierge/inbox';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CallLines } from './call-lines.js';
import { CallRoster, returning } from './call-roster.js';
import { CallParticipantEntity, VideoCallEntity } from './entities.js';

/** How long before a scheduled call its reminder goes out. */
export const REMINDER_LEAD_MS = 10 * 60_000;
/** A call still "active" this long after its links expired lost its sockets in a crash: close it. */
const STALE_ACTIVE_MS = 4 * 3600_000;
const SWEEP_EVERY_MS = 30_000;

/**
 * Reminders before scheduled calls and the end of invitations nobody answered (missed). Each row is
 * claimed with a conditional UPDATE, so several hub instances sweeping at once never remind twice.
 */
@Injectable()
export class CallSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CallSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly roster: CallRoster,
    private readonly lines: CallLines,
    private readonly bot: BotMessages,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((error: unknown) => this.logger.error({ err: error }, 'Call sweep failed')), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: due reminders, then expired invitations (missed) and stale active calls. */
  async sweep(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      await this.remind();
      await this.expire();
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async remind(): Promise<void> {
    const now = this.clock.now();
    const due = await returning<{ id: string }>(
      this.db,
      `UPDATE video_call SET reminded_at = $1 WHERE status = 'scheduled' AND reminded_at IS NULL AND scheduled_at <= $2 RETURNING id`,
      [now, new Date(now.getTime() + REMINDER_LEAD_MS)],
    );
    for (const { id } of due) {
      const call = await this.db.getRepository(VideoCallEntity).findOneByOrFail({ id });
      const customers = await this.db.getRepository(CallParticipantEntity).findBy({ callId: id, role: 'customer' });
      for (const seat of customers) {
        if (!seat.conversationId) continue;
        const content: VideoCallInviteContent = { type: 'video_call_invite', callId: id, url: this.roster.joinUrl(seat, call), expiresAt: call.expiresAt.toISOString(), scheduledAt: call.scheduledAt!.toISOString() };
        const sent = await this.bot.send(call.accountId, seat.conversationId, content, { dedupeKey: `call-reminder:${seat.id}` });
        if (sent.ok) await this.lines.reminded(call.accountId, seat.conversationId, call.scheduledAt!);
        else this.logger.warn({ callId: id, code: sent.refusal.code }, 'Call reminder refused by the channel');
      }
    }
  }

  private async expire(): Promise<void> {
    const now = this.clock.now();
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM video_call WHERE (status IN ('scheduled', 'invited') AND expires_at <= $1) OR (status = 'active' AND expires_at <= $2) LIMIT 200`,
      [now, new Date(now.getTime() - STALE_ACTIVE_MS)],
    );
    for (const { id } of rows) await this.roster.finish(id);
  }
}
