/** WCAG 2 contrast helpers: text on the brand colour is white or near-black, whichever reads better. */
function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

export const DEFAULT_COLOR = '#1f2937';

export function validColor(value: unknown): string {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : DEFAULT_COLOR;
}

/** The text colour to put on `bg`. */
export function inkOn(bg: string): string {
  return contrast(bg, '#ffffff') >= contrast(bg, '#111111') ? '#ffffff' : '#111111';
}

/** The brand colour when it reads on white (links, outlines), else a dark neutral that does. */
export function accentOnWhite(color: string): string {
  return contrast(color, '#ffffff') >= 4.5 ? color : DEFAULT_COLOR;
}
