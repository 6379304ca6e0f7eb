/** Typed, validated configuration. Injected by class; built once at boot by `loadConfig`. */
export class AppConfig {
  readonly env!: 'development' | 'production' | 'test';
  readonly port!: number;
  readonly publicUrl!: string;
  readonly dataDir!: string;
  readonly database!: { url: string | null; embeddedPort: number };
  readonly redisUrl!: string | null;
  readonly seedDemo!: boolean;
  readonly demoPassword!: string | null;
  readonly logLevel!: string;
  readonly secrets!: { tokenSecret: string; encryptionKey: string };
  readonly auth!: { accessTokenTtlSeconds: number; loginRateLimitPerMinute: number };
  readonly limits!: { maxTextLength: number; maxBodyBytes: number; maxMediaBytes: number };
  /** Outbound delivery: processors run in this process unless turned off (a separate worker runs them). */
  readonly outbound!: { runProcessors: boolean; ratePerSecond: number; maxAttempts: number; queuePrefix: string };
  /** The offline provider sandbox started next to the demo hub (port), or null. */
  readonly sandboxPort!: number | null;
  readonly chromiumPath!: string;
  /** Whether an inbox's `apiBaseUrl` may point at a private or loopback address (the sandbox does). */
  readonly allowPrivateProviderUrls!: boolean;

  constructor(values: AppConfig) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}
