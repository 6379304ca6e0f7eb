export type ContactAttributes = Record<string, string | number | boolean | null>;

import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('contact')
export class ContactEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('text', { nullable: true }) name: string | null;
  @Column('text', { nullable: true }) email: string | null;
  /** E.164. */
  @Column('text', { nullable: true }) phone: string | null;
  @Column('jsonb', { default: {} }) attributes: ContactAttributes;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A contact's address on one inbox: a phone, a WhatsApp id, a web visitor. Unique per inbox. */
@Entity('contact_channel')
export class ContactChannelEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') contactId: string;
  @Column('uuid') inboxId: string;
  @Column('text') address: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
