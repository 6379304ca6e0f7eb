import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Video calls (libs/video): a call is a 1:1 call in one conversation or a group consultation; each
 * participant is an assistant or a customer linked to their own contact and conversation, so follow-ups
 * land in their thread. Invite tokens are signed, not stored: a participant row is what they bind to.
 */
export class VideoCalls1764700000000 implements MigrationInterface {
  name = 'VideoCalls1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE video_call (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('one_to_one', 'group')),
        mode text NOT NULL CHECK (mode IN ('p2p', 'mesh', 'sfu')),
        -- the 1:1 call's conversation; null for a group consultation (each buyer has their own)
        conversation_id uuid REFERENCES conversation(id) ON DELETE CASCADE,
        host_agent_id uuid REFERENCES agent(id) ON DELETE SET NULL,
        title text CHECK (length(title) <= 200),
        status text NOT NULL CHECK (status IN ('scheduled', 'invited', 'active', 'ended', 'missed', 'cancelled')),
        max_participants integer NOT NULL CHECK (max_participants BETWEEN 2 AND 100),
        room_name text,
        pinned_product jsonb,
        scheduled_at timestamptz,
        reminded_at timestamptz,
        expires_at timestamptz NOT NULL,
        started_at timestamptz,
        ended_at timestamptz,
        duration_seconds integer,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX video_call_conversation_idx ON video_call (conversation_id, created_at DESC) WHERE conversation_id IS NOT NULL;
      CREATE INDEX video_call_account_idx ON video_call (account_id, created_at DESC);
      -- the sweeper's work: reminders due and invitations that ran out
      CREATE INDEX video_call_pending_idx ON video_call (expires_at) WHERE status IN ('scheduled', 'invited');

      CREATE TABLE video_call_participant (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        call_id uuid NOT NULL REFERENCES video_call(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('host', 'agent', 'customer')),
        agent_id uuid REFERENCES agent(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contact(id) ON DELETE SET NULL,
        conversation_id uuid REFERENCES conversation(id) ON DELETE CASCADE,
        display_name text NOT NULL,
        joined_at timestamptz,
        left_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'customer') = (agent_id IS NULL))
      );
      CREATE INDEX video_call_participant_call_idx ON video_call_participant (call_id);
      CREATE UNIQUE INDEX video_call_participant_conversation_uq ON video_call_participant (call_id, conversation_id) WHERE role = 'customer';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE video_call_participant; DROP TABLE video_call;`);
  }
}
