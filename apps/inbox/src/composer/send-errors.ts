import type { TFunction } from 'i18next';

/** Clear words for the refusals an agent can fix or must know about. */
export function sendErrorText(error: { code: string; message: string }, t: TFunction): string {
  switch (error.code) {
    case 'RECIPIENT_OPTED_OUT':
      return t('sendErrors.optedOut');
    case 'INBOX_PAUSED':
      return t('sendErrors.paused');
    case 'CUSTOMER_WINDOW_CLOSED':
      return t('sendErrors.windowClosed');
    case 'NETWORK_ERROR':
      return t('errors.network');
    case 'PAYLOAD_TOO_LARGE':
    case 'HTTP_413':
      return t('sendErrors.tooLong');
    default:
      return t('sendErrors.generic', { message: error.message });
  }
}
