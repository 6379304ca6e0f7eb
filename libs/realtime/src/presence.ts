import { EventEmitter } from 'node:events';
import type { PresenceStatus } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';

export interface PresenceChange {
  accountId: string;
  agentId: string;
  status: PresenceStatus;
}

/** Who is connected, per brand. In-process for a single node (Redis-backed when scaled out). */
@Injectable()
export class Presence {
  private readonly sockets = new Map<string, Map<string, Set<string>>>();
  private readonly statuses = new Map<string, PresenceStatus>();
  /** Every status change (online, busy, offline) per brand; automation reassigns the conversations of agents who leave. */
  readonly changes = new EventEmitter<{ changed: [PresenceChange] }>();

  /** Returns true when this is the agent's first socket in the brand (they just came online). */
  join(accountId: string, agentId: string, socketId: string): boolean {
    const account = this.sockets.get(accountId) ?? new Map<string, Set<string>>();
    this.sockets.set(accountId, account);
    const set = account.get(agentId) ?? new Set<string>();
    account.set(agentId, set);
    set.add(socketId);
    if (set.size === 1 && !this.statuses.has(`${accountId}:${agentId}`)) this.statuses.set(`${accountId}:${agentId}`, 'online');
    if (set.size === 1) this.changes.emit('changed', { accountId, agentId, status: this.status(accountId, agentId) });
    return set.size === 1;
  }

  /** Returns true when the agent's last socket in the brand left (they went offline). */
  leave(accountId: string, agentId: string, socketId: string): boolean {
    const set = this.sockets.get(accountId)?.get(agentId);
    if (!set) return false;
    set.delete(socketId);
    if (set.size > 0) return false;
    this.sockets.get(accountId)!.delete(agentId);
    this.statuses.delete(`${accountId}:${agentId}`);
    this.changes.emit('changed', { accountId, agentId, status: 'offline' });
    return true;
  }

  set(accountId: string, agentId: string, status: PresenceStatus): void {
    if (!this.sockets.get(accountId)?.has(agentId) || this.status(accountId, agentId) === status) return;
    this.statuses.set(`${accountId}:${agentId}`, status);
    this.changes.emit('changed', { accountId, agentId, status });
  }

  status(accountId: string, agentId: string): PresenceStatus {
    return this.statuses.get(`${accountId}:${agentId}`) ?? 'offline';
  }

  anyoneOnline(accountId: string): boolean {
    const account = this.sockets.get(accountId);
    return !!account && [...account.keys()].some((agentId) => this.status(accountId, agentId) === 'online');
  }
}
