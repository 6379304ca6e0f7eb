import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'too_many_attempts' | 'already_used';

export interface ChallengeState {
  id: string;
  codeHash: string;
  expiresAt: Date;
  attempts: number;
  verifiedAt: Date | null;
}

/** Six digits, uniformly drawn (leading zeros kept). */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Keyed by the hub's secret and the challenge id: a leaked table reveals no code, and hashes are not reusable across challenges. */
export function hashCode(secret: string, challengeId: string, code: string): string {
  return createHmac('sha256', secret).update(`${challengeId}:${code}`).digest('hex');
}

/** Decides a code attempt. The caller counts the attempt (attempts + 1) whatever the outcome except expiry/exhaustion. */
export function checkCode(secret: string, challenge: ChallengeState, code: string, now: Date): CodeCheck {
  if (challenge.verifiedAt) return 'already_used';
  if (challenge.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (challenge.attempts >= MAX_ATTEMPTS) return 'too_many_attempts';
  const given = Buffer.from(hashCode(secret, challenge.id, code.replace(/\s+/g, '')), 'hex');
  const stored = Buffer.from(challenge.codeHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? 'ok' : 'wrong';
}
