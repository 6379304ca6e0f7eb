import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy (libs/contacts/src/privacy): the audit trail of contact erasures (counts only, no personal
 * data) and keyed hashes of erased addresses and provider message ids per inbox, so an old webhook
 * replayed after an erasure stores nothing.
 */
export class Privacy1764700200000 implements MigrationInterface {
  name = 'Privacy1764700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_erasure (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        -- The erased contact's random id; it resolves to nothing any more.
        contact_id uuid NOT NULL,
        erased_by uuid REFERENCES agent(id) ON DELETE SET NULL,
        erased_at timestamptz NOT NULL,
        counts jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX contact_erasure_account_idx ON contact_erasure (account_id, erased_at DESC);
      CREATE TABLE erasure_tombstone (
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('address', 'source')),
        -- HMAC-SHA256 (base64url) of the address or provider message id, keyed with the hub's token secret.
        hash text NOT NULL,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        erased_at timestamptz NOT NULL,
        PRIMARY KEY (inbox_id, kind, hash)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE erasure_tombstone; DROP TABLE contact_erasure;`);
  }
}
