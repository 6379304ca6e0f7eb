import { AccountEntity } from './account.entity.js';
import { AgentEntity } from './agent.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { TeamEntity, TeamMemberEntity } from './team.entity.js';

export { AccountEntity, AgentEntity, MembershipEntity, TeamEntity, TeamMemberEntity };
export const TENANCY_ENTITIES = [AccountEntity, AgentEntity, MembershipEntity, TeamEntity, TeamMemberEntity];
