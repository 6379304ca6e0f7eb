import { FixedClock } from '@concierge/common';
import type { ChannelContext } from '@concierge/channels-core';
import { WhatsappWebAdapter, type WhatsappWebAdapterOptions } from '../whatsapp-web.adapter.js';
import { FakeWhatsappClientFactory } from './fake-whatsapp-client.js';
import { RecordingSessionSink } from './recording-sink.js';

/** TEST HELPER. An adapter on fake clients, deterministic backoff (no jitter), a fixed clock and a recording sink. */
export function fakeWhatsappWeb(options: Partial<WhatsappWebAdapterOptions> = {}) {
  const factory = new FakeWhatsappClientFactory();
  const clock = new FixedClock(new Date('2026-01-05T10:00:00Z'));
  const sink = new RecordingSessionSink();
  const adapter = new WhatsappWebAdapter({
    dataDir: '/var/lib/concierge-test',
    clientFactory: factory,
    clock,
    relaunch: { jitter: 0 },
    delivery: { retry: { initialMs: 1000, maxMs: 8000, jitter: 0 } },
    ...options,
  });
  const ctx: ChannelContext = { accountId: 'acct-1', inboxId: 'inbox-1', config: {}, credentials: null };
  return { adapter, sessions: adapter.sessions, factory, clock, sink, ctx };
}

/** Lets pending promise chains (mapping, delivery, QR rendering) run; timers stay frozen. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Lets async work that does not depend on (frozen) timers finish, e.g. QR rendering; fails after `maxMs` of real time. */
export async function until(condition: () => boolean, maxMs = 5000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > maxMs) throw new Error('Condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
