import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface SafeFetchOptions {
  headers?: Record<string, string>;
  /** The body is cut off (and the fetch fails) beyond this many bytes. */
  maxBytes: number;
  /**
   * Hosts allowed even when they resolve to private or loopback addresses: only the provider API host an
   * admin configured for the inbox (the offline sandbox runs on loopback).
   */
  trustedHosts?: readonly string[];
  timeoutMs?: number;
}

export interface SafeFetchResponse {
  status: number;
  contentType: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type SafeFetch = (url: string, options: SafeFetchOptions) => Promise<SafeFetchResponse>;

export class SafeFetchError extends Error {
  constructor(
    readonly reason: 'blocked_address' | 'bad_url' | 'too_large' | 'timeout' | 'network' | 'too_many_redirects',
    message: string,
  ) {
    super(message);
    this.name = 'SafeFetchError';
  }
}

const MAX_REDIRECTS = 3;

/** Only public unicast addresses: no loopback, private, link-local (cloud metadata), CGNAT, multicast… */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** A lookup that refuses to connect to a non-public address, checked after resolution (no DNS rebinding gap). */
function guardedLookup(trusted: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = trusted ? addresses : addresses.filter((a) => isPublicAddress(a.address));
      if (allowed.length === 0) {
        return callback(new SafeFetchError('blocked_address', `${hostname} resolves to a private address`), '', 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/**
 * GET with SSRF protection for URLs that come from webhooks (media). Redirects are followed and re-checked;
 * credentials are dropped when a redirect leaves the original origin (Twilio media redirects to storage).
 */
export const safeFetch: SafeFetch = async (url, options) => {
  let current = new URL(url);
  const origin = current.origin;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers = current.origin === origin ? (options.headers ?? {}) : {};
    const response = await requestOnce(current, headers, options);
    if (response.status >= 300 && response.status < 400 && response.headers.location) {
      current = new URL(response.headers.location, current);
      continue;
    }
    return response;
  }
  throw new SafeFetchError('too_many_redirects', `More than ${MAX_REDIRECTS} redirects`);
};

function requestOnce(url: URL, headers: Record<string, string>, options: SafeFetchOptions): Promise<SafeFetchResponse> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return Promise.reject(new SafeFetchError('bad_url', `Unsupported URL scheme ${url.protocol}`));
  }
  const trusted = (options.trustedHosts ?? []).includes(url.host) || (options.trustedHosts ?? []).includes(url.hostname);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !trusted && !isPublicAddress(host)) {
    return Promise.reject(new SafeFetchError('blocked_address', `${url.hostname} is not a public address`));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // agent: false — a pooled keep-alive socket would skip the address check of the lookup below.
    const req = client.get(url, { headers, agent: false, lookup: guardedLookup(trusted), timeout: options.timeoutMs ?? 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          req.destroy(new SafeFetchError('too_large', `Larger than ${options.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? 'application/octet-stream'), headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new SafeFetchError('timeout', 'The media server did not answer in time')));
    req.on('error', (error) => reject(error instanceof SafeFetchError ? error : new SafeFetchError('network', error.message)));
  });
}
