import type { AgentRole } from '@concierge/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('membership')
export class MembershipEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') agentId: string;
  @Column('text') role: AgentRole;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
