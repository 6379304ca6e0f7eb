import type { ChannelCapabilities } from '@concierge/channels-core';

/** What the Cloud API renders natively; the hub degrades everything else before `send`. */
export const WHATSAPP_CLOUD_CAPABILITIES: ChannelCapabilities = {
  contentTypes: ['text', 'media', 'location', 'buttons', 'list', 'link_button', 'template', 'product_card', 'product_list'],
  maxTextLength: 4096,
  customerWindowHours: 24,
  keywordOptOut: false,
  addressKind: 'phone',
};

/**
 * Field limits of interactive messages (Meta rejects longer values with error 100 / 131008):
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages
 */
export const LIMITS = {
  caption: 1024,
  interactiveBody: 1024,
  headerText: 60,
  footer: 60,
  replyButtons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRows: 10,
  listSections: 10,
  listButton: 20,
  rowId: 200,
  rowTitle: 24,
  rowDescription: 72,
  sectionTitle: 24,
  ctaDisplayText: 20,
  products: 30,
} as const;
