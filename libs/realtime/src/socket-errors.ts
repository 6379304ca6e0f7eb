import { isAppError } from '@concierge/common';

/** Socket acks and connection refusals use the same codes as the HTTP API. */
export function socketError(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'Something went wrong on our side' };
}

/** socket.io middleware errors reach the client as connect_error with this message and `data`. */
export function connectError(error: unknown): Error & { data: { code: string } } {
  const { code, message } = socketError(error);
  return Object.assign(new Error(`${code}: ${message}`), { data: { code } });
}
