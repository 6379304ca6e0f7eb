import { newWebhookId, type SandboxStore } from './store.js';
import type { Tasks } from './tasks.js';
import type { Provider, WebhookAttempt, WebhookRecord } from './types.js';

export interface Delivery {
  /** Pre-allocated record id (lets callers reference the webhook before it is sent). */
  id?: string;
  kind: WebhookRecord['kind'];
  provider: Provider;
  line: string;
  url: string;
  messageId: string;
  status?: string;
  contentType: string;
  body: string;
  /** Signature and provider headers; sent on every attempt unchanged. */
  headers: Record<string, string>;
  /** Delay before each retry; an empty list means a single attempt. */
  retryDelaysMs: number[];
}

const MAX_RESPONSE_CHARS = 2000;

/** POSTs webhooks to the hub, records every attempt and retries non-2xx answers like the provider would. */
export class WebhookDispatcher {
  constructor(
    private readonly store: SandboxStore,
    private readonly tasks: Tasks,
    private readonly timeoutMs: number,
    private readonly log: (line: string) => void,
  ) {}

  /** Makes the first attempt and resolves with it; retries continue in the background (see `Tasks.idle`). */
  async deliver(delivery: Delivery): Promise<{ record: WebhookRecord; first: WebhookAttempt }> {
    const record: WebhookRecord = {
      id: delivery.id ?? newWebhookId(),
      kind: delivery.kind,
      provider: delivery.provider,
      line: delivery.line,
      url: delivery.url,
      messageId: delivery.messageId,
      status: delivery.status,
      contentType: delivery.contentType,
      body: delivery.body,
      headers: delivery.headers,
      attempts: [],
      delivered: false,
      pending: true,
    };
    this.store.addWebhook(record);
    const first = await this.tasks.track(this.attempt(record, delivery, 0));
    return { record, first };
  }

  private async attempt(record: WebhookRecord, delivery: Delivery, index: number): Promise<WebhookAttempt> {
    const started = Date.now();
    const attempt: WebhookAttempt = { at: new Date(this.store.now()).toISOString(), statusCode: null, durationMs: 0 };
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'Content-Type': delivery.contentType, ...delivery.headers },
        body: delivery.body,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      attempt.statusCode = response.status;
      const text = await response.text().catch(() => '');
      if (text) attempt.responseBody = text.length > MAX_RESPONSE_CHARS ? text.slice(0, MAX_RESPONSE_CHARS) : text;
    } catch (error) {
      attempt.error = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    attempt.durationMs = Date.now() - started;
    record.attempts.push(attempt);
    this.store.stats.webhookAttempts++;
    const ok = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
    const delay = delivery.retryDelaysMs[index];
    if (ok) {
      record.delivered = true;
      record.pending = false;
      this.store.stats.webhooksDelivered++;
    } else if (delay !== undefined && !this.tasks.isClosed) {
      this.tasks.later(delay, () => this.attempt(record, delivery, index + 1));
    } else {
      record.pending = false;
      this.store.stats.webhooksFailed++;
      this.log(`webhook ${record.id} (${record.kind}) to ${new URL(record.url).origin} failed after ${record.attempts.length} attempt(s)`);
    }
    this.store.emit({
      type: 'webhook.attempt',
      line: record.line,
      data: { id: record.id, kind: record.kind, messageId: record.messageId, status: record.status, attempt, delivered: record.delivered, pending: record.pending },
    });
    return attempt;
  }
}
