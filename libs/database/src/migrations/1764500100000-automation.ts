import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automation (libs/automation): per-inbox business hours and settings with the round-robin cursor,
 * brand FAQ intents, and one SLA clock per conversation (business-hours-only durations for reports).
 */
export class Automation1764500100000 implements MigrationInterface {
  name = 'Automation1764500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE automation_inbox (
        inbox_id uuid PRIMARY KEY REFERENCES inbox(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        -- { timeZone, weekly, holidays, specialDates }; null = no hours configured (always open).
        business_hours jsonb,
        settings jsonb NOT NULL DEFAULT '{}',
        -- Round robin: the assistant who got the last conversation of this inbox.
        rr_last_agent_id uuid REFERENCES agent(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX automation_inbox_account_idx ON automation_inbox (account_id);

      CREATE TABLE automation_faq (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        -- { "<locale>": ["phrase", …] } and { "<locale>": "answer" }
        phrases jsonb NOT NULL,
        answers jsonb NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX automation_faq_inbox_idx ON automation_faq (inbox_id, created_at);

      -- Due dates count business hours only (the clock pauses while the inbox is closed); the *_seconds
      -- columns are the business-hours durations the reports aggregate.
      CREATE TABLE automation_sla (
        conversation_id uuid PRIMARY KEY REFERENCES conversation(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        inbox_id uuid NOT NULL REFERENCES inbox(id) ON DELETE CASCADE,
        started_at timestamptz NOT NULL,
        warn_before_minutes integer NOT NULL DEFAULT 0,
        first_response_minutes integer,
        first_response_due_at timestamptz,
        first_response_at timestamptz,
        first_response_seconds integer,
        first_response_warned_at timestamptz,
        first_response_breached_at timestamptz,
        resolution_minutes integer,
        resolution_due_at timestamptz,
        resolved_at timestamptz,
        resolution_seconds integer,
        resolution_warned_at timestamptz,
        resolution_breached_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- The periodic checker walks clocks of unresolved conversations.
      CREATE INDEX automation_sla_running_idx ON automation_sla (conversation_id) WHERE resolved_at IS NULL;
      CREATE INDEX automation_sla_report_idx ON automation_sla (account_id, inbox_id, started_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE automation_sla; DROP TABLE automation_faq; DROP TABLE automation_inbox;`);
  }
}
