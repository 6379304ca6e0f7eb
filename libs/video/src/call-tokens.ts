import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { Injectable } from '@nestjs/common';

/** What an invite token binds: one participant of one call, in one conversation (1:1, each buyer) or one session (a group's host). */
export interface CallTokenBinding {
  participantId: string;
  callId: string;
  conversationId: string | null;
  expiresAt: Date;
}

export interface ParsedCallToken {
  participantId: string;
  expiresAt: Date;
  mac: Buffer;
}

const UUID_HEX = /^[0-9a-f]{32}$/;

/**
 * Signed, expiring invite tokens carried by call links: `<participant id>.<expiry>.<HMAC-SHA256>`, about
 * 55 characters so the link fits an SMS with room to spare (a JWT would take two segments on its own).
 * The MAC covers the participant, its call, its conversation (or the session) and the expiry, so a token
 * opens nothing but that seat in that call. The key is derived from TOKEN_SECRET for this purpose only.
 */
@Injectable()
export class CallTokens {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = createHmac('sha256', config.secrets.tokenSecret).update('concierge:video-call-invite').digest();
  }

  sign(binding: CallTokenBinding): string {
    const id = Buffer.from(binding.participantId.replace(/-/g, ''), 'hex').toString('base64url');
    const exp = Math.floor(binding.expiresAt.getTime() / 1000).toString(36);
    return `${id}.${exp}.${this.mac(binding, exp).toString('base64url')}`;
  }

  /** The token's shape only (no database yet); anything malformed is UNAUTHENTICATED. */
  parse(token: unknown): ParsedCallToken {
    const parts = typeof token === 'string' && token.length <= 100 ? token.split('.') : [];
    const hex = parts.length === 3 ? Buffer.from(parts[0]!, 'base64url').toString('hex') : '';
    const exp = parts.length === 3 && /^[0-9a-z]{1,10}$/.test(parts[1]!) ? parseInt(parts[1]!, 36) : NaN;
    const mac = parts.length === 3 ? Buffer.from(parts[2]!, 'base64url') : Buffer.alloc(0);
    if (!UUID_HEX.test(hex) || !Number.isFinite(exp) || mac.length !== 16) throw invalid();
    const participantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { participantId, expiresAt: new Date(exp * 1000), mac };
  }

  /**
   * Checks the MAC against the seat the token names (read from the database by the caller), then the
   * expiry: a forged or re-bound token is UNAUTHENTICATED, a genuine expired one LINK_EXPIRED (410).
   */
  verify(parsed: ParsedCallToken, seat: Omit<CallTokenBinding, 'expiresAt'> | null, now: Date): void {
    if (!seat || seat.participantId !== parsed.participantId) throw invalid();
    const expected = this.mac(seat, Math.floor(parsed.expiresAt.getTime() / 1000).toString(36));
    if (!timingSafeEqual(expected, parsed.mac)) throw invalid();
    if (parsed.expiresAt.getTime() <= now.getTime()) throw new AppError('LINK_EXPIRED', 'This call link has expired: ask the shop for a new one');
  }

  private mac(b: Omit<CallTokenBinding, 'expiresAt'>, exp: string): Buffer {
    const scope = b.conversationId ? `conv:${b.conversationId}` : `sess:${b.callId}`;
    return createHmac('sha256', this.key).update(`v1|${b.participantId}|${b.callId}|${scope}|${exp}`).digest().subarray(0, 16);
  }
}

function invalid(): AppError {
  return AppError.unauthenticated('Invalid call link');
}
