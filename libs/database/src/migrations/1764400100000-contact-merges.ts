import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One person, many channels: phone channels are recognised across inboxes, contacts can be merged,
 * and every merge is recorded with enough of a snapshot to undo it.
 */
export class ContactMerges1764400100000 implements MigrationInterface {
  name = 'ContactMerges1764400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Which addresses are phone numbers (E.164) and may join a contact across inboxes. Rows written
      -- before this migration are web visitors or not yet known to be phones: they never auto-link.
      ALTER TABLE contact_channel
        ADD COLUMN kind text NOT NULL DEFAULT 'visitor' CHECK (kind IN ('phone', 'visitor'));
      CREATE INDEX contact_channel_account_phone_idx ON contact_channel (account_id, address) WHERE kind = 'phone';

      -- A merged contact stays as a tombstone (no channels, hidden everywhere) so a merge can be undone.
      ALTER TABLE contact ADD COLUMN merged_into_id uuid REFERENCES contact(id) ON DELETE CASCADE;
      CREATE INDEX contact_merged_into_idx ON contact (merged_into_id) WHERE merged_into_id IS NOT NULL;

      CREATE TABLE contact_merge (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        survivor_contact_id uuid NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        -- Null when a new channel was attached to an existing contact (same phone) without a second contact.
        merged_contact_id uuid REFERENCES contact(id) ON DELETE CASCADE,
        channel_ids uuid[] NOT NULL,
        reason text NOT NULL CHECK (reason IN ('same_phone', 'verified_identity', 'manual')),
        -- Both contacts' fields before the merge and what the merge filled in, for an exact undo.
        snapshot jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES agent(id) ON DELETE SET NULL,
        undone_at timestamptz,
        undone_by uuid REFERENCES agent(id) ON DELETE SET NULL,
        CHECK (merged_contact_id IS NOT NULL OR reason = 'same_phone'),
        CHECK (undone_by IS NULL OR undone_at IS NOT NULL)
      );
      CREATE INDEX contact_merge_survivor_idx ON contact_merge (account_id, survivor_contact_id, created_at DESC);
      CREATE INDEX contact_merge_merged_idx ON contact_merge (account_id, merged_contact_id, created_at DESC) WHERE merged_contact_id IS NOT NULL;
      CREATE INDEX contact_merge_channels_idx ON contact_merge USING gin (channel_ids);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE contact_merge;
      -- Tombstones have no channels; without merged_into_id they would reappear as empty duplicates.
      DELETE FROM contact WHERE merged_into_id IS NOT NULL;
      ALTER TABLE contact DROP COLUMN merged_into_id;
      DROP INDEX contact_channel_account_phone_idx;
      ALTER TABLE contact_channel DROP COLUMN kind;
    `);
  }
}
