import { EventEmitter } from 'node:events';
import { digits, recordId } from './ids.js';
import { LineConfigError, lineId, lineKey, validateLine } from './lines.js';
import type {
  CloudLineConfig,
  InboundRecord,
  LineConfig,
  OutboundRecord,
  PublicLine,
  RejectionRecord,
  StoredMedia,
  TwilioLineConfig,
  WebhookRecord,
} from './types.js';

export { LineConfigError, lineId, lineKey } from './lines.js';

export const WINDOW_MS = 24 * 60 * 60 * 1000;

export type SandboxEventType =
  | 'line.registered'
  | 'line.removed'
  | 'outbound.created'
  | 'outbound.status'
  | 'inbound.created'
  | 'inbound.read'
  | 'typing'
  | 'webhook.attempt'
  | 'records.cleared';

export interface SandboxEvent {
  type: SandboxEventType;
  line?: string;
  data: unknown;
}

/** Everything the fake providers received and sent, plus provider-side state (windows, opt-outs, media). */
export class SandboxStore {
  readonly events = new EventEmitter();
  readonly outbox: OutboundRecord[] = [];
  readonly inbound: InboundRecord[] = [];
  readonly webhooks: WebhookRecord[] = [];
  readonly rejections: RejectionRecord[] = [];
  readonly contents = new Map<string, Record<string, unknown>>();
  /** Cloud API conversation ids (Graph < v24 status webhooks), per line, customer and category. */
  readonly conversations = new Map<string, { id: string; expires: number }>();
  readonly stats = { accepted: 0, rejected: 0, inbound: 0, webhookAttempts: 0, webhooksDelivered: 0, webhooksFailed: 0 };
  private readonly lines = new Map<string, LineConfig>();
  private readonly lastInbound = new Map<string, number>();
  private readonly optOuts = new Set<string>();
  private readonly media = new Map<string, StoredMedia>();
  private readonly sendTimes = new Map<string, number[]>();

  constructor(
    readonly now: () => number,
    readonly defaultRate: number,
    private readonly maxRecords: number,
  ) {
    this.events.setMaxListeners(0);
  }

  // ── lines ───────────────────────────────────────────────────────────────────────────────
  addLine(config: LineConfig): PublicLine {
    const problem = validateLine(config);
    if (problem) throw new LineConfigError(problem);
    const line = { ...config } as LineConfig;
    this.lines.set(lineId(line), line);
    const view = this.publicLine(line);
    this.emit({ type: 'line.registered', line: view.key, data: view });
    return view;
  }

  removeLine(key: string): boolean {
    const line = this.resolveLine(key);
    if (!line) return false;
    this.lines.delete(lineId(line));
    this.emit({ type: 'line.removed', line: lineKey(line), data: { key: lineKey(line) } });
    return true;
  }

  listLines(): PublicLine[] {
    return [...this.lines.values()].map((line) => this.publicLine(line));
  }

  /** `+E164` (an SMS line first), `whatsapp:+E164` (the Twilio WhatsApp line) or a Cloud phone number id. */
  resolveLine(key: string): LineConfig | undefined {
    if (key.startsWith('whatsapp:')) return this.lines.get(`twilio_whatsapp|${key.slice(9)}`);
    return (
      this.lines.get(`whatsapp_cloud|${key}`) ?? this.lines.get(`twilio_sms|${key}`) ?? this.lines.get(`twilio_whatsapp|${key}`)
    );
  }

  twilioLines(accountSid: string): TwilioLineConfig[] {
    return [...this.lines.values()].filter((l): l is TwilioLineConfig => l.provider !== 'whatsapp_cloud' && l.accountSid === accountSid);
  }

  cloudLine(phoneNumberId: string): CloudLineConfig | undefined {
    const line = this.lines.get(`whatsapp_cloud|${phoneNumberId}`);
    return line?.provider === 'whatsapp_cloud' ? line : undefined;
  }

  cloudLinesByToken(token: string): CloudLineConfig[] {
    return [...this.lines.values()].filter((l): l is CloudLineConfig => l.provider === 'whatsapp_cloud' && l.accessToken === token);
  }

  publicLine(line: LineConfig): PublicLine {
    const ratePerSecond = line.ratePerSecond ?? this.defaultRate;
    if (line.provider === 'whatsapp_cloud') {
      const { phoneNumberId, displayPhoneNumber, wabaId, webhookUrl } = line;
      const address = displayPhoneNumber.startsWith('+') ? displayPhoneNumber : `+${digits(displayPhoneNumber)}`;
      return { key: phoneNumberId, provider: line.provider, address, webhookUrl, ratePerSecond, phoneNumberId, displayPhoneNumber, wabaId };
    }
    const { accountSid, messagingServiceSid, phoneNumber, webhookUrl } = line;
    return { key: phoneNumber, provider: line.provider, address: phoneNumber, webhookUrl, ratePerSecond, accountSid, messagingServiceSid };
  }

