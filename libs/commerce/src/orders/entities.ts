import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { FriendlyStatus, OrderItem } from './order.types.js';

/** The built-in store's orders (the demo, and brands without an external shop). */
@Entity('store_order')
export class StoreOrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('text') number: string;
  @Column('text', { nullable: true }) customerName: string | null;
  /** Lower-case. */
  @Column('text', { nullable: true }) customerEmail: string | null;
  /** E.164. */
  @Column('text', { nullable: true }) customerPhone: string | null;
  @Column('text') status: FriendlyStatus;
  @Column('jsonb', { default: [] }) items: OrderItem[];
  @Column('numeric', { precision: 12, scale: 2 }) totalAmount: string;
  @Column('text') currency: string;
  @Column('text', { nullable: true }) trackingUrl: string | null;
  @Column('text', { nullable: true }) trackingCarrier: string | null;
  /** The conversation a checkout link was sent in: order updates go back there. */
  @Column('uuid', { nullable: true }) conversationId: string | null;
  /** sha256 of the pay link's token (the token itself is only in the link). */
  @Column('text', { nullable: true }) payTokenHash: string | null;
  @Column('timestamptz', { nullable: true }) payExpiresAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** Which store back-end answers a brand's order questions. Secrets are sealed (SecretBox) and never returned. */
@Entity('store_connection')
export class StoreConnectionEntity {
  @PrimaryColumn('uuid') accountId: string;
  @Column('text') provider: string;
  @Column('jsonb', { default: {} }) config: Record<string, string>;
  @Column('text', { nullable: true }) credentials: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A one-time code sent to an order's own phone: proves that the contact who asks owns the order. */
@Entity('order_challenge')
export class OrderChallengeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  /** The contact who asked (and must type the code). */
  @Column('uuid') contactId: string;
  @Column('text') orderNumber: string;
  @Column('text') codeHash: string;
  @Column('timestamptz') expiresAt: Date;
  @Column('integer', { default: 0 }) attempts: number;
  @Column('timestamptz', { nullable: true }) verifiedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const ORDER_ENTITIES = [StoreOrderEntity, StoreConnectionEntity, OrderChallengeEntity];
