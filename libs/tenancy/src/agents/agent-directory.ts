import { AppError, newId } from '@concierge/common';
import type { AgentRole, AgentSummary } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher.js';
import type { AgentPrincipal } from '../auth/principal.js';
import { AccountEntity, AgentEntity, MembershipEntity } from '../entities/index.js';
import { ShortCache } from './short-cache.js';

/**
 * How long another instance may still honour a membership that was changed or removed elsewhere (this
 * instance forgets it at once). Agent rows themselves are never updated nor deleted by the hub.
 */
const MEMBERSHIP_TTL_MS = 2_000;

export interface MemberView {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
}

/** Agents and their memberships in brands. The one place other libs ask "who is this agent here?". */
@Injectable()
export class AgentDirectory {
  /** Every authenticated request resolves its agent and role: kept briefly (see MEMBERSHIP_TTL_MS). */
  private readonly agentCache = new ShortCache<AgentEntity | null>(MEMBERSHIP_TTL_MS);
  private readonly roleCache = new ShortCache<AgentRole | null>(MEMBERSHIP_TTL_MS);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  findByEmail(email: string): Promise<AgentEntity | null> {
    return this.db.getRepository(AgentEntity).createQueryBuilder('a').where('lower(a.email) = lower(:email)', { email }).getOne();
  }

  findById(id: string): Promise<AgentEntity | null> {
    return this.db.getRepository(AgentEntity).findOneBy({ id });
  }

  /** `findById` for authentication (token version check), answered from the short cache. */
  cachedById(id: string): Promise<AgentEntity | null> {
    return this.agentCache.get(id, () => this.findById(id));
  }

  async roleIn(accountId: string, agentId: string): Promise<AgentRole | null> {
    const m = await this.db.getRepository(MembershipEntity).findOneBy({ accountId, agentId });
    return m?.role ?? null;
  }

  /** `roleIn` for the tenant-route guard, answered from the short cache. */
  cachedRoleIn(accountId: string, agentId: string): Promise<AgentRole | null> {
    return this.roleCache.get(`${accountId}:${agentId}`, () => this.roleIn(accountId, agentId));
  }

  private membershipChanged(accountId: string, agentId: string): void {
    this.roleCache.delete(`${accountId}:${agentId}`);
    this.agentCache.delete(agentId);
  }

  async accountsOf(agentId: string): Promise<{ id: string; name: string; role: AgentRole }[]> {
    const rows = await this.db
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .innerJoin(AccountEntity, 'a', 'a.id = m.account_id')
      .select(['a.id AS id', 'a.name AS name', 'm.role AS role'])
      .where('m.agent_id = :agentId', { agentId })
      .orderBy('a.name', 'ASC')
      .getRawMany<{ id: string; name: string; role: AgentRole }>();
    return rows;
  }

  members(accountId: string): Promise<MemberView[]> {
    return this.memberQuery(accountId).orderBy('a.name', 'ASC').getRawMany<MemberView>();
  }

  async member(accountId: string, agentId: string): Promise<MemberView> {
    const found = await this.memberQuery(accountId).andWhere('m.agent_id = :agentId', { agentId }).getRawOne<MemberView>();
    if (!found) throw AppError.notFound('Agent');
    return found;
  }

  private memberQuery(accountId: string) {
    return this.db
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .innerJoin(AgentEntity, 'a', 'a.id = m.agent_id')
      .select(['a.id AS id', 'a.name AS name', 'a.email AS email', 'm.role AS role'])
      .where('m.account_id = :accountId', { accountId });
  }

