import { BotMessages } from '@concierge/inbox';
import { Injectable, Logger } from '@nestjs/common';

/** "2026-11-28 15:00 UTC": activity lines are stored text, read by assistants in any time zone. */
export function formatWhen(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "1 h 2 min", "3 min 12 s", "45 s". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h) return `${h} h ${m} min`;
  return m ? `${m} min ${s} s` : `${s} s`;
}

/**
 * The call's lifecycle as activity lines in the thread (the same system lines as assignments and labels),
 * so the history shows who called, who joined, how long it lasted or that it was missed.
 */
@Injectable()
export class CallLines {
  private readonly logger = new Logger(CallLines.name);

  constructor(private readonly bot: BotMessages) {}

  invited(accountId: string, conversationId: string, agentName: string, scheduledAt: Date | null): Promise<void> {
    return scheduledAt
      ? this.write(accountId, conversationId, 'call_scheduled', `${agentName} scheduled a video call for ${formatWhen(scheduledAt)}`)
      : this.write(accountId, conversationId, 'call_invited', `${agentName} started a video call`);
  }

  reminded(accountId: string, conversationId: string, scheduledAt: Date): Promise<void> {
    return this.write(accountId, conversationId, 'call_reminder', `Reminder sent for the video call at ${formatWhen(scheduledAt)}`);
  }

  joined(accountId: string, conversationId: string, name: string): Promise<void> {
    return this.write(accountId, conversationId, 'call_joined', `${name} joined the video call`);
  }

  ended(accountId: string, conversationId: string, durationSeconds: number | null): Promise<void> {
    return this.write(accountId, conversationId, 'call_ended', durationSeconds === null ? 'Video call ended' : `Video call ended after ${formatDuration(durationSeconds)}`);
  }

  missed(accountId: string, conversationId: string, name: string): Promise<void> {
    return this.write(accountId, conversationId, 'call_missed', `Missed video call: ${name} did not join`);
  }

  requested(accountId: string, conversationId: string, name: string): Promise<void> {
    return this.write(accountId, conversationId, 'call_requested', `${name} asked for a video call`);
  }

  private async write(accountId: string, conversationId: string, event: string, text: string): Promise<void> {
    // A lifecycle line must never fail the call itself (the conversation may have been deleted meanwhile).
    await this.bot.recordActivity(accountId, conversationId, event, text).catch((error: unknown) => this.logger.warn({ err: error, event }, 'Call activity line not written'));
  }
}
