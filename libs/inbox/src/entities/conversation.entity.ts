import type { ConversationStatus } from '@concierge/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('conversation')
export class ConversationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') inboxId: string;
  @Column('uuid') contactChannelId: string;
  @Column('text') status: ConversationStatus;
  @Column('uuid', { nullable: true }) assigneeId: string | null;
  @Column('uuid', { nullable: true }) teamId: string | null;
  @Column('timestamptz', { nullable: true }) snoozedUntil: Date | null;
  @Column('timestamptz') lastActivityAt: Date;
  @Column('text', { nullable: true }) lastMessagePreview: string | null;
  /** When the provider's free-form reply window closes (WhatsApp: 24 h after the customer's last message). */
  @Column('timestamptz', { nullable: true }) customerWindowExpiresAt: Date | null;
  @Column('timestamptz', { nullable: true }) firstReplyAt: Date | null;
  /** Latest assistant reply (automation keeps quiet while a person is on it). */
  @Column('timestamptz', { nullable: true }) lastAgentReplyAt: Date | null;
  /** Latest automatic reply (the loop guard spaces them out). */
  @Column('timestamptz', { nullable: true }) lastBotReplyAt: Date | null;
  /** Customer messages of the current burst (see INBOUND_BURST_WINDOW_MS), and when it began. */
  @Column('timestamptz', { nullable: true }) inboundBurstStartedAt: Date | null;
  @Column('integer', { default: 0 }) inboundBurstCount: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
