import type { ChannelContext } from './channel-context.js';
import type { InboundItem } from './inbound.js';

/** A long-lived provider session (whatsapp-web.js) rather than webhooks. */
export type LiveSessionState = 'starting' | 'qr_required' | 'connected' | 'disconnected' | 'failed' | 'stopped';

export interface LiveSessionStatus {
  state: LiveSessionState;
  /** The pairing QR as a `data:image/png;base64,…` URL while `qr_required`. */
  qr: string | null;
  /** The raw QR payload, for terminals (the admin CLI). */
  qrText: string | null;
  /** Why the session is not connected, in words an admin can act on. */
  detail: string | null;
  /** The connected WhatsApp number (E.164), once known. */
  phone: string | null;
  updatedAt: string;
}

/** Where a live session hands what it receives. `deliver` resolves only once the items are committed. */
export interface LiveSessionSink {
  deliver(inboxId: string, items: InboundItem[]): Promise<void>;
  statusChanged(inboxId: string, status: LiveSessionStatus): void;
}

export abstract class LiveSessionManager {
  abstract start(ctx: ChannelContext, sink: LiveSessionSink): Promise<void>;
  abstract stop(inboxId: string): Promise<void>;
  abstract status(inboxId: string): LiveSessionStatus;
  abstract stopAll(): Promise<void>;
}
