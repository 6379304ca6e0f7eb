/**
 * The one content model shared by every channel, the REST API and the front-ends.
 * Channels declare which types they render natively; the rest is degraded (channels-core `degrade()`).
 */
export interface TextContent {
  type: 'text';
  text: string;
}

export type MediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export interface MediaContent {
  type: 'media';
  mediaType: MediaType;
  /** Absolute URL the channel and the agents fetch (for stored attachments: the hub's signed media URL). */
  url: string;
  /** The hub's stored copy, when the media was received or uploaded through the hub. */
  attachmentId?: string;
  mimeType?: string;
  filename?: string;
  sizeBytes?: number;
  caption?: string;
}

export interface LocationContent {
  type: 'location';
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

export interface ButtonsContent {
  type: 'buttons';
  text: string;
  buttons: { id: string; title: string }[];
}

/** A WhatsApp-style list: one button opens up to 10 rows in sections. */
export interface ListContent {
  type: 'list';
  text: string;
  buttonText: string;
  header?: string;
  footer?: string;
  sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
}

/** One call-to-action URL button, optionally with an image header (WhatsApp `cta_url`). */
export interface LinkButtonContent {
  type: 'link_button';
  text: string;
  buttonText: string;
  url: string;
  imageUrl?: string;
  footer?: string;
}

/** The customer tapped a reply button or list row we sent (or a template quick reply). */
export interface InteractiveReplyContent {
  type: 'interactive_reply';
  id: string;
  title: string;
  description?: string;
}

export interface TemplateContent {
  type: 'template';
  name: string;
  language: string;
  /** Positional ({{1}}) or named variables for the body. */
  variables?: Record<string, string>;
  /** Provider template id when it differs from the name (a Twilio Content SID `HX…`). */
  providerTemplateId?: string;
  /** Rendered text shown to agents (the provider renders the real message). */
  preview?: string;
}

export interface Money {
  /** Decimal string in major units, e.g. "1290.00" (never a float). */
  amount: string;
  currency: string;
}

/**
 * A product as the customer sees it. `productId` names the catalog entry; the snapshot fields are filled
 * when the card is sent so every channel can render it without a catalog lookup.
 */
export interface ProductCardContent {
  type: 'product_card';
  productId: string;
  title?: string;
  description?: string;
  price?: Money;
  imageUrl?: string;
  url?: string;
  /** The product's id in a linked WhatsApp (Meta) catalog. */
  retailerId?: string;
}

/** Several products (WhatsApp `product_list` when a catalog is linked; a list of cards elsewhere). */
export interface ProductListContent {
  type: 'product_list';
  header: string;
  text: string;
  products: Omit<ProductCardContent, 'type'>[];
}

/** An order the customer placed from a WhatsApp catalog (Cloud API `order` message). */
export interface CartContent {
  type: 'cart';
  catalogId?: string;
  text?: string;
  items: { retailerId: string; quantity: number; price?: Money }[];
}

/** What a customer is told about an order, whatever the store calls it. */
export type OrderStatus = 'pending' | 'paid' | 'packed' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';

/**
 * An order as the customer sees it. `orderId` names the order in the store; the snapshot fields are filled
 * when the summary is sent (only to its proven owner) so every channel renders it without a store lookup.
 */
export interface OrderSummaryContent {
  type: 'order_summary';
  orderId: string;
  /** The customer-facing number without `#` ("1001"). */
  orderNumber?: string;
  status?: OrderStatus;
  /** `status` in the customer's language ("Shipped", "已发货"). */
  statusLabel?: string;
  items?: { title: string; quantity: number }[];
  /** "2 items" / "Silk scarf" — short enough for an SMS. */
  itemsSummary?: string;
  total?: Money;
  trackingUrl?: string;
  updatedAt?: string;
}

export interface VideoCallInviteContent {
  type: 'video_call_invite';
  callId: string;
  url: string;
  expiresAt: string;
  /** A scheduled call: when it starts (the link works until `expiresAt`). */
  scheduledAt?: string;
}

/** Activity lines ("Assigned to Mei", "Resolved by Tom") are system messages with kind `activity`. */
export interface ActivityContent {
  type: 'activity';
  text: string;
  event: string;
}

export type MessageContent =
  | TextContent
  | MediaContent
  | LocationContent
  | ButtonsContent
  | ListContent
  | LinkButtonContent
  | InteractiveReplyContent
  | TemplateContent
  | ProductCardContent
  | ProductListContent
  | CartContent
  | OrderSummaryContent
  | VideoCallInviteContent
  | ActivityContent;

export type MessageContentType = MessageContent['type'];

export const MESSAGE_CONTENT_TYPES = [
  'text',
  'media',
  'location',
  'buttons',
  'list',
  'link_button',
  'interactive_reply',
  'template',
  'product_card',
  'product_list',
  'cart',
  'order_summary',
  'video_call_invite',
  'activity',
] as const satisfies readonly MessageContentType[];

/** A short plain-text preview for lists, notifications and logs-free summaries. */
export function contentPreview(content: MessageContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'media':
      return content.caption ?? `[${content.mediaType}]`;
    case 'location':
      return content.name ?? '[location]';
    case 'buttons':
    case 'list':
    case 'link_button':
      return content.text;
    case 'interactive_reply':
      return content.title;
    case 'template':
      return content.preview ?? `[template ${content.name}]`;
    case 'product_card':
      return content.title ?? '[product]';
    case 'product_list':
      return content.header;
    case 'cart':
      return `[order: ${content.items.reduce((n, i) => n + i.quantity, 0)} items]`;
    case 'order_summary':
      return content.orderNumber ? `[order #${content.orderNumber}${content.statusLabel ? `: ${content.statusLabel}` : ''}]` : '[order]';
    case 'video_call_invite':
      return '[video call]';
    case 'activity':
      return content.text;
  }
}
