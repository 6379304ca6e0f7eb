import { ChannelError, SafeFetchError, type FetchedMedia, type MediaRef, type SafeFetch, type SafeFetchResponse } from '@concierge/channels-core';
import type { MediaType } from '@concierge/contracts';
import { describeError, graphErrorFromResponse } from './whatsapp-cloud.errors.js';
import { graphUrl, type CloudSettings } from './whatsapp-cloud.client.js';
import type { GraphMediaInfo } from './whatsapp-cloud.types.js';

const MB = 1024 * 1024;

/**
 * Cloud API media limits and types (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media#supported-media-types).
 * Documents customers send may be any file: the list keeps the documented office/PDF/text types plus
 * common archives, and refuses active content (HTML, SVG, scripts) the hub would later serve back.
 */
export const MEDIA_RULES: Record<MediaType, { maxBytes: number; mimeTypes: readonly string[] }> = {
  image: { maxBytes: 5 * MB, mimeTypes: ['image/jpeg', 'image/png'] },
  sticker: { maxBytes: 500 * 1024, mimeTypes: ['image/webp'] },
  audio: { maxBytes: 16 * MB, mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'] },
  video: { maxBytes: 16 * MB, mimeTypes: ['video/mp4', 'video/3gpp'] },
  document: {
    maxBytes: 100 * MB,
    mimeTypes: [
      'text/plain',
      'text/csv',
      'application/pdf',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/rtf',
      'application/zip',
      'application/vnd.oasis.opendocument.text',
      'application/vnd.oasis.opendocument.spreadsheet',
      'image/jpeg',
      'image/png',
    ],
  },
};

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
const baseMime = (value: string): string => value.split(';')[0]!.trim().toLowerCase();

/**
 * Two steps: `GET /{media-id}` gives a URL valid for about five minutes, which is then downloaded
 * with the same bearer token. Both go through the hub's SafeFetch; only the configured Graph host may
 * be private (the sandbox), the download host (lookaside.fbsbx.com) must be public.
 */
export async function fetchCloudMedia(settings: CloudSettings, ref: MediaRef, fetch: SafeFetch): Promise<FetchedMedia> {
  const rules = MEDIA_RULES[ref.mediaType];
  if (!rules) throw new ChannelError('UNSUPPORTED_CONTENT', `Unknown media type ${String(ref.mediaType)}`);
  const headers = { Authorization: `Bearer ${settings.accessToken}` };
  const trustedHosts = [new URL(settings.apiBaseUrl).host];

  const infoResponse = await call(() => fetch(graphUrl(settings, encodeURIComponent(ref.ref)), { headers, trustedHosts, maxBytes: 64 * 1024 }));
  if (infoResponse.status !== 200) throw graphErrorFromResponse(infoResponse.status, infoResponse.body.toString('utf8'), headerOf(infoResponse));
  const info = parseInfo(infoResponse.body);
  const mimeType = info.mime_type ?? ref.mimeType ?? '';
  if (!rules.mimeTypes.includes(baseMime(mimeType))) {
    throw new ChannelError('UNSUPPORTED_CONTENT', `${ref.mediaType} of type ${mimeType || 'unknown'} is not accepted`);
  }
  const declaredSize = Number(info.file_size);
  if (Number.isFinite(declaredSize) && declaredSize > rules.maxBytes) {
    throw new ChannelError('UNSUPPORTED_CONTENT', `${ref.mediaType} of ${declaredSize} bytes exceeds ${rules.maxBytes}`);
  }

  const download = await call(() => fetch(info.url!, { headers, trustedHosts, maxBytes: rules.maxBytes }));
  if (download.status !== 200) throw graphErrorFromResponse(download.status, download.body.toString('utf8'), headerOf(download));
  return { bytes: download.body, mimeType, ...(ref.filename ? { filename: ref.filename } : {}) };
}

function parseInfo(body: Buffer): GraphMediaInfo & { url: string } {
  let info: GraphMediaInfo | null = null;
  try {
    info = JSON.parse(body.toString('utf8')) as GraphMediaInfo;
  } catch {
    info = null;
  }
  if (!info || typeof info.url !== 'string' || !/^https?:\/\//i.test(info.url)) {
    throw new ChannelError('UNKNOWN', 'WhatsApp Cloud API returned no download URL for the media id');
  }
  return info as GraphMediaInfo & { url: string };
}

function headerOf(response: SafeFetchResponse): (name: string) => string | undefined {
  return (name) => {
    const value = response.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
}

/** SafeFetch failures become channel errors the worker understands. */
async function call(request: () => Promise<SafeFetchResponse>): Promise<SafeFetchResponse> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    if (error instanceof SafeFetchError) {
      if (error.reason === 'too_large') throw new ChannelError('UNSUPPORTED_CONTENT', `Media refused: ${error.message}`);
      if (error.reason === 'timeout' || error.reason === 'network') throw new ChannelError('PROVIDER_UNAVAILABLE', `Media download failed: ${error.message}`);
      throw new ChannelError('UNKNOWN', `Media download refused (${error.reason}): ${error.message}`);
    }
    throw new ChannelError('PROVIDER_UNAVAILABLE', `Media download failed: ${describeError(error)}`);
  }
}
