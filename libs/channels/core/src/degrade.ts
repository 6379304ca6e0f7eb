import type { MessageContent, Money, OrderSummaryContent, ProductCardContent } from '@concierge/contracts';
import { contentPreview } from '@concierge/contracts';
import { supports, type ChannelCapabilities } from './channel-adapter.js';

export function formatMoney(price: Money): string {
  return `${price.currency} ${price.amount}`;
}

function productLines(product: Omit<ProductCardContent, 'type'>): string[] {
  // A plain hyphen: an em dash is not GSM-7 and would turn an SMS into UCS-2 (70 characters a segment).
  const title = [product.title ?? 'Product', product.price && formatMoney(product.price)].filter(Boolean).join(' - ');
  return [title, product.description, product.url].filter((line): line is string => Boolean(line));
}

/**
 * Turns content a channel cannot render into the best thing it can (PROVIDERS.md): interactive content
 * becomes a numbered text menu, a product card becomes image + caption + link where images are
 * rendered and text + link elsewhere. The result always fits `maxTextLength`.
 */
export function degrade(content: MessageContent, capabilities: ChannelCapabilities): MessageContent {
  if (supports(capabilities, content)) return content;
  const imagesRender = capabilities.contentTypes.includes('media') && !capabilities.cardsAsText;
  switch (content.type) {
    case 'buttons':
      return text([content.text, ...content.buttons.map((b, i) => `${i + 1}. ${b.title}`)], capabilities);
    case 'list':
      return text([content.header, content.text, ...content.sections.flatMap((s) => s.rows).map((r, i) => `${i + 1}. ${r.title}`)], capabilities);
    case 'link_button':
      if (imagesRender && content.imageUrl) return { type: 'media', mediaType: 'image', url: content.imageUrl, caption: clip(`${content.text}\n${content.url}`, capabilities) };
      return text([content.text, content.url], capabilities);
    case 'product_card':
      if (imagesRender && content.imageUrl) return { type: 'media', mediaType: 'image', url: content.imageUrl, caption: clip(productLines(content).join('\n'), capabilities) };
      return text(productLines(content), capabilities);
    case 'product_list':
      return text([content.header, content.text, ...content.products.map((p) => productLines(p).join(' '))], capabilities);
    case 'media':
      return text([content.caption, content.url], capabilities);
    case 'location':
      return text([`${content.name ?? 'Location'}: https://maps.google.com/?q=${content.latitude},${content.longitude}`], capabilities);
    case 'video_call_invite':
      return text([`Join the video call: ${content.url}`], capabilities);
    case 'template':
      return text([content.preview ?? content.name], capabilities);
    case 'order_summary':
      return text([orderSummaryText(content)], capabilities);
    default:
      return text([contentPreview(content)], capabilities);
  }
}

/**
 * An order summary as one short line for text-only channels (fits an SMS segment unless the tracking link is
 * long, and GSM-7 only: no em dash): "Order #1001: Shipped - Silk scarf, EUR 129.00. Track: https://…".
 */
export function orderSummaryText(c: OrderSummaryContent): string {
  const head = `Order #${c.orderNumber ?? c.orderId}${c.statusLabel ? `: ${c.statusLabel}` : ''}`;
  const detail = [c.itemsSummary, c.total && formatMoney(c.total)].filter(Boolean).join(', ');
  return `${head}${detail ? ` - ${detail}` : ''}${c.trackingUrl ? `. Track: ${c.trackingUrl}` : ''}`;
}

function text(lines: (string | undefined)[], capabilities: ChannelCapabilities): MessageContent {
  return { type: 'text', text: clip(lines.filter(Boolean).join('\n'), capabilities) };
}

function clip(value: string, capabilities: ChannelCapabilities): string {
  return value.length <= capabilities.maxTextLength ? value : `${value.slice(0, capabilities.maxTextLength - 1)}…`;
}
