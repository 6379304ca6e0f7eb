import { RealtimePublisher, type AgentAudience, type AgentServerEvents, type WebchatServerEvents } from '@concierge/contracts';
import { Metrics } from '@concierge/observability';
import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

export const rooms = {
  account: (accountId: string) => `account:${accountId}`,
  admins: (accountId: string) => `admins:${accountId}`,
  inbox: (inboxId: string) => `inbox:${inboxId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  visitor: (contactChannelId: string) => `visitor:${contactChannelId}`,
};

/**
 * In-process implementation of the publishing port on top of the socket.io namespaces.
 * Inbox events go to the inbox's members and the brand's admins; socket.io de-duplicates sockets in both rooms.
 */
@Injectable()
export class SocketPublisher extends RealtimePublisher {
  private agents: Namespace | undefined;
  private visitors: Namespace | undefined;

  constructor(metrics: Metrics) {
    super();
    metrics.sockets(() => ({ inbox: this.agents?.sockets.size ?? 0, webchat: this.visitors?.sockets.size ?? 0 }));
  }

  attach(kind: 'agents' | 'visitors', namespace: Namespace): void {
    this[kind] = namespace;
  }

  toAgents<E extends keyof AgentServerEvents>(audience: AgentAudience, event: E, payload: Parameters<AgentServerEvents[E]>[0]): void {
    if (!this.agents) return;
    const target = audience.agentId
      ? [rooms.agent(audience.agentId)]
      : audience.inboxId
        ? [rooms.inbox(audience.inboxId), rooms.admins(audience.accountId)]
        : [rooms.account(audience.accountId)];
    (this.agents.to(target).emit as (e: string, p: unknown) => boolean)(event, payload);
  }

  toVisitor<E extends keyof WebchatServerEvents>(contactChannelId: string, event: E, payload: Parameters<WebchatServerEvents[E]>[0]): void {
    (this.visitors?.to(rooms.visitor(contactChannelId)).emit as ((e: string, p: unknown) => boolean) | undefined)?.(event, payload);
  }

  disconnectAgent(agentId: string): void {
    this.agents?.in(rooms.agent(agentId)).disconnectSockets(true);
  }
}
