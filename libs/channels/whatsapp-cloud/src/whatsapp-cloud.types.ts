/**
 * The parts of the WhatsApp Cloud API (Graph) payloads this adapter relies on. Inbound shapes are typed
 * loosely (`unknown` where Meta adds fields without a version bump) and validated by the parsers.
 * Reference: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 */

/** `POST /{phone-number-id}/messages` body, as this adapter builds it. */
export interface GraphOutboundMessage {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'text' | 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'location' | 'interactive' | 'template';
  [payload: string]: unknown;
}

export interface GraphSendResponse {
  messaging_product?: string;
  contacts?: { input?: string; wa_id?: string }[];
  /** `message_status` (accepted, held_for_quality_assessment, paused) only for some template categories. */
  messages?: { id?: string; message_status?: string }[];
}

/** Graph error envelope: https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/ */
export interface GraphErrorBody {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    /** Deprecated since v16 but still sent by some endpoints. */
    error_subcode?: number;
    error_data?: { messaging_product?: string; details?: string };
    fbtrace_id?: string;
  };
}

/** An entry of `errors[]` inside a failed status, an `unsupported` message or `value.errors`. */
export interface GraphWebhookError {
  code?: number;
  title?: string;
  message?: string;
  error_data?: { details?: string };
  href?: string;
}

/** `GET /{media-id}`: the short-lived download URL (valid ~5 minutes) and what it points to. */
export interface GraphMediaInfo {
  messaging_product?: string;
  url?: string;
  mime_type?: string;
  sha256?: string;
  file_size?: number | string;
  id?: string;
}

export interface GraphWebhookBody {
  object: 'whatsapp_business_account';
  entry: GraphWebhookEntry[];
}

export interface GraphWebhookEntry {
  /** The WhatsApp Business Account id. */
  id?: string;
  changes?: GraphWebhookChange[];
}

export interface GraphWebhookChange {
  field?: string;
  value?: GraphWebhookValue;
}

export interface GraphWebhookValue {
  messaging_product?: string;
  metadata?: { display_phone_number?: string; phone_number_id?: string };
  /** `wa_id` is omitted for users who adopted a username (2026 BSUID rollout); `user_id` is their BSUID. */
  contacts?: { profile?: { name?: string; username?: string }; wa_id?: string; user_id?: string }[];
  messages?: unknown[];
  statuses?: unknown[];
  errors?: GraphWebhookError[];
}

/** The media object of image/video/audio/document/sticker messages. */
export interface GraphInboundMedia {
  id: string;
  mime_type?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
  /** Audio only: true for a voice note recorded in WhatsApp. */
  voice?: boolean;
}

export interface GraphOrderItem {
  product_retailer_id: string;
  quantity: number;
  item_price?: number;
  currency?: string;
}
