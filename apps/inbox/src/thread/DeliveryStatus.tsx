import type { DeliveryStatus as Status } from '@concierge/contracts';
import { useTranslation } from 'react-i18next';

const MARKS: Record<Status, string> = { received: '', queued: '◷', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };

/** Ticks for outgoing messages: queued / sent / delivered / read / failed (with the provider's reason). */
export function DeliveryStatus({ status, error }: { status: Status; error: { code: string; message: string } | null }) {
  const { t } = useTranslation();
  if (status === 'received') return null;
  const label = t(`delivery.${status}`);
  return (
    <span className={`ticks ticks-${status}`} data-testid="delivery-status" data-status={status}>
      <span aria-hidden="true">{MARKS[status]}</span>
      <span className="visually-hidden">{label}</span>
      {status === 'failed' && error && (
        <span className="ticks-error" role="note">{t('delivery.failedReason', { reason: error.message || error.code })}</span>
      )}
    </span>
  );
}
