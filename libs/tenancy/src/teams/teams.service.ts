import { AppError, newId } from '@concierge/common';
import { isUniqueViolation } from '@concierge/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgentDirectory } from '../agents/agent-directory.js';
import { TeamEntity, TeamMemberEntity } from '../entities/index.js';

export interface TeamView {
  id: string;
  name: string;
  description: string | null;
  agentIds: string[];
}

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly agents: AgentDirectory,
  ) {}

  async list(accountId: string): Promise<TeamView[]> {
    const teams = await this.db.getRepository(TeamEntity).find({ where: { accountId }, order: { name: 'ASC' } });
    const members = await this.db.getRepository(TeamMemberEntity).findBy({ accountId });
    return teams.map((t) => this.view(t, members));
  }

  async get(accountId: string, teamId: string): Promise<TeamView> {
    const team = await this.db.getRepository(TeamEntity).findOneBy({ id: teamId, accountId });
    if (!team) throw AppError.notFound('Team');
    return this.view(team, await this.db.getRepository(TeamMemberEntity).findBy({ accountId, teamId }));
  }

  async create(accountId: string, input: { name: string; description?: string; agentIds?: string[] }): Promise<TeamView> {
    const id = newId();
    try {
      await this.db.getRepository(TeamEntity).insert({ id, accountId, name: input.name.trim(), description: input.description ?? null });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'A team with this name already exists');
      throw error;
    }
    if (input.agentIds) await this.setMembers(accountId, id, input.agentIds);
    return this.get(accountId, id);
  }

  async update(accountId: string, teamId: string, input: { name?: string; description?: string; agentIds?: string[] }): Promise<TeamView> {
    await this.get(accountId, teamId);
    if (input.name !== undefined || input.description !== undefined) {
      await this.db.getRepository(TeamEntity).update(
        { id: teamId, accountId },
        { ...(input.name !== undefined && { name: input.name.trim() }), ...(input.description !== undefined && { description: input.description }) },
      );
    }
    if (input.agentIds) await this.setMembers(accountId, teamId, input.agentIds);
    return this.get(accountId, teamId);
  }

  async remove(accountId: string, teamId: string): Promise<void> {
    const result = await this.db.getRepository(TeamEntity).delete({ id: teamId, accountId });
    if (!result.affected) throw AppError.notFound('Team');
  }

  async exists(accountId: string, teamId: string): Promise<boolean> {
    return (await this.db.getRepository(TeamEntity).countBy({ id: teamId, accountId })) > 0;
  }

  private async setMembers(accountId: string, teamId: string, agentIds: string[]): Promise<void> {
    const valid = await this.agents.agentIdsIn(accountId, agentIds);
    if (valid.length !== new Set(agentIds).size) throw AppError.notFound('Agent');
    await this.db.transaction(async (tx) => {
      await tx.getRepository(TeamMemberEntity).delete({ accountId, teamId });
      if (valid.length) await tx.getRepository(TeamMemberEntity).insert(valid.map((agentId) => ({ teamId, agentId, accountId })));
    });
  }

  private view(team: TeamEntity, members: TeamMemberEntity[]): TeamView {
    return {
      id: team.id,
      name: team.name,
      description: team.description,
      agentIds: members.filter((m) => m.teamId === team.id).map((m) => m.agentId),
    };
  }
}
