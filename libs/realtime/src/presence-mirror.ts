import type { PresenceStatus } from '@concierge/contracts';
import { InstanceId, RedisConnections } from '@concierge/cluster';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';

const HEARTBEAT_MS = 10_000;
/** An instance that stops heartbeating (killed) drops out of everyone's view after this long. */
const EXPIRE_MS = 30_000;

interface PresenceMessage {
  from: string;
  accountId: string;
  agentId: string;
  status: PresenceStatus;
  /** The agent chose this status (online/busy): instances holding their other sockets adopt it. */
  chosen?: boolean;
}

type Entry = `${string}|${string}`;
const entry = (accountId: string, agentId: string): Entry => `${accountId}|${agentId}`;

/**
 * What the other instances know about presence, in REDIS_URL mode. Each instance keeps a Redis hash of
 * its own agents' statuses (expiring unless heartbeated, so a killed instance's agents go offline) and
 * announces every change on a channel; everyone mirrors the others in memory, so `Presence` answers
 * synchronously. Without Redis there are no other instances and this mirror stays empty.
 */
@Injectable()
export class PresenceMirror implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PresenceMirror.name);
  private readonly remote = new Map<string, Map<Entry, PresenceStatus>>();
  private redis: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly own = new Map<Entry, PresenceStatus>();
  /** Called when an agent chose a status on another instance. */
  onChosen: (accountId: string, agentId: string, status: PresenceStatus) => void = () => undefined;

  constructor(
    private readonly connections: RedisConnections,
    private readonly instance: InstanceId,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.connections.enabled) return;
    this.redis = this.connections.commands();
    const subscriber = this.connections.open('presence');
    subscriber.on('message', (_channel: string, raw: string) => this.receive(raw));
    await subscriber.subscribe(this.channel);
    await this.refresh();
    this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    // Leaving cleanly: the others drop this instance's agents now, not after the expiry.
    void this.redis?.del(this.hashKey(this.instance.value)).catch(() => undefined);
  }

  /** Statuses of the agent on the other instances (empty when offline there). */
  elsewhere(accountId: string, agentId: string): PresenceStatus[] {
    const key = entry(accountId, agentId);
    const out: PresenceStatus[] = [];
    for (const statuses of this.remote.values()) {
      const status = statuses.get(key);
      if (status) out.push(status);
    }
    return out;
  }

  /** Agents of a brand connected to other instances, with their status there. */
  *agentsElsewhere(accountId: string): Iterable<[string, PresenceStatus]> {
    const prefix = `${accountId}|`;
    for (const statuses of this.remote.values()) {
      for (const [key, status] of statuses) if (key.startsWith(prefix)) yield [key.slice(prefix.length), status];
    }
  }

  /** This instance's status for an agent changed (offline: their last socket here left). */
  publish(accountId: string, agentId: string, status: PresenceStatus, chosen = false): void {
    if (!this.redis) return;
    const key = entry(accountId, agentId);
    if (status === 'offline') this.own.delete(key);
    else this.own.set(key, status);
    const hash = this.hashKey(this.instance.value);
    const message: PresenceMessage = { from: this.instance.value, accountId, agentId, status, ...(chosen && { chosen }) };
    const write = status === 'offline' ? this.redis.multi().hdel(hash, key) : this.redis.multi().hset(hash, key, status);
    write.pexpire(hash, EXPIRE_MS).publish(this.channel, JSON.stringify(message)).exec()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Presence change not shared'));
  }

  private receive(raw: string): void {
    let message: PresenceMessage;
    try {
      message = JSON.parse(raw) as PresenceMessage;
    } catch {
      return;
    }
    if (message.from === this.instance.value) return;
    const statuses = this.remote.get(message.from) ?? new Map<Entry, PresenceStatus>();
    this.remote.set(message.from, statuses);
    if (message.status === 'offline') statuses.delete(entry(message.accountId, message.agentId));
    else statuses.set(entry(message.accountId, message.agentId), message.status);
    if (message.chosen) this.onChosen(message.accountId, message.agentId, message.status);
  }

  private async heartbeat(): Promise<void> {
    if (!this.redis) return;
    const hash = this.hashKey(this.instance.value);
    try {
      const tx = this.redis.multi().del(hash);
      if (this.own.size) tx.hset(hash, Object.fromEntries(this.own)).pexpire(hash, EXPIRE_MS);
      await tx.exec();
      await this.refresh();
    } catch (error) {
      this.logger.warn({ err: error }, 'Presence heartbeat failed');
    }
  }

  /** Re-reads every instance's hash: instances that stopped heartbeating are gone from Redis, so from here. */
  private async refresh(): Promise<void> {
    const redis = this.redis!;
    const seen = new Map<string, Map<Entry, PresenceStatus>>();
    const prefix = this.hashKey('');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200);
      cursor = next;
      for (const key of keys) {
        const from = key.slice(prefix.length);
        if (from === this.instance.value) continue;
        seen.set(from, new Map(Object.entries(await redis.hgetall(key)) as [Entry, PresenceStatus][]));
      }
    } while (cursor !== '0');
    this.remote.clear();
    for (const [from, statuses] of seen) this.remote.set(from, statuses);
  }

  private get channel(): string {
    return this.connections.key('presence-changes');
  }

  private hashKey(instance: string): string {
    return this.connections.key('presence', instance);
  }
}
