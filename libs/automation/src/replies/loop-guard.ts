/**
 * Another bot (or a stuck integration) can write dozens of messages a second; we must not answer each.
 * More than LOOP_MAX_INBOUND customer messages in one burst (the inbox counts them on the conversation,
 * INBOUND_BURST_WINDOW_MS = 30 s from the first) silence every automatic reply, and automatic replies
 * are at least MIN_REPLY_GAP_MS apart, so a burst gets one reply at most (40 messages in 30 s → the
 * first is answered, the rest are not). The out-of-office reply is in any case sent at most once per
 * closed period.
 */
export const LOOP_MAX_INBOUND = 3;
export const MIN_REPLY_GAP_MS = 5_000;

export type GuardVerdict = 'ok' | 'flood' | 'too_soon';

export function loopGuard(input: { inboundInWindow: number; lastBotReplyAt: Date | null; now: Date }): GuardVerdict {
  if (input.inboundInWindow > LOOP_MAX_INBOUND) return 'flood';
  if (input.lastBotReplyAt && input.now.getTime() - input.lastBotReplyAt.getTime() < MIN_REPLY_GAP_MS) return 'too_soon';
  return 'ok';
}

/** An assistant wrote recently: the bot keeps quiet so it never talks over a person. */
export function assistantActive(lastAgentReplyAt: Date | null, now: Date, minutes: number): boolean {
  return lastAgentReplyAt !== null && minutes > 0 && now.getTime() - lastAgentReplyAt.getTime() < minutes * 60_000;
}
