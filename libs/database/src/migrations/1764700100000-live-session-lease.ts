import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which process runs an inbox's live session (a WhatsApp Web browser): exactly one at a time. The owner
 * renews `expires_at` every few seconds; once it lapses (owner dead or paused) any process running the
 * processors may take the row over with one conditional upsert. Deleting the inbox drops its lease.
 */
export class LiveSessionLease1764700100000 implements MigrationInterface {
  name = 'LiveSessionLease1764700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE live_session_lease (
        inbox_id uuid PRIMARY KEY REFERENCES inbox(id) ON DELETE CASCADE,
        owner text NOT NULL,
        expires_at timestamptz NOT NULL,
        status jsonb
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE live_session_lease`);
  }
}
