import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an assistant and the bot last wrote in a conversation, and how many customer messages arrived in
 * the current burst (a window opened by the first of them), kept on the conversation row and moved in the
 * same UPDATE as its activity. Automation asks this for every customer message ("is a person on it?",
 * "did the bot just answer?", "is this a flood?"); reading it from the messages cost a scan of the
 * whole conversation.
 */
export class ReplyTimes1764700400000 implements MigrationInterface {
  name = 'ReplyTimes1764700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conversation ADD COLUMN last_agent_reply_at timestamptz, ADD COLUMN last_bot_reply_at timestamptz,
        ADD COLUMN inbound_burst_started_at timestamptz, ADD COLUMN inbound_burst_count integer NOT NULL DEFAULT 0;
      UPDATE conversation c
         SET last_agent_reply_at = r.agent_at, last_bot_reply_at = r.bot_at
        FROM (SELECT conversation_id,
                     max(created_at) FILTER (WHERE sender_type = 'agent') AS agent_at,
                     max(created_at) FILTER (WHERE sender_type = 'bot') AS bot_at
                FROM message WHERE direction = 'out' AND kind = 'normal' AND sender_type IN ('agent', 'bot')
               GROUP BY conversation_id) r
       WHERE r.conversation_id = c.id;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversation DROP COLUMN last_agent_reply_at, DROP COLUMN last_bot_reply_at, DROP COLUMN inbound_burst_started_at, DROP COLUMN inbound_burst_count`);
  }
}
