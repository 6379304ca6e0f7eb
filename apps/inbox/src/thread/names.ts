import type { ContactSummary } from '@concierge/contracts';
import type { TFunction } from 'i18next';

export function contactName(contact: ContactSummary | null | undefined, t: TFunction): string {
  return contact?.name?.trim() || contact?.phone || contact?.email || t('common.customer');
}
