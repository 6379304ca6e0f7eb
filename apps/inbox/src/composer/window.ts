import { useEffect, useState } from 'react';
import type { Conversation, InboxView } from '../api/types.js';
import { timeOf } from '../lib/ids.js';

const WINDOW_CHANNELS = new Set(['whatsapp_cloud', 'twilio_whatsapp']);

export function hasCustomerWindow(inbox: InboxView | undefined): boolean {
  return !!inbox && WINDOW_CHANNELS.has(inbox.channelType);
}

/** Milliseconds left in the WhatsApp 24-hour window (0 when closed or never opened); re-rendered every 30 s. */
export function useWindowRemaining(c: Conversation, inbox: InboxView | undefined, refusedByHub: boolean): number | null {
  const [now, setNow] = useState(() => Date.now());
  const applies = hasCustomerWindow(inbox);
  useEffect(() => {
    if (!applies) return;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [applies]);
  if (!applies) return null;
  if (refusedByHub) return 0;
  return Math.max(0, timeOf(c.customerWindowExpiresAt) - now);
}
