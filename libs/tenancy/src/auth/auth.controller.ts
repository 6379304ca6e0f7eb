import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AgentDirectory } from '../agents/agent-directory.js';
import { AuthService } from './auth.service.js';
import { AgentProfileDto, LoginDto, LoginResponseDto } from './auth.dto.js';
import { AgentRoute, CurrentAgent } from './guards.js';
import { LoginThrottleGuard } from './login-throttle.guard.js';
import type { AgentPrincipal } from './principal.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly agents: AgentDirectory,
  ) {}

  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; retry later' })
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body.email, body.password);
  }

  @Get('me')
  @AgentRoute()
  @ApiOkResponse({ type: LoginResponseDto })
  async me(@CurrentAgent() agent: AgentPrincipal): Promise<{ agent: AgentProfileDto; accounts: LoginResponseDto['accounts'] }> {
    return { agent, accounts: await this.agents.accountsOf(agent.id) };
  }
}
