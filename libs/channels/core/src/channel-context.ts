/** Who and where: credentials arrive with every call, adapters keep no per-tenant state. */
export interface ChannelContext {
  accountId: string;
  inboxId: string;
  config: Record<string, unknown>;
  credentials: Record<string, unknown> | null;
}
