import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { AgentDirectory } from '../agents/agent-directory.js';
import { AccountMembershipDto } from '../auth/auth.dto.js';
import { AgentRoute, CurrentAgent } from '../auth/guards.js';
import type { AgentPrincipal } from '../auth/principal.js';

export class CreateAccountDto {
  @ApiProperty({ example: 'Maison Demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;
}

export class AccountDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

/** Brands. A distributor's agent can run several; creating one makes the caller its admin. */
@ApiTags('accounts')
@Controller('api/v1/accounts')
@AgentRoute()
export class AccountsController {
  constructor(private readonly agents: AgentDirectory) {}

  @Get()
  @ApiOkResponse({ type: [AccountMembershipDto] })
  list(@CurrentAgent() agent: AgentPrincipal): Promise<AccountMembershipDto[]> {
    return this.agents.accountsOf(agent.id);
  }

  @Post()
  @ApiCreatedResponse({ type: AccountDto })
  create(@Body() body: CreateAccountDto, @CurrentAgent() agent: AgentPrincipal): Promise<AccountDto> {
    return this.agents.createAccount(body.name, agent);
  }
}
