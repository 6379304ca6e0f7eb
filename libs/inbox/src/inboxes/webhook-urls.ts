import type { ChannelAdapter } from '@concierge/channels-core';

export interface WebhookUrls {
  /** Paste into the provider console (Twilio number "A message comes in", Meta app webhook). */
  events: string | null;
  /** Twilio status callbacks (set per message by the hub; shown for reference). */
  status: string | null;
}

/** The fixed public webhook paths of CONTRACT.md, built from PUBLIC_URL. */
export function webhookUrls(publicUrl: string, adapter: ChannelAdapter, inboxId: string): WebhookUrls {
  const hooks = adapter.webhooks;
  if (!hooks) return { events: null, status: null };
  const base = `${publicUrl}/webhooks/${hooks.provider}/${inboxId}`;
  return { events: hooks.routes.includes('events') ? base : null, status: hooks.routes.includes('status') ? `${base}/status` : null };
}
