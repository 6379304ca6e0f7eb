import { RealtimePublisher } from '@concierge/contracts';
import { IdParam } from '@concierge/observability';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountRoute, AdminOnly, CurrentAccount } from '../auth/guards.js';
import type { AccountContext } from '../auth/principal.js';
import { AgentDirectory } from './agent-directory.js';
import { AddAgentDto, AgentDto, UpdateAgentDto } from './agents.dto.js';

@ApiTags('agents')
@Controller('api/v1/accounts/:accountId/agents')
@AccountRoute()
export class AgentsController {
  constructor(
    private readonly agents: AgentDirectory,
    private readonly realtime: RealtimePublisher,
  ) {}

  @Get()
  @ApiOkResponse({ type: [AgentDto] })
  list(@CurrentAccount() account: AccountContext): Promise<AgentDto[]> {
    return this.agents.members(account.accountId);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: AgentDto })
  add(@CurrentAccount() account: AccountContext, @Body() body: AddAgentDto): Promise<AgentDto> {
    return this.agents.addMember(account.accountId, body);
  }

  @Patch(':agentId')
  @AdminOnly()
  @ApiOkResponse({ type: AgentDto })
  async update(
    @CurrentAccount() account: AccountContext,
    @IdParam('agentId') agentId: string,
    @Body() body: UpdateAgentDto,
  ): Promise<AgentDto> {
    const updated = await this.agents.changeRole(account.accountId, agentId, body.role);
    // Their sockets joined rooms for the old role; reconnecting re-evaluates what they may see.
    this.realtime.disconnectAgent(agentId, account.accountId);
    return updated;
  }

  @Delete(':agentId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentAccount() account: AccountContext, @IdParam('agentId') agentId: string): Promise<void> {
    await this.agents.removeMember(account.accountId, agentId);
    this.realtime.disconnectAgent(agentId, account.accountId);
  }
}
