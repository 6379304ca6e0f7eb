import type { MessageContent } from '@concierge/contracts';
import { contentPreview } from '@concierge/contracts';
import { supports, type ChannelCapabilities } from './channel-adapter.js';

/**
 * Turns content a channel cannot render into the best thing it can: rich types fall back to text
 * (richer fallbacks — image + caption + link for product cards — arrive with commerce).
 */
export function degrade(content: MessageContent, capabilities: ChannelCapabilities): MessageContent {
  if (supports(capabilities, content)) return content;
  switch (content.type) {
    case 'buttons':
      return { type: 'text', text: [content.text, ...content.buttons.map((b, i) => `${i + 1}. ${b.title}`)].join('\n') };
    case 'media':
      return { type: 'text', text: [content.caption, content.url].filter(Boolean).join('\n') };
    case 'location':
      return { type: 'text', text: `${content.name ?? 'Location'}: https://maps.google.com/?q=${content.latitude},${content.longitude}` };
    case 'video_call_invite':
      return { type: 'text', text: `Join the video call: ${content.url}` };
    default:
      return { type: 'text', text: contentPreview(content) };
  }
}
