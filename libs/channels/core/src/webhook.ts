import type { ChannelContext } from './channel-context.js';
import type { InboundItem } from './inbound.js';

/** `events` = messages (and, for Meta, statuses); `status` = Twilio's separate status-callback URL. */
export type WebhookRoute = 'events' | 'status';

export interface WebhookRequest {
  route: WebhookRoute;
  method: 'GET' | 'POST';
  /**
   * The URL the provider called, rebuilt from PUBLIC_URL + the original path and query — never from
   * Host / X-Forwarded-* headers, which proxies rewrite.
   */
  publicUrl: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received: signatures are computed over them. */
  rawBody: Buffer;
}

export interface WebhookReply {
  status: number;
  contentType: string;
  body: string;
}

/** A webhook refused before anything is stored: 400 malformed, 401 bad signature, 403 wrong account. */
export class WebhookRejection extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRejection';
  }
}

/** A provider's webhook protocol. Pure: no database, credentials arrive in the context. */
export abstract class WebhookHandler {
  /** The provider segment of the fixed path `/webhooks/<provider>/:inboxId`. */
  abstract readonly provider: string;
  abstract readonly routes: readonly WebhookRoute[];

  /** A GET verification handshake (Meta); providers without one answer 404. */
  handshake(_request: WebhookRequest, _ctx: ChannelContext): WebhookReply | null {
    return null;
  }

  /** Throws WebhookRejection unless the request is authentic and addressed to this inbox. */
  abstract verify(request: WebhookRequest, ctx: ChannelContext): void;

  /**
   * Normalised items. A malformed item inside a batch becomes a `quarantine` item; only a body that is
   * not the provider's format at all is rejected (WebhookRejection 400).
   */
  abstract parse(request: WebhookRequest, ctx: ChannelContext): InboundItem[];

  /** The answer once every item is committed (Twilio: empty TwiML; Meta: 200). */
  abstract acknowledge(route: WebhookRoute): WebhookReply;
}
