import type { AgentServerEvents, WebchatServerEvents } from './realtime-events.js';

/**
 * Domain code publishes through this port; the socket.io gateways implement it in-process,
 * and a Redis emitter implements it for scaled deployments, so workers can publish too.
 */
export interface AgentAudience {
  accountId: string;
  /** Agents who can see this inbox (members and the account's admins). */
  inboxId?: string;
  /** A single agent (mentions, assignment notices, forced logout). */
  agentId?: string;
}

export abstract class RealtimePublisher {
  abstract toAgents<E extends keyof AgentServerEvents>(
    audience: AgentAudience,
    event: E,
    payload: Parameters<AgentServerEvents[E]>[0],
  ): void;

  abstract toVisitor<E extends keyof WebchatServerEvents>(
    contactChannelId: string,
    event: E,
    payload: Parameters<WebchatServerEvents[E]>[0],
  ): void;

  /** Drop an agent's sockets (removed from a brand, demoted, logged out). */
  abstract disconnectAgent(agentId: string, accountId?: string): void;
}
