import type { WebhookDispatcher } from './dispatcher.js';
import { statusWebhook, metaHeaders, type StatusError } from './graph-wire.js';
import type { SandboxStore } from './store.js';
import type { Tasks } from './tasks.js';
import { formBody, signTwilio, statusCallbackParams } from './twilio-wire.js';
import type { LineConfig, OutboundRecord, RetryPolicy } from './types.js';

/**
 * Walks an accepted message through its provider statuses: `sent`, then `delivered` (each after
 * `statusDelayMs`), `read` once the phone UI displays it (WhatsApp only), or a single `failed`.
 * Each status is recorded on the outbox record and reported the provider's way.
 */
export class StatusFlow {
  constructor(
    private readonly store: SandboxStore,
    private readonly tasks: Tasks,
    private readonly dispatcher: WebhookDispatcher,
    private readonly delayMs: number,
    private readonly retry: RetryPolicy,
  ) {}

  start(record: OutboundRecord, failure?: StatusError): void {
    if (failure) {
      this.tasks.later(this.delayMs, () => this.advance(record, 'failed', failure));
      return;
    }
    this.tasks.later(this.delayMs, async () => {
      await this.advance(record, 'sent');
      this.tasks.later(this.delayMs, async () => {
        await this.advance(record, 'delivered');
        if (record.readRequested && !record.statuses.some((s) => s.status === 'read')) await this.advance(record, 'read');
      });
    });
  }

  /** The phone displayed the message: report `read` now, or right after `delivered`. SMS has no read receipts. */
  markRead(record: OutboundRecord): boolean {
    if (record.provider === 'twilio_sms' || record.failure) return false;
    if (record.statuses.some((s) => s.status === 'read') || record.readRequested) return false;
    record.readRequested = true;
    if (record.statuses.some((s) => s.status === 'delivered')) this.tasks.track(this.advance(record, 'read'));
    return true;
  }

  private async advance(record: OutboundRecord, status: string, error?: StatusError): Promise<void> {
    const event = { status, at: new Date(this.store.now()).toISOString(), ...(error ? { errorCode: error.code } : {}) } as OutboundRecord['statuses'][number];
    record.statuses.push(event);
    this.store.emit({ type: 'outbound.status', line: record.line, data: { id: record.id, to: record.to, status, errorCode: error?.code, at: event.at } });
    const line = this.store.resolveLine(record.provider === 'twilio_whatsapp' ? `whatsapp:${record.line}` : record.line);
    if (!line || line.provider !== record.provider) return;
    const delivery = this.buildDelivery(line, record, status, error);
    if (!delivery) return;
    const { record: webhook } = await this.dispatcher.deliver(delivery);
    event.webhookId = webhook.id;
  }

  private buildDelivery(line: LineConfig, record: OutboundRecord, status: string, error?: StatusError) {
    const base = { kind: 'status' as const, provider: record.provider, line: record.line, messageId: record.id, status };
    if (line.provider === 'whatsapp_cloud') {
      const body = JSON.stringify(statusWebhook(line, record, status, this.store.now(), this.store.conversations, error));
      return { ...base, url: line.webhookUrl, contentType: 'application/json', body, headers: metaHeaders(line, body), retryDelaysMs: this.retry.metaDelaysMs };
    }
    const callback = (record.request as Record<string, unknown>).StatusCallback;
    if (typeof callback !== 'string' || !callback) return undefined;
    const params = statusCallbackParams(record, line, status, error?.code);
    // Twilio does not retry status callbacks unless asked to (connection overrides), so neither do we.
    return {
      ...base,
      url: callback,
      contentType: 'application/x-www-form-urlencoded',
      body: formBody(params),
      headers: { 'User-Agent': 'TwilioProxy/1.1', 'X-Twilio-Signature': signTwilio(line.authToken, callback, params) },
      retryDelaysMs: [],
    };
  }
}
