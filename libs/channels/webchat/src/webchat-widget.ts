import type { WebchatWidgetSettings } from '@concierge/contracts';

export const DEFAULT_WIDGET_COLOR = '#1f2937';

/** What the widget shows, from the inbox's settings (`title`, `greeting`, `replyTime`, `color`, `position`); nothing secret. */
export function widgetSettings(config: Record<string, unknown>, fallbackTitle: string, maxUploadBytes: number): WebchatWidgetSettings {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const replyTime = config.replyTime === 'minutes' || config.replyTime === 'hour' || config.replyTime === 'day' ? config.replyTime : null;
  const color = typeof config.color === 'string' && /^#[0-9a-f]{6}$/i.test(config.color) ? config.color.toLowerCase() : DEFAULT_WIDGET_COLOR;
  return {
    title: str(config.title) ?? fallbackTitle,
    greeting: str(config.greeting),
    replyTime,
    color,
    position: config.position === 'left' ? 'left' : 'right',
    maxUploadBytes,
  };
}

/**
 * CSP `frame-ancestors` for the widget page: the inbox's allowed origins (wildcard subdomains keep their
 * `https://*.shop.example` form, which CSP understands), or `*` when the inbox accepts every website
 * (an allow-list with nothing valid in it frames nowhere).
 */
export function frameAncestors(allowedOrigins: string[]): string {
  const valid = allowedOrigins.filter((o) => /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(o));
  if (allowedOrigins.length === 0) return '*';
  return valid.length ? valid.join(' ') : "'none'";
}

/** `https://shop.example` from a string that should be an origin; null when it is not one. */
export function parseOrigin(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 300) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
