/**
 * Points the official `twilio` SDK at the sandbox: the SDK builds absolute URLs on api.twilio.com,
 * content.twilio.com, messaging.twilio.com…; this RequestClient swaps the origin for the sandbox's and
 * keeps the path, so every call (Messages, Content, typing indicators) lands on the fake.
 * Usage: `twilio(accountSid, authToken, { httpClient: new RedirectingRequestClient(sandboxUrl) })`.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

const TWILIO_ORIGIN = /^https:\/\/(?:[a-z0-9-]+\.)*twilio\.com(?::443)?(?=\/|$)/i;

export const rewriteTwilioUri = (uri: string, baseUrl: string): string => uri.replace(TWILIO_ORIGIN, baseUrl.replace(/\/+$/, ''));

export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options?: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rewriteTwilioUri(opts.uri, this.baseUrl) });
  }
}
