import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema: brands, agents, inboxes, contacts, conversations, messages.
 * Every tenant-owned row carries account_id. Written by hand (PostgreSQL 15+), never synchronised.
 */
export class InitialSchema1764316800000 implements MigrationInterface {
  name = 'InitialSchema1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE agent (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX agent_email_uq ON agent (lower(email));

      CREATE TABLE membership (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        agent_id uuid NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'agent')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX membership_account_agent_uq ON membership (account_id, agent_id);
      CREATE INDEX membership_agent_idx ON membership (agent_id);

      CREATE TABLE team (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX team_account_name_uq ON team (account_id, lower(name));

      CREATE TABLE team_member (
        team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
        agent_id uuid NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        PRIMARY KEY (team_id, agent_id)
      );

      CREATE TABLE inbox (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        name text NOT NULL,
        channel_type text NOT NULL,
        channel_config jsonb NOT NULL DEFAULT '{}',
        credentials text,
        website_token text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX inbox_account_idx ON inbox (account_id);
      CREATE UNIQUE INDEX inbox_website_token_uq ON inbox (website_token) WHERE website_token IS NOT NULL;

      CREATE TABLE inbox_member (
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        agent_id uuid NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        PRIMARY KEY (inbox_id, agent_id)
      );
      CREATE INDEX inbox_member_agent_idx ON inbox_member (agent_id, account_id);

      CREATE TABLE contact (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        name text,
        email text,
        phone text,
        attributes jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX contact_account_created_idx ON contact (account_id, created_at DESC, id DESC);
      CREATE INDEX contact_account_email_idx ON contact (account_id, lower(email)) WHERE email IS NOT NULL;
      CREATE INDEX contact_account_phone_idx ON contact (account_id, phone) WHERE phone IS NOT NULL;

      CREATE TABLE contact_channel (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        address text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX contact_channel_inbox_address_uq ON contact_channel (inbox_id, address);
      CREATE INDEX contact_channel_contact_idx ON contact_channel (contact_id);

      CREATE TABLE conversation (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        contact_channel_id uuid NOT NULL REFERENCES contact_channel(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
        assignee_id uuid REFERENCES agent(id) ON DELETE SET NULL,
        team_id uuid REFERENCES team(id) ON DELETE SET NULL,
        snoozed_until timestamptz,
        last_activity_at timestamptz NOT NULL,
        last_message_preview text,
        customer_window_expires_at timestamptz,
        first_reply_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX conversation_account_activity_idx ON conversation (account_id, last_activity_at DESC, id DESC);
      CREATE INDEX conversation_inbox_status_idx ON conversation (inbox_id, status, last_activity_at DESC);
      CREATE INDEX conversation_assignee_idx ON conversation (account_id, assignee_id, status);
      -- One conversation that is not resolved per customer address: concurrent first messages converge on it.
      CREATE UNIQUE INDEX conversation_one_unresolved_uq ON conversation (contact_channel_id) WHERE status <> 'resolved';

      CREATE TABLE message (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
        direction text NOT NULL CHECK (direction IN ('in', 'out')),
        kind text NOT NULL CHECK (kind IN ('normal', 'note', 'activity')),
        sender_type text NOT NULL CHECK (sender_type IN ('contact', 'agent', 'bot', 'system')),
        sender_id uuid,
        sender_name text,
        content jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
        error jsonb,
        source_id text,
        client_message_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX message_seq_uq ON message (seq);
      CREATE INDEX message_conversation_seq_idx ON message (conversation_id, seq DESC);
      CREATE UNIQUE INDEX message_inbox_source_uq ON message (inbox_id, source_id) WHERE source_id IS NOT NULL;
      CREATE UNIQUE INDEX message_client_id_uq ON message (conversation_id, direction, client_message_id)
        WHERE client_message_id IS NOT NULL;

      -- Append-only: providers report statuses out of order and more than once; the shown status is derived.
      CREATE TABLE message_status_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        message_id uuid NOT NULL REFERENCES message(id) ON DELETE CASCADE,
        status text NOT NULL,
        error_code text,
        error_message text,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX message_status_event_message_idx ON message_status_event (message_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE message_status_event; DROP TABLE message; DROP TABLE conversation; DROP TABLE contact_channel;
      DROP TABLE contact; DROP TABLE inbox_member; DROP TABLE inbox; DROP TABLE team_member; DROP TABLE team;
      DROP TABLE membership; DROP TABLE agent; DROP TABLE account;
    `);
  }
}
