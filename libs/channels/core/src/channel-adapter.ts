import type { MessageContent, MessageContentType, VisitorMessageView } from '@concierge/contracts';

export interface ChannelCapabilities {
  /** Content types the channel renders natively; everything else goes through `degrade()`. */
  contentTypes: readonly MessageContentType[];
  /** Longest text body the channel accepts. */
  maxTextLength: number;
}

/** Everything an adapter needs for one send. Adapters are stateless: credentials come with each call. */
export interface OutboundRequest {
  accountId: string;
  inboxId: string;
  config: Record<string, unknown>;
  credentials: Record<string, unknown> | null;
  recipient: { contactChannelId: string; address: string };
  message: VisitorMessageView;
}

export interface OutboundResult {
  /** The provider's id for the message (for status callbacks), when it has one. */
  sourceId: string | null;
  status: 'sent' | 'queued' | 'delivered';
}

/** One per channel type; looked up by the registry. Throws ChannelError on failure. */
export abstract class ChannelAdapter {
  abstract readonly type: string;
  abstract readonly capabilities: ChannelCapabilities;
  abstract send(request: OutboundRequest): Promise<OutboundResult>;
}

export function supports(capabilities: ChannelCapabilities, content: MessageContent): boolean {
  return capabilities.contentTypes.includes(content.type);
}
