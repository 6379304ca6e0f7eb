import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog (libs/commerce): products with variants and a generated full-text vector, the brand's
 * allowed link hosts, and short links (`/s/:code`) with click counts. pg_trgm (a trusted extension
 * since PostgreSQL 13) indexes title + description for CJK search; where it cannot be created the
 * catalog falls back to a bounded LIKE scan.
 */
export class Catalog1764600000000 implements MigrationInterface {
  name = 'Catalog1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        sku text NOT NULL CHECK (length(sku) BETWEEN 1 AND 100),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        price_amount numeric(16,4) NOT NULL CHECK (price_amount >= 0),
        currency char(3) NOT NULL,
        -- null: stock not tracked.
        stock integer CHECK (stock >= 0),
        image_url text,
        url text,
        retailer_id text,
        attributes jsonb NOT NULL DEFAULT '{}',
        -- [{ sku, title, attributes, price?, stock?, retailerId? }]
        variants jsonb NOT NULL DEFAULT '[]',
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', sku), 'A') ||
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', description), 'B')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT product_sku_uq UNIQUE (account_id, sku)
      );
      CREATE INDEX product_search_idx ON product USING gin (search);
      CREATE INDEX product_account_created_idx ON product (account_id, created_at DESC, id DESC);

      CREATE TABLE commerce_settings (
        account_id uuid PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        allowed_link_hosts text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE short_link (
        code text PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        url text NOT NULL,
        product_id uuid REFERENCES product(id) ON DELETE SET NULL,
        clicks bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX short_link_product_idx ON short_link (account_id, product_id);
    `);
    // Not fatal: without pg_trgm (extension files missing or no privilege) CJK search scans a bounded set.
    await q.query(`
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
      EXCEPTION WHEN others THEN
        RAISE NOTICE 'pg_trgm unavailable: %', SQLERRM;
      END $$;
    `);
    const [trgm] = (await q.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)) as unknown[];
    if (trgm) await q.query(`CREATE INDEX product_text_trgm_idx ON product USING gin ((title || ' ' || description) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE short_link; DROP TABLE commerce_settings; DROP TABLE product;`);
  }
}
