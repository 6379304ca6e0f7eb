import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provider channels: stored media, SMS consent, quarantined webhook items, the outbound outbox and
 * statuses that arrive before the send that produced them is recorded.
 */
export class Channels1764400000000 implements MigrationInterface {
  name = 'Channels1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A conversation's contact is its channel's contact: merging contacts moves channels, never conversations.
      ALTER TABLE conversation DROP COLUMN contact_id;

      -- An inbox is paused when its provider rejects our credentials (WhatsApp 190, Twilio 20003).
      ALTER TABLE inbox
        ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        ADD COLUMN status_detail text;

      CREATE TABLE attachment (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        inbox_id uuid REFERENCES inbox(id) ON DELETE SET NULL,
        mime_type text NOT NULL,
        filename text,
        size_bytes integer NOT NULL,
        sha256 text NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX attachment_account_idx ON attachment (account_id);

      -- STOP / START per customer address on one number (a contact channel).
      CREATE TABLE channel_consent (
        contact_channel_id uuid PRIMARY KEY REFERENCES contact_channel(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        opted_out boolean NOT NULL,
        keyword text NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE webhook_quarantine (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        reason text NOT NULL,
        raw jsonb,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_quarantine_inbox_idx ON webhook_quarantine (inbox_id, received_at DESC);

      -- Written in the same transaction as an outbound message; removed once the message has an outcome.
      CREATE TABLE outbox (
        message_id uuid PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outbox_created_idx ON outbox (created_at);

      -- A status callback can overtake the send's own response: keep it until the provider id is known.
      CREATE TABLE pending_status (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        source_id text NOT NULL,
        status text NOT NULL,
        error_code text,
        error_message text,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX pending_status_source_idx ON pending_status (inbox_id, source_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE pending_status; DROP TABLE outbox; DROP TABLE webhook_quarantine; DROP TABLE channel_consent; DROP TABLE attachment;
      ALTER TABLE inbox DROP COLUMN status, DROP COLUMN status_detail;
      ALTER TABLE conversation ADD COLUMN contact_id uuid REFERENCES contact(id) ON DELETE CASCADE;
      UPDATE conversation c SET contact_id = cc.contact_id FROM contact_channel cc WHERE cc.id = c.contact_channel_id;
      ALTER TABLE conversation ALTER COLUMN contact_id SET NOT NULL;
    `);
  }
}