  // ── provider-side state ───────────────────────────────────────────────────────────────────
  touchWindow(line: string, phone: string): void {
    this.lastInbound.set(`${line}|${digits(phone)}`, this.now());
  }

  /** Whether the customer wrote to this line in the last 24 hours. */
  windowOpen(line: string, phone: string): boolean {
    const last = this.lastInbound.get(`${line}|${digits(phone)}`);
    return last !== undefined && this.now() - last < WINDOW_MS;
  }

  setOptOut(line: string, phone: string, optedOut: boolean): void {
    const key = `${line}|${digits(phone)}`;
    if (optedOut) this.optOuts.add(key);
    else this.optOuts.delete(key);
  }

  isOptedOut(line: string, phone: string): boolean {
    return this.optOuts.has(`${line}|${digits(phone)}`);
  }

  putMedia(media: StoredMedia): void {
    this.media.set(media.id, media);
  }

  getMedia(id: string): StoredMedia | undefined {
    return this.media.get(id);
  }

  /** Sliding one-second window of accepted sends per line; counts the send when allowed. */
  takeRateSlot(line: string, limit: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.now();
    let times = this.sendTimes.get(line);
    if (!times) this.sendTimes.set(line, (times = []));
    let drop = 0;
    while (drop < times.length && now - times[drop]! >= 1000) drop++;
    if (drop) times.splice(0, drop);
    if (times.length >= limit) return { ok: false, retryAfterMs: Math.max(1, 1000 - (now - times[0]!)) };
    times.push(now);
    return { ok: true };
  }

  // ── records ───────────────────────────────────────────────────────────────────────────────
  addOutbound(record: OutboundRecord): void {
    this.stats.accepted++;
    this.push(this.outbox, record);
    this.emit({ type: 'outbound.created', line: record.line, data: record });
  }

  addInbound(record: InboundRecord): void {
    this.stats.inbound++;
    this.push(this.inbound, record);
    this.emit({ type: 'inbound.created', line: record.line, data: record });
  }

  addWebhook(record: WebhookRecord): void {
    this.push(this.webhooks, record);
  }

  addRejection(record: RejectionRecord): void {
    this.stats.rejected++;
    this.push(this.rejections, record);
  }

  findOutbound(id: string): OutboundRecord | undefined {
    for (let i = this.outbox.length - 1; i >= 0; i--) if (this.outbox[i]!.id === id) return this.outbox[i];
    return undefined;
  }

  findInbound(id: string): InboundRecord | undefined {
    for (let i = this.inbound.length - 1; i >= 0; i--) if (this.inbound[i]!.id === id) return this.inbound[i];
    return undefined;
  }

  /** The brand read `record`: it and the customer's earlier messages on that line get read ticks. */
  markInboundRead(record: InboundRecord): string[] {
    const at = new Date(this.now()).toISOString();
    const ids: string[] = [];
    for (const item of this.inbound) {
      if (item.line !== record.line || item.provider !== record.provider || digits(item.from) !== digits(record.from) || item.readAt) continue;
      if (item.createdAt > record.createdAt) continue;
      item.readAt = at;
      ids.push(item.id);
    }
    if (ids.length) this.emit({ type: 'inbound.read', line: record.line, data: { ids, phone: record.from, at } });
    return ids;
  }

  /** Clears the records; with `all`, also windows, opt-outs, media, rate windows and Content definitions. */
  clear(all = false): void {
    for (const list of [this.outbox, this.inbound, this.webhooks, this.rejections]) list.length = 0;
    for (const key of Object.keys(this.stats) as (keyof typeof this.stats)[]) this.stats[key] = 0;
    if (all) {
      this.lastInbound.clear();
      this.optOuts.clear();
      this.media.clear();
      this.sendTimes.clear();
      this.contents.clear();
      this.conversations.clear();
    }
    this.emit({ type: 'records.cleared', data: { all } });
  }

  emit(event: SandboxEvent): void {
    this.events.emit('event', event);
  }

  private push<T>(list: T[], item: T): void {
    list.push(item);
    if (list.length > this.maxRecords) list.splice(0, list.length - this.maxRecords);
  }
}

export const newWebhookId = (): string => recordId('wh');
