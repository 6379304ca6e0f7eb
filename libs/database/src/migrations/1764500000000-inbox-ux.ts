import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the agent inbox needs around conversations: labels, canned responses, notifications
 * (mentions, assignments), per-agent read markers (unread badges) and per-inbox message templates.
 */
export class InboxUx1764500000000 implements MigrationInterface {
  name = 'InboxUx1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE label (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        color text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- "VIP" and "vip" are the same label to the agents filtering by it.
      CREATE UNIQUE INDEX label_account_name_uq ON label (account_id, lower(name));

      CREATE TABLE conversation_label (
        conversation_id uuid NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
        label_id uuid NOT NULL REFERENCES label(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, label_id)
      );
      CREATE INDEX conversation_label_label_idx ON conversation_label (label_id, conversation_id);

      CREATE TABLE canned_response (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        short_code text NOT NULL CHECK (short_code ~ '^[a-z0-9_-]{1,32}$'),
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 4096),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- text_pattern_ops: the composer's "/sho…" lookup is a prefix match on the short code.
      CREATE UNIQUE INDEX canned_response_account_code_uq ON canned_response (account_id, short_code text_pattern_ops);

      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        agent_id uuid NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('mention', 'assigned')),
        conversation_id uuid NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
        message_id uuid REFERENCES message(id) ON DELETE CASCADE,
        actor_id uuid REFERENCES agent(id) ON DELETE SET NULL,
        -- Kept at write time: the bell still reads "Mei mentioned you" after Mei leaves the brand.
        actor_name text,
        preview text,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (type <> 'mention' OR message_id IS NOT NULL)
      );
      CREATE INDEX notification_agent_created_idx ON notification (agent_id, account_id, created_at DESC, id DESC);
      CREATE INDEX notification_agent_unread_idx ON notification (agent_id, account_id, created_at DESC, id DESC) WHERE read_at IS NULL;

      -- Per agent: the last message seq they had seen when they opened the conversation.
      CREATE TABLE conversation_read (
        agent_id uuid NOT NULL REFERENCES agent(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        last_read_seq bigint NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (agent_id, conversation_id)
      );
      -- Unread badges count the customer's messages after a marker: only those rows need scanning.
      CREATE INDEX message_inbound_seq_idx ON message (conversation_id, seq) WHERE direction = 'in' AND kind = 'normal';

      CREATE TABLE message_template (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        -- PostgreSQL regexes allow at most 255 repetitions, hence the separate length check.
        name text NOT NULL CHECK (name ~ '^[a-z0-9_]+$' AND length(name) <= 512),
        language text NOT NULL CHECK (language ~ '^[a-z]{2,3}(_[A-Z]{2})?$'),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1024),
        provider_template_id text CHECK (provider_template_id ~ '^HX[0-9a-fA-F]{32}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- WhatsApp approves a template per name and language.
      CREATE UNIQUE INDEX message_template_inbox_name_lang_uq ON message_template (inbox_id, name, language);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE message_template; DROP INDEX message_inbound_seq_idx; DROP TABLE conversation_read; DROP TABLE notification;
      DROP TABLE canned_response; DROP TABLE conversation_label; DROP TABLE label;
    `);
  }
}
