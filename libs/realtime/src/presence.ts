import { EventEmitter } from 'node:events';
import type { PresenceStatus } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import { PresenceMirror } from './presence-mirror.js';

export interface PresenceChange {
  accountId: string;
  agentId: string;
  status: PresenceStatus;
}

/** online beats busy beats offline: an agent with one tab online somewhere is online. */
function combine(statuses: PresenceStatus[]): PresenceStatus {
  if (statuses.includes('online')) return 'online';
  return statuses.includes('busy') ? 'busy' : 'offline';
}

/**
 * Who is connected, per brand, across the cluster: this process's sockets plus the other instances'
 * (PresenceMirror, REDIS_URL mode), so an agent online on hub A counts on hub B. `changes` fires in the
 * instance where the change happened (one reaction per change, not one per instance).
 */
@Injectable()
export class Presence {
  private readonly sockets = new Map<string, Map<string, Set<string>>>();
  /** Status of the agents with sockets in this process. */
  private readonly statuses = new Map<string, PresenceStatus>();
  /** Every status change (online, busy, offline) per brand; automation reassigns the conversations of agents who leave. */
  readonly changes = new EventEmitter<{ changed: [PresenceChange] }>();

  constructor(private readonly mirror: PresenceMirror) {
    mirror.onChosen = (accountId, agentId, status) => this.adopt(accountId, agentId, status);
  }

  /** Returns true when the agent just came online (their first socket in the brand, cluster-wide). */
  join(accountId: string, agentId: string, socketId: string): boolean {
    const before = this.status(accountId, agentId);
    const account = this.sockets.get(accountId) ?? new Map<string, Set<string>>();
    this.sockets.set(accountId, account);
    const set = account.get(agentId) ?? new Set<string>();
    account.set(agentId, set);
    set.add(socketId);
    if (set.size > 1) return false;
    // A new tab inherits the status the agent chose elsewhere (busy stays busy).
    this.statuses.set(`${accountId}:${agentId}`, before === 'offline' ? 'online' : before);
    this.mirror.publish(accountId, agentId, this.statuses.get(`${accountId}:${agentId}`)!);
    if (before !== 'offline') return false;
    this.changes.emit('changed', { accountId, agentId, status: this.status(accountId, agentId) });
    return true;
  }

  /** Returns true when the agent's last socket in the brand left (they went offline, cluster-wide). */
  leave(accountId: string, agentId: string, socketId: string): boolean {
    const set = this.sockets.get(accountId)?.get(agentId);
    if (!set) return false;
    set.delete(socketId);
    if (set.size > 0) return false;
    this.sockets.get(accountId)!.delete(agentId);
    this.statuses.delete(`${accountId}:${agentId}`);
    this.mirror.publish(accountId, agentId, 'offline');
    if (this.status(accountId, agentId) !== 'offline') return false;
    this.changes.emit('changed', { accountId, agentId, status: 'offline' });
    return true;
  }

  set(accountId: string, agentId: string, status: PresenceStatus): void {
    if (!this.sockets.get(accountId)?.has(agentId) || this.status(accountId, agentId) === status) return;
    this.statuses.set(`${accountId}:${agentId}`, status);
    this.mirror.publish(accountId, agentId, status, true);
    this.changes.emit('changed', { accountId, agentId, status });
  }

  status(accountId: string, agentId: string): PresenceStatus {
    const here = this.statuses.get(`${accountId}:${agentId}`);
    return combine([...(here ? [here] : []), ...this.mirror.elsewhere(accountId, agentId)]);
  }

  anyoneOnline(accountId: string): boolean {
    for (const key of this.statuses.keys()) if (key.startsWith(`${accountId}:`) && this.statuses.get(key) === 'online') return true;
    for (const [, status] of this.mirror.agentsElsewhere(accountId)) if (status === 'online') return true;
    return false;
  }

  /** The agent chose a status on another instance: their sockets here take it too. */
  private adopt(accountId: string, agentId: string, status: PresenceStatus): void {
    if (!this.sockets.get(accountId)?.has(agentId) || status === 'offline') return;
    this.statuses.set(`${accountId}:${agentId}`, status);
    this.mirror.publish(accountId, agentId, status);
  }
}
