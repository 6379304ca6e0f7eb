/**
 * Customer content is untrusted: a link or a media source is used only when it is an http(s) URL
 * (relative URLs resolve against the hub). `javascript:`, `data:`, `vbscript:`… are dropped.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(value, window.location.origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href;
}

/** The WhatsApp Web pairing QR arrives as a PNG data URL from the hub itself. */
export function safePngDataUrl(value: unknown): string | null {
  return typeof value === 'string' && /^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(value) ? value : null;
}

/** Splits text into plain runs and http(s) links (rendered as text nodes and <a>, never as HTML). */
export function linkify(text: string): { text: string; href: string | null }[] {
  const parts: { text: string; href: string | null }[] = [];
  const pattern = /\bhttps?:\/\/[^\s<>"']+/gi;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const raw = match[0].replace(/[),.;:!?]+$/, '');
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start), href: null });
    parts.push({ text: raw, href: safeHttpUrl(raw) });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), href: null });
  return parts;
}
