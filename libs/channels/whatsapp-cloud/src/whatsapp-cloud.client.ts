import { ChannelError, type ChannelContext } from '@concierge/channels-core';
import { graphErrorFromResponse, networkError } from './whatsapp-cloud.errors.js';

/**
 * Graph API v26.0 (released 2026-07-29, no end date announced): the version Meta's Cloud API reference
 * uses in its examples today. v27.0 (2026-11-04) changes nothing this adapter uses; admins can pin
 * another version per inbox with `apiVersion` (https://developers.facebook.com/docs/graph-api/changelog/versions/).
 */
export const DEFAULT_API_VERSION = 'v26.0';
export const DEFAULT_API_BASE_URL = 'https://graph.facebook.com';
const REQUEST_TIMEOUT_MS = 15_000;

/** Everything an inbox needs, read from the context on every call (the adapter keeps no state). */
export interface CloudSettings {
  phoneNumberId: string;
  apiBaseUrl: string;
  apiVersion: string;
  catalogId: string | null;
  accessToken: string;
  appSecret: string | null;
  verifyToken: string | null;
}

function text(source: Record<string, unknown> | null | undefined, key: string): string | null {
  const value = source?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Webhook-side settings: no access token needed to verify a signature or a handshake. */
export function readWebhookSettings(ctx: ChannelContext): Pick<CloudSettings, 'phoneNumberId' | 'appSecret' | 'verifyToken'> {
  return {
    phoneNumberId: text(ctx.config, 'phoneNumberId') ?? '',
    appSecret: text(ctx.credentials, 'appSecret'),
    verifyToken: text(ctx.credentials, 'verifyToken'),
  };
}

export function readSettings(ctx: ChannelContext): CloudSettings {
  const phoneNumberId = text(ctx.config, 'phoneNumberId');
  const accessToken = text(ctx.credentials, 'accessToken');
  if (!phoneNumberId || !accessToken) {
    throw new ChannelError('AUTH_FAILED', 'The WhatsApp Cloud inbox has no phone number id or access token');
  }
  return {
    phoneNumberId,
    accessToken,
    apiBaseUrl: (text(ctx.config, 'apiBaseUrl') ?? DEFAULT_API_BASE_URL).replace(/\/+$/, ''),
    apiVersion: text(ctx.config, 'apiVersion') ?? DEFAULT_API_VERSION,
    catalogId: text(ctx.config, 'catalogId'),
    appSecret: text(ctx.credentials, 'appSecret'),
    verifyToken: text(ctx.credentials, 'verifyToken'),
  };
}

export function graphUrl(settings: CloudSettings, path: string): string {
  return `${settings.apiBaseUrl}/${settings.apiVersion}/${path.replace(/^\/+/, '')}`;
}

/** POST JSON to Graph; a non-2xx answer or a transport failure becomes a ChannelError. */
export async function graphPost<T>(settings: CloudSettings, path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(graphUrl(settings, path), {
      method: 'POST',
      headers: { Authorization: `Bearer ${settings.accessToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw networkError(error);
  }
  let raw: string;
  try {
    raw = await response.text();
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) throw graphErrorFromResponse(response.status, raw, (name) => response.headers.get(name));
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new ChannelError('UNKNOWN', `WhatsApp Cloud API answered HTTP ${response.status} with a body that is not JSON`);
  }
}
