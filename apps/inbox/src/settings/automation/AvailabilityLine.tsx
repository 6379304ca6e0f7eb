import { useTranslation } from 'react-i18next';
import type { Availability } from '../../api/types.js';

/** "Fri 9 Jan, 09:00" in the inbox's own zone (where the shop is), whatever the agent's zone. */
export function inZone(iso: string, timeZone: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  } catch {
    return new Date(iso).toLocaleString(locale);
  }
}

/** `GET inboxes/:id/availability`: open now (until when) or closed (opens when). */
export function AvailabilityLine({ availability }: { availability: Availability | null }) {
  const { t, i18n } = useTranslation();
  if (!availability) return null;
  const a = availability;
  let text: string;
  if (!a.configured) text = t('automation.availability.always');
  else if (a.open) text = a.closesAt ? t('automation.availability.openUntil', { when: inZone(a.closesAt, a.timeZone, i18n.language), zone: a.timeZone }) : t('automation.availability.open');
  else text = a.nextOpenAt ? t('automation.availability.closedUntil', { when: inZone(a.nextOpenAt, a.timeZone, i18n.language), zone: a.timeZone }) : t('automation.availability.closedNever');
  return (
    <p className={`availability ${a.open ? 'availability-open' : 'availability-closed'}`} role="status" data-testid="availability" data-open={a.open}>
      <span aria-hidden="true">{a.open ? '● ' : '○ '}</span>
      {text}
    </p>
  );
}
