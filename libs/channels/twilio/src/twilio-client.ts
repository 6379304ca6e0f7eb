import https from 'node:https';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { TwilioApiError } from './twilio-errors.js';
import { TWILIO_API_BASE_URL, type TwilioSettings } from './twilio.types.js';

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * One keep-alive pool for every per-call client: a client per call keeps adapters stateless, and the
 * shared agent (no credentials in it) spares a TLS handshake per message.
 */
const sharedHttpsAgent = new https.Agent({ keepAlive: true, maxSockets: 50, timeout: REQUEST_TIMEOUT_MS });

/** Points `https://*.twilio.com/...` at `base` (origin + optional path prefix); the default base changes nothing. */
export function rewriteTwilioUri(uri: string, base: URL): string {
  if (base.href === new URL(TWILIO_API_BASE_URL).href) return uri;
  const target = new URL(uri);
  if (target.protocol !== 'https:' || !/(^|\.)twilio\.com$/i.test(target.hostname)) return uri;
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${target.pathname}${target.search}`;
}

/**
 * The SDK's documented seam for custom transports (`httpClient` option). `edge`/`region` only rename
 * `*.twilio.com` hosts, so a loopback fake is reached by rewriting the URI here. Failed responses are
 * turned into TwilioApiError here too, because the SDK's RestException drops the response headers
 * (and with them `Retry-After`).
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly base: URL) {
    super({ timeout: REQUEST_TIMEOUT_MS, autoRetry: false });
    // Keep a proxy agent the SDK may have chosen (HTTP_PROXY); replace only its plain per-instance agent.
    if (this.axios.defaults.httpsAgent?.constructor === https.Agent) this.axios.defaults.httpsAgent = sharedHttpsAgent;
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const response = await super.request({ ...opts, uri: rewriteTwilioUri(opts.uri, this.base) });
    if (response.statusCode >= 400) throw TwilioApiError.fromResponse(response.statusCode, response.body, response.headers);
    return response;
  }
}

/** A REST client for one call: credentials never outlive it. */
export function twilioClient(settings: TwilioSettings): twilio.Twilio {
  const base = new URL(settings.apiBaseUrl);
  return twilio(settings.accountSid, settings.authToken, { httpClient: new RedirectingRequestClient(base), autoRetry: false });
}
