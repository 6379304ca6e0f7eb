import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig } from './app-config.js';
import { EnvSchema } from './env.schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
}

/**
 * Reads and validates the environment once. Every problem is reported together so an operator
 * fixes them in one go. Outside production, missing secrets are generated and kept in DATA_DIR.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = plainToInstance(EnvSchema, raw, { excludeExtraneousValues: false });
  const problems = describe(validateSync(parsed, { skipMissingProperties: false }));
  if (problems.length > 0) throw new ConfigError(problems);

  const nodeEnv = (parsed.NODE_ENV ?? 'development') as AppConfig['env'];
  const port = parsed.PORT ?? 3000;
  const dataDir = resolve(parsed.DATA_DIR ?? '.data');
  const secrets = resolveSecrets(dataDir, parsed);

  return new AppConfig({
    env: nodeEnv,
    port,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir,
    database: { url: parsed.DATABASE_URL ?? null, embeddedPort: parsed.EMBEDDED_PG_PORT ?? 54329, poolSize: parsed.DATABASE_POOL_SIZE ?? 10 },
    redisUrl: parsed.REDIS_URL ?? null,
    seedDemo: parsed.SEED_DEMO ?? nodeEnv !== 'production',
    demoPassword: parsed.DEMO_PASSWORD ?? null,
    logLevel: parsed.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    secrets,
    auth: {
      accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS ?? 12 * 3600,
      loginRateLimitPerMinute: parsed.LOGIN_RATE_LIMIT ?? 10,
    },
    limits: { maxTextLength: 4096, maxBodyBytes: 256 * 1024, maxMediaBytes: parsed.MAX_MEDIA_BYTES ?? 16 * 1024 * 1024 },
    outbound: {
      runProcessors: parsed.RUN_PROCESSORS ?? true,
      ratePerSecond: parsed.OUTBOUND_RATE_PER_SECOND ?? 20,
      concurrency: parsed.OUTBOUND_CONCURRENCY ?? 16,
      maxAttempts: parsed.OUTBOUND_MAX_ATTEMPTS ?? 8,
      // Namespaces the queue keys in a Redis shared by several deployments.
      queuePrefix: parsed.QUEUE_PREFIX ?? 'concierge',
    },
    liveSessions: { leaseSeconds: parsed.LIVE_SESSION_LEASE_SECONDS ?? 20 },
    // The sandbox fakes providers for the demo; a production hub never starts it unless asked.
    sandboxPort: parsed.SANDBOX_PORT === 0 ? null : (parsed.SANDBOX_PORT ?? (nodeEnv === 'production' || port === 0 ? null : port + 1)),
    chromiumPath: parsed.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // A brand admin must not aim the hub's authenticated provider calls at internal services in production.
    allowPrivateProviderUrls: parsed.ALLOW_PRIVATE_PROVIDER_URLS ?? nodeEnv !== 'production',
    metricsToken: parsed.METRICS_TOKEN ?? null,
    video: {
      iceServers: iceServers(parsed),
      linkTtlSeconds: (parsed.CALL_LINK_TTL_MINUTES ?? 60) * 60,
      livekit: parsed.LIVEKIT_URL ? { url: parsed.LIVEKIT_URL.replace(/\/+$/, ''), apiKey: parsed.LIVEKIT_API_KEY!, apiSecret: parsed.LIVEKIT_API_SECRET! } : null,
    },
  });
}

/** STUN servers as given; TURN servers carry the TURN credentials (browsers need both per entry). */
function iceServers(env: EnvSchema): AppConfig['video']['iceServers'] {
  const urls = (env.ICE_SERVERS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  const stun = urls.filter((u) => u.startsWith('stun'));
  const turn = urls.filter((u) => u.startsWith('turn'));
  return [
    ...(stun.length ? [{ urls: stun }] : []),
    ...(turn.length ? [{ urls: turn, ...(env.TURN_USERNAME && { username: env.TURN_USERNAME }), ...(env.TURN_CREDENTIAL && { credential: env.TURN_CREDENTIAL }) }] : []),
  ];
}

/** Demo and development secrets persist across restarts so tokens and stored credentials stay valid. */
function resolveSecrets(dataDir: string, env: EnvSchema): AppConfig['secrets'] {
  if (env.TOKEN_SECRET && env.ENCRYPTION_KEY) {
    return { tokenSecret: env.TOKEN_SECRET, encryptionKey: env.ENCRYPTION_KEY };
  }
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<AppConfig['secrets']> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<AppConfig['secrets']>;
  const secrets = {
    tokenSecret: env.TOKEN_SECRET ?? stored.tokenSecret ?? randomBytes(32).toString('base64url'),
    encryptionKey: env.ENCRYPTION_KEY ?? stored.encryptionKey ?? randomBytes(32).toString('hex'),
  };
  if (stored.tokenSecret !== secrets.tokenSecret || stored.encryptionKey !== secrets.encryptionKey) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** For entry points (hub, worker): a bad configuration prints every problem and exits 78 (EX_CONFIG). */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}
