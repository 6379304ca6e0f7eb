import type { AgentRole } from '@concierge/contracts';

export interface AgentPrincipal {
  id: string;
  name: string;
  email: string;
}

/** The caller of a tenant route: who they are, which brand, with which role. */
export interface AccountContext {
  accountId: string;
  role: AgentRole;
  agent: AgentPrincipal;
}

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
  agent?: AgentPrincipal;
  account?: AccountContext;
}
