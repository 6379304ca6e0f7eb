import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders (libs/commerce/src/orders): the built-in store's orders, each brand's store connection
 * (built-in, Shopify, WooCommerce; sealed credentials) and the one-time codes proving order ownership.
 */
export class Orders1764600100000 implements MigrationInterface {
  name = 'Orders1764600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE store_order (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        number text NOT NULL CHECK (length(number) BETWEEN 1 AND 40),
        customer_name text,
        customer_email text CHECK (customer_email = lower(customer_email)),
        customer_phone text CHECK (customer_phone ~ '^\\+[1-9][0-9]{6,14}$'),
        status text NOT NULL CHECK (status IN ('pending', 'paid', 'packed', 'shipped', 'delivered', 'cancelled', 'refunded')),
        items jsonb NOT NULL DEFAULT '[]',
        total_amount numeric(12, 2) NOT NULL,
        currency char(3) NOT NULL,
        tracking_url text,
        tracking_carrier text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, number)
      );
      CREATE INDEX store_order_email_idx ON store_order (account_id, customer_email) WHERE customer_email IS NOT NULL;
      CREATE INDEX store_order_phone_idx ON store_order (account_id, customer_phone) WHERE customer_phone IS NOT NULL;

      CREATE TABLE store_connection (
        account_id uuid PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        provider text NOT NULL CHECK (provider IN ('builtin', 'shopify', 'woocommerce')),
        -- { baseUrl, apiVersion }: never secrets
        config jsonb NOT NULL DEFAULT '{}',
        -- SecretBox-sealed { accessToken } / { consumerKey, consumerSecret }
        credentials text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE order_challenge (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        order_number text NOT NULL,
        -- HMAC of the code (never the code itself)
        code_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX order_challenge_contact_idx ON order_challenge (account_id, contact_id, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_challenge; DROP TABLE store_connection; DROP TABLE store_order;`);
  }
}
