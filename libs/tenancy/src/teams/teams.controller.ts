import { IdParam } from '@concierge/observability';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AccountRoute, AdminOnly, CurrentAccount } from '../auth/guards.js';
import type { AccountContext } from '../auth/principal.js';
import { TeamsService } from './teams.service.js';

export class CreateTeamDto {
  @ApiProperty({ example: 'Boutique Shanghai' })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  agentIds?: string[];
}

export class UpdateTeamDto extends PartialType(CreateTeamDto) {}

export class TeamDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [String] }) agentIds: string[];
}

@ApiTags('teams')
@Controller('api/v1/accounts/:accountId/teams')
@AccountRoute()
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOkResponse({ type: [TeamDto] })
  list(@CurrentAccount() account: AccountContext): Promise<TeamDto[]> {
    return this.teams.list(account.accountId);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: TeamDto })
  create(@CurrentAccount() account: AccountContext, @Body() body: CreateTeamDto): Promise<TeamDto> {
    return this.teams.create(account.accountId, body);
  }

  @Get(':teamId')
  @ApiOkResponse({ type: TeamDto })
  get(@CurrentAccount() account: AccountContext, @IdParam('teamId') teamId: string): Promise<TeamDto> {
    return this.teams.get(account.accountId, teamId);
  }

  @Patch(':teamId')
  @AdminOnly()
  @ApiOkResponse({ type: TeamDto })
  update(@CurrentAccount() account: AccountContext, @IdParam('teamId') teamId: string, @Body() body: UpdateTeamDto): Promise<TeamDto> {
    return this.teams.update(account.accountId, teamId, body);
  }

  @Delete(':teamId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentAccount() account: AccountContext, @IdParam('teamId') teamId: string): Promise<void> {
    return this.teams.remove(account.accountId, teamId);
  }
}
