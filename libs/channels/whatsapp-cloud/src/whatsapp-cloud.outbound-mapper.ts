import { ChannelError, degrade, formatMoney } from '@concierge/channels-core';
import type { ButtonsContent, ListContent, MessageContent, ProductCardContent, ProductListContent, TemplateContent } from '@concierge/contracts';
import { LIMITS, WHATSAPP_CLOUD_CAPABILITIES as CAPS } from './whatsapp-cloud.capabilities.js';
import type { GraphOutboundMessage } from './whatsapp-cloud.types.js';

type Payload = Omit<GraphOutboundMessage, 'messaging_product' | 'recipient_type' | 'to'>;
type Row = { id: string; title: string; description?: string };

/** Cuts on code points (never inside an emoji) and marks the cut. */
export function clip(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

const length = (value: string): number => [...value].length;
const textObject = (value: string | undefined, max: number) => (value ? { text: clip(value, max) } : undefined);

/**
 * The Graph `messages` body for one content, `to` being the E.164 number without '+'.
 * Interactive content that does not fit Meta's limits falls back (buttons → list → numbered text)
 * rather than failing: the customer still gets every option.
 */
export function buildOutboundMessage(content: MessageContent, to: string, catalogId: string | null): GraphOutboundMessage {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...payloadFor(content, catalogId) } as GraphOutboundMessage;
}

function payloadFor(content: MessageContent, catalogId: string | null): Payload {
  switch (content.type) {
    case 'text':
      return textPayload(content.text);
    case 'media': {
      if (!content.url) throw new ChannelError('UNSUPPORTED_CONTENT', 'Media without a URL cannot be sent by link');
      const media: Record<string, string> = { link: content.url };
      // Audio and stickers take no caption; only documents carry a file name.
      if (content.caption && ['image', 'video', 'document'].includes(content.mediaType)) media.caption = clip(content.caption, LIMITS.caption);
      if (content.filename && content.mediaType === 'document') media.filename = content.filename;
      return { type: content.mediaType, [content.mediaType]: media };
    }
    case 'location':
      return { type: 'location', location: { latitude: content.latitude, longitude: content.longitude, name: content.name, address: content.address } };
    case 'buttons':
      return buttonsPayload(content);
    case 'list':
      return listPayload(content);
    case 'link_button':
      if (length(content.text) > LIMITS.interactiveBody) return asText(content);
      return ctaUrl(content.text, content.buttonText, content.url, content.imageUrl, content.footer);
    case 'product_card':
      return productCardPayload(content, catalogId);
    case 'product_list':
      return productListPayload(content, catalogId);
    case 'template':
      return { type: 'template', template: templatePayload(content) };
    default:
      throw new ChannelError('UNSUPPORTED_CONTENT', `WhatsApp Cloud cannot send ${content.type} content`);
  }
}

function textPayload(body: string): Payload {
  // preview_url renders the first link's preview; Meta ignores it for texts without one.
  const value = clip(body, CAPS.maxTextLength);
  return { type: 'text', text: { body: value, preview_url: /https?:\/\/\S/i.test(value) } };
}

/** The shared numbered-text fallback (core `degrade` with a text-only channel). */
function asText(content: MessageContent): Payload {
  const degraded = degrade(content, { ...CAPS, contentTypes: ['text'] });
  return degraded.type === 'text' ? textPayload(degraded.text) : payloadFor(degraded, null);
}

function buttonsPayload(content: ButtonsContent): Payload {
  const { buttons } = content;
  if (buttons.length === 0 || length(content.text) > LIMITS.interactiveBody) return asText(content);
  const fitsReplyButtons =
    buttons.length <= LIMITS.replyButtons && buttons.every((b) => length(b.title) <= LIMITS.buttonTitle && length(b.id) <= LIMITS.buttonId);
  if (fitsReplyButtons) {
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: content.text },
        action: { buttons: buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) },
      },
    };
  }
  // More than 3 buttons or titles over 20 chars: a list row holds 24 chars (+72 of description).
  if (buttons.length <= LIMITS.listRows) {
    return listPayload({ type: 'list', text: content.text, buttonText: 'Options', sections: [{ rows: buttons }] });
  }
  return asText(content);
}

function listRow(row: Row): Row {
  const title = clip(row.title, LIMITS.rowTitle);
  // A clipped title is repeated in full in the description, so the customer still reads it.
  const description = row.description ?? (title !== row.title ? row.title : undefined);
  return { id: row.id, title, ...(description ? { description: clip(description, LIMITS.rowDescription) } : {}) };
}

