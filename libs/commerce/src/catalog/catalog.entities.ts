import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AttributeValue, ProductVariant } from './product-input.js';

@Entity('product')
export class ProductEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') accountId: string;
  @Column('text') sku: string;
  @Column('text') title: string;
  @Column('text') description: string;
  /** numeric comes back as a string: money is never a float. */
  @Column('numeric') priceAmount: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('integer', { nullable: true }) stock: number | null;
  @Column('text', { nullable: true }) imageUrl: string | null;
  @Column('text', { nullable: true }) url: string | null;
  @Column('text', { nullable: true }) retailerId: string | null;
  @Column('jsonb') attributes: Record<string, AttributeValue>;
  @Column('jsonb') variants: ProductVariant[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('commerce_settings')
export class CommerceSettingsEntity {
  @PrimaryColumn('uuid') accountId: string;
  @Column('text', { array: true }) allowedLinkHosts: string[];
  @Column('text', { array: true }) orderUpdateStatuses: string[];
  @Column('jsonb', { nullable: true }) orderUpdateTemplate: { name: string; language: string } | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('short_link')
export class ShortLinkEntity {
  @PrimaryColumn('text') code: string;
  @Column('uuid') accountId: string;
  @Column('text') url: string;
  @Column('uuid', { nullable: true }) productId: string | null;
  @Column('bigint') clicks: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const CATALOG_ENTITIES = [ProductEntity, CommerceSettingsEntity, ShortLinkEntity];
