import { createHmac, timingSafeEqual } from 'node:crypto';

/** `identifierHash` = hex HMAC-SHA256(identifier, inbox identity secret), computed by the brand's server. */
export function identifierHash(identifier: string, secret: string): string {
  return createHmac('sha256', secret).update(identifier).digest('hex');
}

export function verifyIdentifier(identifier: string, hash: string | undefined, secret: string): boolean {
  if (!hash || !/^[0-9a-f]{64}$/i.test(hash)) return false;
  const expected = Buffer.from(identifierHash(identifier, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(hash, 'hex'));
}

/** An origin allow-list entry is an exact origin (`https://shop.example`) or a wildcard subdomain (`https://*.shop.example`). */
export function originAllowed(origin: string | undefined, allowed: string[]): boolean {
  if (allowed.length === 0) return true;
  if (!origin) return false;
  return allowed.some((entry) => {
    if (entry === origin) return true;
    const m = entry.match(/^(https?):\/\/\*\.(.+)$/);
    if (!m) return false;
    try {
      const url = new URL(origin);
      return url.protocol === `${m[1]}:` && url.hostname.endsWith(`.${m[2]}`);
    } catch {
      return false;
    }
  });
}
