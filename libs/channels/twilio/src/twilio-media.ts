import { ChannelError, SafeFetchError, type FetchedMedia, type MediaRef, type SafeFetch } from '@concierge/channels-core';
import { mapTwilioError } from './twilio-errors.js';
import type { TwilioChannelType, TwilioSettings } from './twilio.types.js';

// MMS media is at most 5 MB (https://www.twilio.com/docs/api/errors/63034); WhatsApp allows 16 MB.
export const MEDIA_MAX_BYTES: Readonly<Record<TwilioChannelType, number>> = { twilio_sms: 5 * 1024 * 1024, twilio_whatsapp: 16 * 1024 * 1024 };

// SVG and HTML are refused: they can carry script once served back to agents.
const ALLOWED_MIME = /^(image\/(jpeg|png|gif|webp|bmp|heic|heif)|video\/[\w.+-]+|audio\/[\w.+-]+|application\/pdf|text\/(x-)?vcard)$/;

function mimeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function filenameOf(disposition: string | string[] | undefined): string | undefined {
  const value = Array.isArray(disposition) ? disposition[0] : disposition;
  const match = value?.match(/filename="?([^";]+)"?/i);
  return match?.[1];
}

function fetchFailure(error: SafeFetchError): ChannelError {
  switch (error.reason) {
    case 'too_large':
      return new ChannelError('UNSUPPORTED_CONTENT', `Twilio media refused: ${error.message}`);
    case 'timeout':
    case 'network':
      return new ChannelError('PROVIDER_UNAVAILABLE', `Twilio media unreachable: ${error.message}`);
    default:
      return new ChannelError('UNKNOWN', `Twilio media refused: ${error.message}`);
  }
}

/**
 * `MediaUrl{N}` answers only with HTTP Basic auth (Account SID : Auth Token) and redirects to storage on
 * another origin; `fetch` drops the credentials on that hop. Only the configured API host may be private.
 */
export async function fetchTwilioMedia(type: TwilioChannelType, settings: TwilioSettings, ref: MediaRef, fetch: SafeFetch): Promise<FetchedMedia> {
  const api = new URL(settings.apiBaseUrl);
  let target: URL;
  try {
    target = new URL(ref.ref);
  } catch {
    throw new ChannelError('UNKNOWN', 'Twilio media reference is not a URL');
  }
  const headers: Record<string, string> =
    target.origin === api.origin ? { Authorization: `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}` } : {};
  let response;
  try {
    response = await fetch(target.href, { headers, maxBytes: MEDIA_MAX_BYTES[type], trustedHosts: [api.host], timeoutMs: 20_000 });
  } catch (error) {
    if (error instanceof SafeFetchError) throw fetchFailure(error);
    throw error;
  }
  if (response.status < 200 || response.status >= 300) {
    throw mapTwilioError({ httpStatus: response.status, message: `media download answered HTTP ${response.status}` });
  }
  const served = mimeOf(response.contentType);
  const mimeType = served && served !== 'application/octet-stream' ? served : mimeOf(ref.mimeType);
  if (!ALLOWED_MIME.test(mimeType)) throw new ChannelError('UNSUPPORTED_CONTENT', `Twilio media of type ${mimeType || 'unknown'} is not accepted`);
  const filename = ref.filename ?? filenameOf(response.headers['content-disposition']);
  return { bytes: response.body, mimeType, ...(filename && { filename }) };
}
