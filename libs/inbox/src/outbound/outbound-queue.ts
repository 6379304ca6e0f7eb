import { ChannelError } from '@concierge/channels-core';
import { AppConfig } from '@concierge/config';
import { DatabaseUrl, isTransientDbError } from '@concierge/database';
import { HealthChecks, Metrics } from '@concierge/observability';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import bullmq, { type Job, type Processor, type Queue, type QueueOptions, type Worker, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { OutboundSender } from './outbound-sender.js';

const { DelayedError, createPostgresBackend, withBackend } = bullmq;

const QUEUE = 'outbound';
const SWEEP_EVERY_MS = 5_000;
/** Outbox rows older than this without an outcome are (re-)enqueued: the post-commit enqueue was lost. */
const SWEEP_AFTER_MS = 5_000;
/**
 * How long a caller (an agent's send request) waits for the enqueue. With Redis down, ioredis queues the
 * command until Redis is back: the agent's request hung for the whole outage (60 s in the reliability
 * suite). The outbox row is already committed, so the request returns and the add (or the sweeper) follows.
 */
const ENQUEUE_WAIT_MS = 2_000;
/**
 * A worker that dies mid-send leaves its job active until the lock lapses; the next stalled check then puts
 * it back. BullMQ's defaults (30 s lock, 30 s checks) left a killed worker's sends waiting up to a minute;
 * these bring it to 10–20 s. A running send renews its lock every LOCK_MS / 2.
 */
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;
/** A job whose worker died under it this often is given up, not retried: a poison message must not crash-loop the workers. */
const MAX_STALLS = 2;
const STALLED_OUT = 'stalled more than allowable limit';

interface OutboundJob {
  messageId: string;
}

/** Exponential backoff with jitter, or the provider's Retry-After when it gave one. */
export function retryDelayMs(attemptsMade: number, error: unknown): number {
  if (error instanceof ChannelError && error.retryAfterMs) return error.retryAfterMs;
  const base = Math.min(60_000, 1_000 * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * The durable outbound queue: BullMQ on PostgreSQL in single-node mode, on Redis when REDIS_URL is set.
 * The outbox table (written with each message) is the source of truth; the queue only schedules
 * attempts, and a sweeper re-enqueues anything whose post-commit enqueue was lost in a crash.
 */
@Injectable()
export class OutboundQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboundQueue.name);
  private queue: Queue<OutboundJob> | null = null;
  private worker: Worker<OutboundJob> | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private redis: Redis | null = null;
  private sweeping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly databaseUrl: DatabaseUrl,
    private readonly sender: OutboundSender,
    @InjectDataSource() private readonly db: DataSource,
    private readonly health: HealthChecks,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const backend = this.backend();
    this.queue = backend.queue({
      defaultJobOptions: { attempts: this.config.outbound.maxAttempts, backoff: { type: 'channel' }, removeOnComplete: true, removeOnFail: 1000 },
    });
    // Without a listener, a dropped database connection would surface as an uncaught 'error' event.
    this.queue.on('error', (error) => this.logger.warn({ err: error }, 'Outbound queue connection error'));
    await this.queue.waitUntilReady();
    const queue = this.queue;
    this.metrics.queueDepth(() => queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active') as Promise<Record<string, number>>);
    if (!this.config.outbound.runProcessors) return;
    this.worker = backend.worker((job, token) => this.process(job, token), {
      // Sends waiting on the provider's answer at once: throughput ≈ concurrency ÷ provider latency.
      concurrency: this.config.outbound.concurrency,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      maxStalledCount: MAX_STALLS,
      settings: { backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) => retryDelayMs(attemptsMade, error) },
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'Outbound worker error'));
    await this.worker.waitUntilReady();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
    void this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.worker?.close().catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
    this.redis?.disconnect();
  }

  /** Schedules delivery after the message and its outbox row are committed. Losing this call loses nothing. */
  async enqueue(messageId: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const added = this.queue!.add('send', { messageId }, { jobId: messageId }).then(
      () => undefined,
      (error: unknown) => this.logger.warn({ err: error, messageId }, 'Enqueue failed; the outbox sweeper will retry'),
    );
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ENQUEUE_WAIT_MS);
      timer.unref();
    });
    await Promise.race([added, waited]).finally(() => clearTimeout(timer));
  }

  private async process(job: Job<OutboundJob>, token?: string): Promise<void> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.sender.attempt(job.data.messageId, finalAttempt);
    if (outcome.kind === 'later') {
      await job.moveToDelayed(Date.now() + outcome.delayMs, token);
      throw new DelayedError();
    }
  }

  async sweep(): Promise<void> {
    // With Redis away each enqueue waits ENQUEUE_WAIT_MS: one sweep at a time, not one more every 5 s.
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const rows: { message_id: string }[] = await this.db.query(
        `SELECT message_id FROM outbox WHERE created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT 500`,
        [SWEEP_AFTER_MS / 1000],
      );
      for (const row of rows) await this.reschedule(row.message_id);
    } catch (error) {
      if (!isTransientDbError(error)) this.logger.error({ err: error }, 'Outbox sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * An outbox row outlived its schedule: the post-commit enqueue was lost, or the job ended without an
   * outcome. Waiting, delayed and active jobs will run on their own.
   */
  private async reschedule(messageId: string): Promise<void> {
    const state = await this.queue!.getJobState(messageId);
    if (state === 'unknown') return this.enqueue(messageId);
    if (state !== 'failed') return;
    const job = await this.queue!.getJob(messageId);
    if (job?.failedReason?.includes(STALLED_OUT)) {
      // It may have reached the customer before a crash: shown as failed for the agent to resend, never re-sent unseen.
      await this.sender.abandon(messageId, { code: 'UNKNOWN', message: 'Sending was interrupted by repeated restarts of the sender; it may or may not have reached the customer' });
      return;
    }
    // Attempts spent on errors that were not the provider's verdict (database or Redis away): start over.
    this.logger.warn({ messageId, reason: job?.failedReason }, 'Outbound job failed without an outcome; enqueued again');
    await job?.remove();
    await this.enqueue(messageId);
  }

  private backend(): {
    queue: (options: Omit<QueueOptions, 'connection'>) => Queue<OutboundJob>;
    worker: (processor: Processor<OutboundJob>, options: Omit<WorkerOptions, 'connection'>) => Worker<OutboundJob>;
  } {
    if (this.config.redisUrl) {
      const connection = (this.redis = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null }));
      const prefix = this.config.outbound.queuePrefix;
      this.health.register('redis', () => connection.ping());
      return {
        queue: (options) => new bullmq.Queue<OutboundJob>(QUEUE, { ...options, connection, prefix }),
        worker: (processor, options) => new bullmq.Worker<OutboundJob>(QUEUE, processor, { ...options, connection, prefix }),
      };
    }
    const { Queue, Worker } = withBackend(createPostgresBackend);
    const connection = { connectionString: this.databaseUrl.value, schema: 'bullmq', migrate: true, max: 6 };
    return {
      queue: (options) => new Queue<OutboundJob>(QUEUE, { ...options, connection }) as unknown as Queue<OutboundJob>,
      worker: (processor, options) => new Worker<OutboundJob>(QUEUE, processor as never, { ...options, connection }) as unknown as Worker<OutboundJob>,
    };
  }
}
