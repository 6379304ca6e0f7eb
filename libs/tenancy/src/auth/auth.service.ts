import { AppError } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { AgentDirectory } from '../agents/agent-directory.js';
import { PasswordHasher } from './password-hasher.js';
import type { AccountContext, AgentPrincipal } from './principal.js';
import { TokenService } from './token.service.js';

export interface LoginResult {
  accessToken: string;
  agent: AgentPrincipal;
  accounts: { id: string; name: string; role: 'admin' | 'agent' }[];
}

@Injectable()
export class AuthService {
  constructor(
    private readonly agents: AgentDirectory,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const agent = await this.agents.findByEmail(email);
    const ok = await this.hasher.verify(agent?.passwordHash, password);
    if (!agent || !ok) throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    return {
      accessToken: await this.tokens.sign({ agentId: agent.id, tokenVersion: agent.tokenVersion }),
      agent: { id: agent.id, name: agent.name, email: agent.email },
      accounts: await this.agents.accountsOf(agent.id),
    };
  }

  /** Resolves a bearer token to a live agent; revoked (older version) tokens are refused. */
  async authenticate(token: string | undefined): Promise<AgentPrincipal> {
    if (!token) throw AppError.unauthenticated();
    const claims = await this.tokens.verify(token);
    const agent = await this.agents.cachedById(claims.agentId);
    if (!agent || agent.tokenVersion !== claims.tokenVersion) throw AppError.unauthenticated('Invalid or expired access token');
    return { id: agent.id, name: agent.name, email: agent.email };
  }

  /** Membership check for tenant routes and sockets: a brand the agent is not in does not exist (404). */
  async accountContext(agent: AgentPrincipal, accountId: string | undefined): Promise<AccountContext> {
    const role = accountId && /^[0-9a-f-]{36}$/i.test(accountId) ? await this.agents.cachedRoleIn(accountId, agent.id) : null;
    if (!accountId || !role) throw AppError.notFound('Account');
    return { accountId, role, agent };
  }
}
