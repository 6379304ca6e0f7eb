import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { BusinessHours } from './hours/business-hours.js';
import type { AutomationSettings } from './settings/automation-settings.js';

@Entity('automation_inbox')
export class AutomationInboxEntity {
  @PrimaryColumn('uuid') inboxId: string;
  @Column('uuid') accountId: string;
  @Column('jsonb', { nullable: true }) businessHours: BusinessHours | null;
  @Column('jsonb', { default: {} }) settings: Partial<AutomationSettings>;
  @Column('uuid', { nullable: true }) rrLastAgentId: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('automation_faq')
export class FaqEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') inboxId: string;
  @Column('text') title: string;
  @Column('jsonb') phrases: Record<string, string[]>;
  @Column('jsonb') answers: Record<string, string>;
  @Column('boolean', { default: true }) enabled: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('automation_sla')
export class SlaEntity {
  @PrimaryColumn('uuid') conversationId: string;
  @Column('uuid') accountId: string;
  @Column('uuid') inboxId: string;
  @Column('timestamptz') startedAt: Date;
  @Column('integer') warnBeforeMinutes: number;
  @Column('integer', { nullable: true }) firstResponseMinutes: number | null;
  @Column('timestamptz', { nullable: true }) firstResponseDueAt: Date | null;
  @Column('timestamptz', { nullable: true }) firstResponseAt: Date | null;
  @Column('integer', { nullable: true }) firstResponseSeconds: number | null;
  @Column('timestamptz', { nullable: true }) firstResponseWarnedAt: Date | null;
  @Column('timestamptz', { nullable: true }) firstResponseBreachedAt: Date | null;
  @Column('integer', { nullable: true }) resolutionMinutes: number | null;
  @Column('timestamptz', { nullable: true }) resolutionDueAt: Date | null;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  @Column('integer', { nullable: true }) resolutionSeconds: number | null;
  @Column('timestamptz', { nullable: true }) resolutionWarnedAt: Date | null;
  @Column('timestamptz', { nullable: true }) resolutionBreachedAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const AUTOMATION_ENTITIES = [AutomationInboxEntity, FaqEntity, SlaEntity];
