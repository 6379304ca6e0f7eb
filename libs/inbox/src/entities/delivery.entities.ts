import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Media received from or sent to customers, kept by the hub (provider media ids expire). */
@Entity('attachment')
export class AttachmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('uuid', { nullable: true }) inboxId: string | null;
  @Column('text') mimeType: string;
  @Column('text', { nullable: true }) filename: string | null;
  @Column('integer') sizeBytes: number;
  @Column('text') sha256: string;
  @Column({ type: 'bytea', select: false }) data: Buffer;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** SMS STOP / START state of one customer address on one number. */
@Entity('channel_consent')
export class ChannelConsentEntity {
  @PrimaryColumn('uuid') contactChannelId: string;
  @Column('uuid') accountId: string;
  @Column('uuid') inboxId: string;
  @Column('boolean') optedOut: boolean;
  @Column('text') keyword: string;
  @Column('timestamptz') updatedAt: Date;
}

@Entity('webhook_quarantine')
export class WebhookQuarantineEntity {
  @PrimaryColumn({ type: 'bigint', insert: false, update: false }) id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') inboxId: string;
  @Column('text') reason: string;
  @Column('jsonb', { nullable: true }) raw: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) receivedAt: Date;
}

/** An outbound message waiting for its channel outcome; written with the message, in one transaction. */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryColumn('uuid') messageId: string;
  @Column('uuid') accountId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('pending_status')
export class PendingStatusEntity {
  @PrimaryColumn({ type: 'bigint', insert: false, update: false }) id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') inboxId: string;
  @Column('text') sourceId: string;
  @Column('text') status: string;
  @Column('text', { nullable: true }) errorCode: string | null;
  @Column('text', { nullable: true }) errorMessage: string | null;
  @Column('timestamptz') occurredAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) receivedAt: Date;
}
