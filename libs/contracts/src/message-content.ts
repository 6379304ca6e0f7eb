/**
 * The one content model shared by every channel, the REST API and the front-ends.
 * Channels declare which types they render natively; the rest is degraded (channels-core `degrade()`).
 */
export interface TextContent {
  type: 'text';
  text: string;
}

export interface MediaContent {
  type: 'media';
  mediaType: 'image' | 'video' | 'audio' | 'document';
  url: string;
  mimeType?: string;
  filename?: string;
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

export interface TemplateContent {
  type: 'template';
  name: string;
  language: string;
  variables?: Record<string, string>;
  /** Rendered text shown to agents (the provider renders the real message). */
  preview?: string;
}

export interface ProductCardContent {
  type: 'product_card';
  productId: string;
}

export interface OrderSummaryContent {
  type: 'order_summary';
  orderId: string;
}

export interface VideoCallInviteContent {
  type: 'video_call_invite';
  callId: string;
  url: string;
  expiresAt: string;
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
  | TemplateContent
  | ProductCardContent
  | OrderSummaryContent
  | VideoCallInviteContent
  | ActivityContent;

export type MessageContentType = MessageContent['type'];

export const MESSAGE_CONTENT_TYPES = [
  'text',
  'media',
  'location',
  'buttons',
  'template',
  'product_card',
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
      return content.text;
    case 'template':
      return content.preview ?? `[template ${content.name}]`;
    case 'product_card':
      return '[product]';
    case 'order_summary':
      return '[order]';
    case 'video_call_invite':
      return '[video call]';
    case 'activity':
      return content.text;
  }
}
