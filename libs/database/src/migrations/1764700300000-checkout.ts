import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checkout links and order updates (libs/commerce/src/checkout): a built-in pending order remembers the
 * conversation it was sold in and carries a pay link (only its hash is stored); brands choose which order
 * statuses are posted to the customer and the WhatsApp template used outside the 24-hour window.
 */
export class Checkout1764700300000 implements MigrationInterface {
  name = 'Checkout1764700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE store_order
        ADD COLUMN conversation_id uuid REFERENCES conversation(id) ON DELETE SET NULL,
        ADD COLUMN pay_token_hash text,
        ADD COLUMN pay_expires_at timestamptz;
      CREATE UNIQUE INDEX store_order_pay_token_idx ON store_order (pay_token_hash) WHERE pay_token_hash IS NOT NULL;
      ALTER TABLE commerce_settings
        ADD COLUMN order_update_statuses text[] NOT NULL DEFAULT '{paid,shipped,delivered,cancelled,refunded}',
        -- { name, language }: the approved WhatsApp template for order updates outside the customer window
        ADD COLUMN order_update_template jsonb;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE commerce_settings DROP COLUMN order_update_template, DROP COLUMN order_update_statuses;
      DROP INDEX store_order_pay_token_idx;
      ALTER TABLE store_order DROP COLUMN pay_expires_at, DROP COLUMN pay_token_hash, DROP COLUMN conversation_id;
    `);
  }
}
