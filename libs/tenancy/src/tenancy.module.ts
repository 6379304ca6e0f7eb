import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsController } from './accounts/accounts.controller.js';
import { AgentDirectory } from './agents/agent-directory.js';
import { AgentsController } from './agents/agents.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { AccountAccessGuard, AgentAuthGuard } from './auth/guards.js';
import { LoginThrottleGuard } from './auth/login-throttle.guard.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { TokenService } from './auth/token.service.js';
import { TENANCY_ENTITIES } from './entities/index.js';
import { TeamsController } from './teams/teams.controller.js';
import { TeamsService } from './teams/teams.service.js';

@Module({
  imports: [TypeOrmModule.forFeature(TENANCY_ENTITIES)],
  controllers: [AuthController, AccountsController, AgentsController, TeamsController],
  providers: [PasswordHasher, TokenService, AuthService, AgentDirectory, TeamsService, AgentAuthGuard, AccountAccessGuard, LoginThrottleGuard],
  exports: [AuthService, AgentDirectory, TeamsService, PasswordHasher, AgentAuthGuard, AccountAccessGuard],
})
export class TenancyModule {}
