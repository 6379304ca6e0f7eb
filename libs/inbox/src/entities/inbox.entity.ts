/** Non-secret channel settings (jsonb). */
export type ChannelConfig = Record<string, string | number | boolean | string[] | null>;

import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A connected channel: a website widget, a WhatsApp number, an SMS number. */
@Entity('inbox')
export class InboxEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('text') name: string;
  @Column('text') channelType: string;
  /** Non-secret settings, validated per channel type. */
  @Column('jsonb', { default: {} }) channelConfig: ChannelConfig;
  /** Secrets sealed with the hub's encryption key (SecretBox); never returned by the API. */
  @Column('text', { nullable: true }) credentials: string | null;
  @Column('text', { nullable: true }) websiteToken: string | null;
  /** `paused` when the provider rejected our credentials; sends are refused until an admin fixes them. */
  @Column('text', { default: 'active' }) status: 'active' | 'paused';
  @Column('text', { nullable: true }) statusDetail: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('inbox_member')
export class InboxMemberEntity {
  @PrimaryColumn('uuid') inboxId: string;
  @PrimaryColumn('uuid') agentId: string;
  @Column('uuid') accountId: string;
}
