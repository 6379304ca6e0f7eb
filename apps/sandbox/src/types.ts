/** Shapes shared by the sandbox modules: line configuration, options and every kind of record it keeps. */

export type TwilioProvider = 'twilio_sms' | 'twilio_whatsapp';
export type Provider = TwilioProvider | 'whatsapp_cloud';

export interface TwilioLineConfig {
  provider: TwilioProvider;
  accountSid: string;
  authToken: string;
  /** E.164, without the `whatsapp:` prefix. */
  phoneNumber: string;
  /** The hub's `POST /webhooks/twilio/:inboxId`. */
  webhookUrl: string;
  /** Lets the hub send with `MessagingServiceSid` instead of `From`. */
  messagingServiceSid?: string;
  ratePerSecond?: number;
}

export interface CloudLineConfig {
  provider: 'whatsapp_cloud';
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  /** The hub's `POST /webhooks/whatsapp/:inboxId`. */
  webhookUrl: string;
  ratePerSecond?: number;
}

export type LineConfig = TwilioLineConfig | CloudLineConfig;

/** A line as the JSON API shows it: no token, no secret. */
export interface PublicLine {
  key: string;
  provider: Provider;
  /** What the customer's phone sees as the brand's address (E.164). */
  address: string;
  webhookUrl: string;
  ratePerSecond: number;
  accountSid?: string;
  messagingServiceSid?: string;
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  wabaId?: string;
}

export interface RetryPolicy {
  /** Delays before each retry of an inbound Twilio webhook (Twilio: one retry inside 15 s). */
  twilioDelaysMs: number[];
  /** Delays before each retry of any Cloud API webhook (Meta: retries with backoff for days). */
  metaDelaysMs: number[];
  /** Per-attempt timeout (Twilio gives up after 15 s). */
  timeoutMs: number;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  lines?: LineConfig[];
  /** Delay between acceptance and `sent`, and between `sent` and `delivered` (default 300 ms). */
  statusDelayMs?: number;
  /** Default per-line send rate cap when a line sets none (default 80/s, WhatsApp's default throughput). */
  ratePerSecond?: number;
  /** Artificial provider API latency: a fixed number or a `[min, max]` range in ms (default none). */
  latencyMs?: number | [number, number];
  retry?: Partial<RetryPolicy>;
  /** Twilio reports 63016 asynchronously (failed status callback); `sync` answers HTTP 400 instead. */
  twilioWindowErrors?: 'async' | 'sync';
  /** Records kept per list (outbox, inbound, webhooks, rejections); the oldest are dropped (default 50,000). */
  maxRecords?: number;
  /** Time source (ms since epoch), for 24-hour-window tests. */
  clock?: () => number;
  /** Optional logger for deliveries that fail; nothing secret or message content is passed to it. */
  log?: (line: string) => void;
}

export interface StatusEvent {
  status: string;
  at: string;
  errorCode?: number;
  webhookId?: string;
}

/** A message a fake provider API accepted from the brand (the hub). */
export interface OutboundRecord {
  id: string;
  provider: Provider;
  line: string;
  to: string;
  from: string | null;
  /** text, media, content, template, interactive:button, location, … (derived from the request). */
  kind: string;
  /** The request exactly as received (form fields or JSON body). */
  request: Record<string, unknown>;
  /** Twilio Content API definition the ContentSid pointed at, variables substituted, when the sandbox knows it. */
  content?: Record<string, unknown>;
  statuses: StatusEvent[];
  createdAt: string;
  /** Graph API version the brand used (Cloud API only; decides the status webhook shape). */
  apiVersion?: string;
  failure?: { code: number; message: string };
  readRequested?: boolean;
}

export interface InboundMedia {
  id: string;
  mimeType: string;
  filename?: string;
  url: string;
}

/** A message the customer's phone sent to the brand. */
export interface InboundRecord {
  id: string;
  provider: Provider;
  line: string;
  from: string;
  profileName?: string;
  kind: 'text' | 'media' | 'location' | 'button' | 'list';
  text?: string;
  media?: InboundMedia;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  reply?: { id: string; title: string; messageId?: string };
  optOut?: 'STOP' | 'START';
  createdAt: string;
  webhookId: string;
  /** Set when the brand marked it read (Cloud `status: read`, Twilio typing indicator). */
  readAt?: string;
}

export interface WebhookAttempt {
  at: string;
  statusCode: number | null;
  error?: string;
  durationMs: number;
  responseBody?: string;
}

export interface WebhookRecord {
  id: string;
  kind: 'inbound' | 'status';
  provider: Provider;
  line: string;
  url: string;
  messageId: string;
  status?: string;
  contentType: string;
  body: string;
  headers: Record<string, string>;
  attempts: WebhookAttempt[];
  delivered: boolean;
  pending: boolean;
}

/** A provider API call the sandbox refused (auth, validation, opt-out, rate limit). */
export interface RejectionRecord {
  at: string;
  provider: Provider;
  line?: string;
  httpStatus: number;
  code: number;
  message: string;
  request: Record<string, unknown>;
}

export interface StoredMedia {
  id: string;
  line: string;
  mimeType: string;
  filename?: string;
  bytes: Buffer;
  sha256: string;
  /** Twilio media live under a message: the account and message sids of their URL. */
  accountSid?: string;
  messageSid?: string;
}
