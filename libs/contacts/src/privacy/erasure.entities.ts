import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The audit trail of an erasure: who, when and how many rows of each kind; no personal data. */
@Entity('contact_erasure')
export class ContactErasureEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  /** The erased contact's random id: resolves to nothing any more, lets an admin confirm a request was honoured. */
  @Column('uuid') contactId: string;
  @Column('uuid', { nullable: true }) erasedBy: string | null;
  @Column('timestamptz') erasedAt: Date;
  @Column('jsonb') counts: Record<string, number>;
}

/** A keyed hash of an erased address or provider message id on one inbox (see ErasureTombstones). */
@Entity('erasure_tombstone')
export class ErasureTombstoneEntity {
  @PrimaryColumn('uuid') inboxId: string;
  @PrimaryColumn('text') kind: 'address' | 'source';
  @PrimaryColumn('text') hash: string;
  @Column('uuid') accountId: string;
  @Column('timestamptz') erasedAt: Date;
}
