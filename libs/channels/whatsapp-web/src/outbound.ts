import { basename } from 'node:path';
import { ChannelError, SafeFetchError, type SafeFetch, type SafeFetchResponse } from '@concierge/channels-core';
import type { MediaContent, MessageContent } from '@concierge/contracts';
import { errorText } from './session-errors.js';
import type { WaOutboundContent, WaSendOptions } from './whatsapp-client.js';
import { Location, MessageMedia } from './wwebjs.js';

export interface OutboundPayload {
  content: WaOutboundContent;
  options?: WaSendOptions;
}

export interface MediaDownloadOptions {
  fetch: SafeFetch;
  maxBytes: number;
  timeoutMs: number;
  /** Hosts allowed although private (the hub's own media URLs, e.g. localhost in single-node mode). */
  trustedHosts: readonly string[];
}

function downloadFailure(error: SafeFetchError, maxBytes: number): ChannelError {
  const message = `Could not download the attachment: ${error.message}`;
  switch (error.reason) {
    case 'too_large':
      return new ChannelError('UNSUPPORTED_CONTENT', `The attachment is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB this channel sends`);
    case 'timeout':
    case 'network':
      return new ChannelError('PROVIDER_UNAVAILABLE', message);
    default:
      // blocked_address, bad_url, too_many_redirects: retrying cannot help.
      return new ChannelError('UNKNOWN', message);
  }
}

/**
 * WhatsApp Web sends bytes, not links, so the hub fetches the media URL itself — through the SSRF-guarded
 * SafeFetch: a media URL an agent or a catalog supplied must not reach cloud metadata or the private network.
 */
export async function downloadMedia(content: MediaContent, options: MediaDownloadOptions): Promise<InstanceType<typeof MessageMedia>> {
  let response: SafeFetchResponse;
  try {
    response = await options.fetch(content.url, { maxBytes: options.maxBytes, timeoutMs: options.timeoutMs, trustedHosts: options.trustedHosts });
  } catch (error) {
    if (error instanceof SafeFetchError) throw downloadFailure(error, options.maxBytes);
    throw new ChannelError('UNKNOWN', `Could not download the attachment: ${errorText(error)}`);
  }
  if (response.status >= 500 || response.status === 429) {
    throw new ChannelError('PROVIDER_UNAVAILABLE', `Could not download the attachment: HTTP ${response.status}`);
  }
  if (response.status < 200 || response.status >= 300) throw new ChannelError('UNKNOWN', `Could not download the attachment: HTTP ${response.status}`);
  const mimeType = content.mimeType ?? response.contentType.split(';')[0]?.trim() ?? 'application/octet-stream';
  const filename = content.filename ?? (basename(new URL(content.url).pathname) || undefined);
  return new MessageMedia(mimeType, response.body.toString('base64'), filename, response.body.length);
}

/** Our content as whatsapp-web.js `sendMessage` arguments. Anything richer was degraded by the hub beforehand. */
export async function toOutboundPayload(content: MessageContent, media: MediaDownloadOptions): Promise<OutboundPayload> {
  switch (content.type) {
    case 'text':
      return { content: content.text };
    case 'media': {
      const file = await downloadMedia(content, media);
      // Without the flag the library picks the kind from the MIME type: a PDF would still go out as a document,
      // an image sent as a document would not.
      return { content: file, options: { caption: content.caption || undefined, sendMediaAsDocument: content.mediaType === 'document' || undefined } };
    }
    case 'location':
      return { content: new Location(content.latitude, content.longitude, { name: content.name, address: content.address }) };
    default:
      throw new ChannelError('UNSUPPORTED_CONTENT', `WhatsApp Web cannot send ${content.type} content`);
  }
}

const INVALID_RECIPIENT = /invalid wid|wid error|No LID for user|not a valid|is not registered/i;
const UNAVAILABLE = /Protocol error|Target closed|Session closed|detached|Execution context was destroyed|browser has disconnected|Connection closed|TimeoutError|timed out|WWebJS is not defined|Cannot read properties of undefined/i;

/** Library and puppeteer failures as channel error codes; the worker retries PROVIDER_UNAVAILABLE only. */
export function toChannelError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const text = errorText(error);
  if (INVALID_RECIPIENT.test(text)) return new ChannelError('INVALID_RECIPIENT', `WhatsApp refused the recipient: ${text.slice(0, 200)}`);
  if (UNAVAILABLE.test(text)) return new ChannelError('PROVIDER_UNAVAILABLE', `WhatsApp Web is not responding: ${text.slice(0, 200)}`, { retryAfterMs: 30_000 });
  return new ChannelError('UNKNOWN', `WhatsApp Web failed to send: ${text.slice(0, 200)}`);
}