function listPayload(content: ListContent): Payload {
  const sections = content.sections.filter((s) => s.rows.length > 0);
  const rows = sections.flatMap((s) => s.rows);
  const idsFit = rows.every((r) => length(r.id) <= LIMITS.rowId);
  if (rows.length === 0 || rows.length > LIMITS.listRows || !idsFit || length(content.text) > LIMITS.interactiveBody) return asText(content);
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      ...(content.header ? { header: { type: 'text', text: clip(content.header, LIMITS.headerText) } } : {}),
      body: { text: content.text },
      ...(content.footer ? { footer: textObject(content.footer, LIMITS.footer) } : {}),
      action: {
        button: clip(content.buttonText || 'Options', LIMITS.listButton),
        sections: sections.map((section, i) => {
          // Meta requires a title on every section once there are several.
          const title = section.title ?? (sections.length > 1 ? `Options ${i + 1}` : undefined);
          return { ...(title ? { title: clip(title, LIMITS.sectionTitle) } : {}), rows: section.rows.map(listRow) };
        }),
      },
    },
  };
}

function ctaUrl(body: string, buttonText: string, url: string, imageUrl?: string, footer?: string): Payload {
  return {
    type: 'interactive',
    interactive: {
      type: 'cta_url',
      ...(imageUrl ? { header: { type: 'image', image: { link: imageUrl } } } : {}),
      body: { text: body },
      ...(footer ? { footer: textObject(footer, LIMITS.footer) } : {}),
      action: { name: 'cta_url', parameters: { display_text: clip(buttonText, LIMITS.ctaDisplayText), url } },
    },
  };
}

function productText(product: Omit<ProductCardContent, 'type'>): string {
  const title = [product.title ?? 'Product', product.price && formatMoney(product.price)].filter(Boolean).join(' — ');
  return [title, product.description].filter(Boolean).join('\n');
}

function productCardPayload(content: ProductCardContent, catalogId: string | null): Payload {
  // A catalog product message renders Meta's own card (image, price, "View"/add-to-cart) from the catalog.
  if (catalogId && content.retailerId) {
    return { type: 'interactive', interactive: { type: 'product', action: { catalog_id: catalogId, product_retailer_id: content.retailerId } } };
  }
  if (content.url) return ctaUrl(clip(productText(content), LIMITS.interactiveBody), 'View product', content.url, content.imageUrl);
  // No link to open: image + caption when there is an image, text otherwise (core degradation).
  const degraded = degrade(content, { ...CAPS, contentTypes: ['text', 'media'] });
  return payloadFor(degraded, null);
}

function productListPayload(content: ProductListContent, catalogId: string | null): Payload {
  const retailerIds = content.products.map((p) => p.retailerId).filter((id): id is string => Boolean(id));
  const usable = catalogId && retailerIds.length > 0 && retailerIds.length === content.products.length && retailerIds.length <= LIMITS.products;
  if (!usable || length(content.text) > LIMITS.interactiveBody) return asText(content);
  return {
    type: 'interactive',
    interactive: {
      type: 'product_list',
      // A multi-product message requires a text header.
      header: { type: 'text', text: clip(content.header, LIMITS.headerText) },
      body: { text: content.text },
      action: {
        catalog_id: catalogId,
        sections: [{ title: clip(content.header, LIMITS.sectionTitle), product_items: retailerIds.map((id) => ({ product_retailer_id: id })) }],
      },
    },
  };
}

/**
 * Body parameters from `variables`: keys "1","2",… are positional ({{1}}) and sent in numeric order;
 * other keys are named parameters ({{first_name}}). Meta refuses a template mixing both.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview
 */
export function templatePayload(content: TemplateContent): Record<string, unknown> {
  const entries = Object.entries(content.variables ?? {});
  const template: Record<string, unknown> = { name: content.name, language: { code: content.language } };
  if (entries.length === 0) return template;
  const isPositional = ([key]: [string, string]) => /^\d+$/.test(key);
  if (entries.every(isPositional)) {
    const ordered = [...entries].sort(([a], [b]) => Number(a) - Number(b));
    template.components = [{ type: 'body', parameters: ordered.map(([, text]) => ({ type: 'text', text })) }];
  } else if (entries.some(isPositional)) {
    throw new ChannelError('UNSUPPORTED_CONTENT', `Template ${content.name} mixes positional and named variables`);
  } else {
    template.components = [{ type: 'body', parameters: entries.map(([name, text]) => ({ type: 'text', parameter_name: name, text })) }];
  }
  return template;
}
