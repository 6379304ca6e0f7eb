import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AddressKind, ContactAttributes, MergeReason, MergeSnapshot } from './contact-fields.js';

@Entity('contact')
export class ContactEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('text', { nullable: true }) name: string | null;
  @Column('text', { nullable: true }) email: string | null;
  /** E.164. */
  @Column('text', { nullable: true }) phone: string | null;
  @Column('jsonb', { default: {} }) attributes: ContactAttributes;
  /** Set on a contact merged into another: a tombstone kept only so the merge can be undone. */
  @Column('uuid', { nullable: true }) mergedIntoId: string | null;
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
  @Column('text') kind: AddressKind;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('contact_merge')
export class ContactMergeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('uuid') survivorContactId: string;
  @Column('uuid', { nullable: true }) mergedContactId: string | null;
  @Column('uuid', { array: true }) channelIds: string[];
  @Column('text') reason: MergeReason;
  @Column('jsonb') snapshot: MergeSnapshot;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @Column('timestamptz', { nullable: true }) undoneAt: Date | null;
  @Column('uuid', { nullable: true }) undoneBy: string | null;
}
