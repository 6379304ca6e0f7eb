import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('team')
export class TeamEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('team_member')
export class TeamMemberEntity {
  @PrimaryColumn('uuid') teamId: string;
  @PrimaryColumn('uuid') agentId: string;
  @Column('uuid') accountId: string;
}
