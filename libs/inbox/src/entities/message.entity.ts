import type { DeliveryStatus, MessageContent, MessageDirection, MessageKind, SenderType } from '@concierge/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('message')
export class MessageEntity {
  @PrimaryColumn('uuid') id: string;
  /** Insertion order (identity column): the stable per-conversation order and the history cursor. */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('uuid') accountId: string;
  @Column('uuid') inboxId: string;
  @Column('uuid') conversationId: string;
  @Column('text') direction: MessageDirection;
  @Column('text') kind: MessageKind;
  @Column('text') senderType: SenderType;
  @Column('uuid', { nullable: true }) senderId: string | null;
  /** Display name at send time, so history renders without joins. */
  @Column('text', { nullable: true }) senderName: string | null;
  @Column('jsonb') content: MessageContent;
  /** Cached projection of the status-event log (highest rank wins). */
  @Column('text') status: DeliveryStatus;
  @Column('jsonb', { nullable: true }) error: { code: string; message: string } | null;
  /** Provider id (wamid, MessageSid, web-chat client id); unique per inbox. */
  @Column('text', { nullable: true }) sourceId: string | null;
  @Column('text', { nullable: true }) clientMessageId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('message_status_event')
export class MessageStatusEventEntity {
  @PrimaryColumn({ type: 'bigint', insert: false, update: false }) id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') messageId: string;
  @Column('text') status: DeliveryStatus;
  @Column('text', { nullable: true }) errorCode: string | null;
  @Column('text', { nullable: true }) errorMessage: string | null;
  @Column('timestamptz') occurredAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
