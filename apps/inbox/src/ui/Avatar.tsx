import type { PresenceStatus } from '@concierge/contracts';
import { useTranslation } from 'react-i18next';
import { initials } from '../lib/ids.js';

/** Initials on a colour derived from the name (dark enough for white text on every hue: ≥ 4.5:1); an optional presence dot. */
export function Avatar({ name, presence, size = 'md' }: { name: string | null | undefined; presence?: PresenceStatus; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  let hash = 0;
  for (const ch of name ?? '') hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  return (
    <span className={`avatar avatar-${size}`} style={{ backgroundColor: `hsl(${hue} 45% 30%)` }} aria-hidden={presence ? undefined : true}>
      <span aria-hidden="true">{initials(name)}</span>
      {presence && <span className={`presence presence-${presence}`} role="img" aria-label={t(`presence.${presence}`)} />}
    </span>
  );
}
