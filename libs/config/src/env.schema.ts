import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) ? true
    : ['0', 'false', 'no', 'off', ''].includes(value.toLowerCase()) ? false : value : value;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** The environment variables the hub reads, with their rules. Unknown variables are ignored. */
export class EnvSchema {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'PUBLIC_URL must be an http(s) URL such as https://chat.example.com' })
  PUBLIC_URL?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be between 1 and 200' })
  @Max(200, { message: 'DATABASE_POOL_SIZE must be between 1 and 200' })
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'EMBEDDED_PG_PORT must be an integer' })
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'SEED_DEMO must be true or false' })
  SEED_DEMO?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'DEMO_PASSWORD must be at least 8 characters' })
  DEMO_PASSWORD?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  /** Signs access tokens. Generated under DATA_DIR outside production. */
  @ValidateIf((env: EnvSchema) => env.NODE_ENV === 'production' || env.TOKEN_SECRET !== undefined)
  @IsString({ message: 'TOKEN_SECRET is required in production' })
  @MinLength(32, { message: 'TOKEN_SECRET must be at least 32 characters' })
  TOKEN_SECRET?: string;

  /** Encrypts stored provider credentials (AES-256-GCM): 32 bytes as 64 hex characters. */
  @ValidateIf((env: EnvSchema) => env.NODE_ENV === 'production' || env.ENCRYPTION_KEY !== undefined)
  @IsString({ message: 'ENCRYPTION_KEY is required in production' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'ENCRYPTION_KEY must be 64 hex characters (32 bytes)' })
  ENCRYPTION_KEY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'ACCESS_TOKEN_TTL_SECONDS must be an integer' })
  @Min(60)
  ACCESS_TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_RATE_LIMIT must be an integer' })
  @Min(1)
  LOGIN_RATE_LIMIT?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'RUN_PROCESSORS must be true or false' })
  RUN_PROCESSORS?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'OUTBOUND_CONCURRENCY must be an integer' })
  @Min(1, { message: 'OUTBOUND_CONCURRENCY must be between 1 and 1000' })
  @Max(1000, { message: 'OUTBOUND_CONCURRENCY must be between 1 and 1000' })
  OUTBOUND_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'OUTBOUND_RATE_PER_SECOND must be an integer' })
  @Min(1)
  @Max(1000)
  OUTBOUND_RATE_PER_SECOND?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'OUTBOUND_MAX_ATTEMPTS must be an integer' })
  @Min(1)
  @Max(50)
  OUTBOUND_MAX_ATTEMPTS?: number;

  /** How long a process's claim on a WhatsApp Web session lasts without renewal (renewed every third of it). */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'LIVE_SESSION_LEASE_SECONDS must be an integer' })
  @Min(2)
  @Max(300)
  LIVE_SESSION_LEASE_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MAX_MEDIA_BYTES must be an integer' })
  @Min(1024)
  MAX_MEDIA_BYTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'SANDBOX_PORT must be an integer (0 turns the sandbox off)' })
  @Min(0)
  @Max(65535)
  SANDBOX_PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  CHROMIUM_PATH?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'ALLOW_PRIVATE_PROVIDER_URLS must be true or false' })
  ALLOW_PRIVATE_PROVIDER_URLS?: boolean;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_:-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, _, : or -' })
  QUEUE_PREFIX?: string;

  /** Bearer token for GET /metrics. Without it /metrics is open outside production and off in production. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Video calls: STUN/TURN URLs for the browsers, comma-separated (stun:host:3478,turn:host:3478?transport=udp). */
  @IsOptional()
  @Matches(/^(stuns?|turns?):[^\s,]+(,\s*(stuns?|turns?):[^\s,]+)*$/, { message: 'ICE_SERVERS must be comma-separated stun:, stuns:, turn: or turns: URLs' })
  ICE_SERVERS?: string;

  @IsOptional()
  @IsString()
  TURN_USERNAME?: string;

  @IsOptional()
  @IsString()
  TURN_CREDENTIAL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'CALL_LINK_TTL_MINUTES must be an integer' })
  @Min(5)
  @Max(7 * 24 * 60)
  CALL_LINK_TTL_MINUTES?: number;

  /** LiveKit (SFU for group consultations): all three or none. */
  @ValidateIf((env: EnvSchema) => env.LIVEKIT_URL !== undefined || env.LIVEKIT_API_KEY !== undefined || env.LIVEKIT_API_SECRET !== undefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https', 'ws', 'wss'], require_protocol: true }, { message: 'LIVEKIT_URL must be the LiveKit server URL (https:// or wss://), set with LIVEKIT_API_KEY and LIVEKIT_API_SECRET' })
  LIVEKIT_URL?: string;

  @ValidateIf((env: EnvSchema) => env.LIVEKIT_URL !== undefined || env.LIVEKIT_API_SECRET !== undefined)
  @IsString({ message: 'LIVEKIT_API_KEY is required with LIVEKIT_URL' })
  @MinLength(1)
  LIVEKIT_API_KEY?: string;

  @ValidateIf((env: EnvSchema) => env.LIVEKIT_URL !== undefined || env.LIVEKIT_API_KEY !== undefined)
  @IsString({ message: 'LIVEKIT_API_SECRET is required with LIVEKIT_URL' })
  @MinLength(32, { message: 'LIVEKIT_API_SECRET must be at least 32 characters (LiveKit refuses shorter secrets)' })
  LIVEKIT_API_SECRET?: string;
}
