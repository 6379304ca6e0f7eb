/** The unread count in the tab title and as a badge drawn on the favicon (an SVG data URL: no canvas, no asset). */
const BASE_ICON = '/favicon.svg';

export function setBadge(title: string, unread: number): void {
  document.title = unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${title}` : title;
  const link = document.querySelector<HTMLLinkElement>('link#favicon');
  if (!link) return;
  if (unread <= 0) {
    if (link.getAttribute('href') !== BASE_ICON) link.href = BASE_ICON;
    return;
  }
  const label = unread > 9 ? '9+' : String(unread);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<rect x="4" y="8" width="48" height="40" rx="10" fill="#1f4e79"/>` +
    `<circle cx="46" cy="18" r="17" fill="#d93025"/>` +
    `<text x="46" y="25" font-family="Arial,sans-serif" font-size="${label.length > 1 ? 16 : 20}" font-weight="bold" fill="#fff" text-anchor="middle">${label}</text>` +
    `</svg>`;
  link.href = `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
