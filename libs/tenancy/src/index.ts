export { TenancyModule } from './tenancy.module.js';
export { AuthService } from './auth/auth.service.js';
export { AgentDirectory, type MemberView } from './agents/agent-directory.js';
export { TeamsService } from './teams/teams.service.js';
export { PasswordHasher } from './auth/password-hasher.js';
export { AccountRoute, AdminOnly, AgentRoute, CurrentAccount, CurrentAgent, bearerToken } from './auth/guards.js';
export type { AccountContext, AgentPrincipal } from './auth/principal.js';