  /** Names of agents that belong to the account; ids of other brands' agents are silently dropped. */
  async summaries(accountId: string, ids: string[]): Promise<Map<string, AgentSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .innerJoin(AgentEntity, 'a', 'a.id = m.agent_id')
      .select(['a.id AS id', 'a.name AS name'])
      .where('m.account_id = :accountId AND m.agent_id IN (:...ids)', { accountId, ids: unique })
      .getRawMany<AgentSummary>();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Adds an agent to a brand, creating their login if the email is new. */
  async addMember(
    accountId: string,
    input: { name: string; email: string; role: AgentRole; password?: string },
  ): Promise<MemberView> {
    const member = await this.db.transaction(async (tx) => {
      let agent = await tx
        .getRepository(AgentEntity)
        .createQueryBuilder('a')
        .where('lower(a.email) = lower(:email)', { email: input.email })
        .setLock('pessimistic_write')
        .getOne();
      if (!agent) {
        if (!input.password) {
          throw AppError.validation('A password is required for a new agent', [
            { field: 'password', messages: ['password is required when the email has no login yet'] },
          ]);
        }
        agent = await tx.getRepository(AgentEntity).save({
          id: newId(),
          email: input.email.trim(),
          name: input.name.trim(),
          passwordHash: await this.hasher.hash(input.password),
          tokenVersion: 0,
        });
      }
      const existing = await tx.getRepository(MembershipEntity).findOneBy({ accountId, agentId: agent.id });
      if (existing) throw new AppError('CONFLICT', 'This agent already belongs to the brand');
      await tx.getRepository(MembershipEntity).insert({ id: newId(), accountId, agentId: agent.id, role: input.role });
      return { id: agent.id, name: agent.name, email: agent.email, role: input.role };
    });
    // After the commit: a look-up that read the old state meanwhile is not kept (see ShortCache).
    this.membershipChanged(accountId, member.id);
    return member;
  }

  async changeRole(accountId: string, agentId: string, role: AgentRole): Promise<MemberView> {
    await this.assertNotLastAdmin(accountId, agentId, role);
    const result = await this.db.getRepository(MembershipEntity).update({ accountId, agentId }, { role });
    this.membershipChanged(accountId, agentId);
    if (!result.affected) throw AppError.notFound('Agent');
    return this.member(accountId, agentId);
  }

  async removeMember(accountId: string, agentId: string): Promise<void> {
    await this.assertNotLastAdmin(accountId, agentId, null);
    const result = await this.db.getRepository(MembershipEntity).delete({ accountId, agentId });
    this.membershipChanged(accountId, agentId);
    if (!result.affected) throw AppError.notFound('Agent');
  }

  /** The brand's display name (public pages such as the pay page show it). */
  async accountName(accountId: string): Promise<string | null> {
    return (await this.db.getRepository(AccountEntity).findOneBy({ id: accountId }))?.name ?? null;
  }

  async createAccount(name: string, owner: AgentPrincipal): Promise<{ id: string; name: string }> {
    const id = newId();
    await this.db.transaction(async (tx) => {
      await tx.getRepository(AccountEntity).insert({ id, name: name.trim() });
      await tx.getRepository(MembershipEntity).insert({ id: newId(), accountId: id, agentId: owner.id, role: 'admin' });
    });
    this.membershipChanged(id, owner.id);
    return { id, name: name.trim() };
  }

  /** A new brand with its first admin (sign-up, demo seed). */
  async addFirstAdmin(input: { name: string; email: string; password: string; accountName: string }): Promise<{ accountId: string; agent: AgentPrincipal }> {
    const accountId = newId();
    await this.db.getRepository(AccountEntity).insert({ id: accountId, name: input.accountName });
    const member = await this.addMember(accountId, { name: input.name, email: input.email, role: 'admin', password: input.password });
    return { accountId, agent: { id: member.id, name: member.name, email: member.email } };
  }

  async agentIdsIn(accountId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.getRepository(MembershipEntity).findBy({ accountId, agentId: In(ids) });
    return rows.map((r) => r.agentId);
  }

  /** Role of each given agent in the brand; agents of other brands are left out. */
  async rolesIn(accountId: string, ids: string[]): Promise<Map<string, AgentRole>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.getRepository(MembershipEntity).findBy({ accountId, agentId: In(unique) });
    return new Map(rows.map((r) => [r.agentId, r.role]));
  }

  /** A brand must keep at least one admin, or nobody could manage it. */
  private async assertNotLastAdmin(accountId: string, agentId: string, newRole: AgentRole | null): Promise<void> {
    if (newRole === 'admin') return;
    const admins = await this.db.getRepository(MembershipEntity).findBy({ accountId, role: 'admin' });
    if (admins.length === 1 && admins[0]!.agentId === agentId) {
      throw new AppError('CONFLICT', 'A brand needs at least one admin');
    }
  }
}
