import type { NotificationType } from '@concierge/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Labels, canned responses, notifications, read markers and templates: the agent inbox's working tools. */
@Entity('label')
export class LabelEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('text') name: string;
  @Column('text') color: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('conversation_label')
export class ConversationLabelEntity {
  @PrimaryColumn('uuid') conversationId: string;
  @PrimaryColumn('uuid') labelId: string;
  @Column('uuid') accountId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('canned_response')
export class CannedResponseEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('text') shortCode: string;
  @Column('text') content: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('notification')
export class NotificationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') agentId: string;
  @Column('text') type: NotificationType;
  @Column('uuid') conversationId: string;
  @Column('uuid', { nullable: true }) messageId: string | null;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text', { nullable: true }) actorName: string | null;
  @Column('text', { nullable: true }) preview: string | null;
  @Column('timestamptz', { nullable: true }) readAt: Date | null;
  /** Set from the clock (millisecond precision) so keyset cursors round-trip exactly. */
  @Column('timestamptz') createdAt: Date;
}

@Entity('conversation_read')
export class ConversationReadEntity {
  @PrimaryColumn('uuid') agentId: string;
  @PrimaryColumn('uuid') conversationId: string;
  @Column('uuid') accountId: string;
  @Column('bigint') lastReadSeq: string;
  @Column('timestamptz') readAt: Date;
}

@Entity('message_template')
export class MessageTemplateEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') inboxId: string;
  @Column('text') name: string;
  @Column('text') language: string;
  @Column('text') body: string;
  @Column('text', { nullable: true }) providerTemplateId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
