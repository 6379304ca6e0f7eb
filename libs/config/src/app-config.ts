/** Typed, validated configuration. Injected by class; built once at boot by `loadConfig`. */
export class AppConfig {
  readonly env!: 'development' | 'production' | 'test';
  readonly port!: number;
  readonly publicUrl!: string;
  readonly dataDir!: string;
  /** `poolSize`: connections each process keeps to PostgreSQL (DATABASE_POOL_SIZE). */
  readonly database!: { url: string | null; embeddedPort: number; poolSize: number };
  readonly redisUrl!: string | null;
  readonly seedDemo!: boolean;
  readonly demoPassword!: string | null;
  readonly logLevel!: string;
  readonly secrets!: { tokenSecret: string; encryptionKey: string };
  readonly auth!: { accessTokenTtlSeconds: number; loginRateLimitPerMinute: number };
  readonly limits!: { maxTextLength: number; maxBodyBytes: number; maxMediaBytes: number };
  /** Outbound delivery: processors run in this process unless turned off (a separate worker runs them). */
  /** `concurrency`: sends waiting on providers at once (OUTBOUND_CONCURRENCY). */
  readonly outbound!: { runProcessors: boolean; ratePerSecond: number; concurrency: number; maxAttempts: number; queuePrefix: string };
  /** Live sessions (WhatsApp Web): each runs in one process, which holds its lease for `leaseSeconds` per renewal. */
  readonly liveSessions!: { leaseSeconds: number };
  /** The offline provider sandbox started next to the demo hub (port), or null. */
  readonly sandboxPort!: number | null;
  readonly chromiumPath!: string;
  /** Whether an inbox's `apiBaseUrl` may point at a private or loopback address (the sandbox does). */
  readonly allowPrivateProviderUrls!: boolean;
  /** Bearer token Prometheus sends to /metrics; null: open outside production, off in production. */
  readonly metricsToken!: string | null;
  /** Video calls: browsers' STUN/TURN servers, invite-link lifetime, and the LiveKit SFU when configured. */
  readonly video!: {
    iceServers: { urls: string[]; username?: string; credential?: string }[];
    linkTtlSeconds: number;
    livekit: { url: string; apiKey: string; apiSecret: string } | null;
  };

  constructor(values: AppConfig) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}
