import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agent inbox's conversation list is read newest-activity first under a status tab (open by default),
 * often narrowed to Mine / Unassigned or one inbox, and paged by the (last_activity_at, id) keyset. Each
 * index below ends with that keyset so a page is read in order and stops after `limit` rows; before, a
 * tab holding few conversations (pending, snoozed, mine) filtered its way through the whole brand's
 * activity index. The two replaced indexes were prefixes of their successors, so the conversation row
 * (updated on every message) gains one index in all. The tab counts (Mine / Unassigned / All) still
 * count every conversation under the filters: even index-only, that is O(conversations in the tab).
 */
export class ConversationListIndexes1764700500000 implements MigrationInterface {
  name = 'ConversationListIndexes1764700500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX conversation_account_status_activity_idx ON conversation (account_id, status, last_activity_at DESC, id DESC);
      DROP INDEX conversation_assignee_idx;
      CREATE INDEX conversation_assignee_activity_idx ON conversation (account_id, assignee_id, status, last_activity_at DESC, id DESC);
      DROP INDEX conversation_inbox_status_idx;
      CREATE INDEX conversation_inbox_status_activity_idx ON conversation (inbox_id, status, last_activity_at DESC, id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX conversation_inbox_status_activity_idx;
      CREATE INDEX conversation_inbox_status_idx ON conversation (inbox_id, status, last_activity_at DESC);
      DROP INDEX conversation_assignee_activity_idx;
      CREATE INDEX conversation_assignee_idx ON conversation (account_id, assignee_id, status);
      DROP INDEX conversation_account_status_activity_idx;
    `);
  }
}
