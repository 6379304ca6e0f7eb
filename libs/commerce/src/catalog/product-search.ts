import { AppError, decodeCursor, encodeCursor } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { COLUMNS, PRODUCT_COLUMNS, rowToView, type ProductRow, type ProductView } from './product-views.js';
import { cjkBigrams, containsPattern, hasCjk, planSearch } from './search-query.js';

/**
 * Ranking looks at the first CANDIDATES matches only: a one-word query on a big catalog ("bag") would
 * otherwise rank tens of thousands of rows (and a LIMIT makes the planner pick the index for rare
 * words, where a plain LIMIT 20 would tempt it into a sequential scan). Refine the query to go further.
 */
const CANDIDATES = 1000;
const DOC = `(title || ' ' || description)`;

export interface SearchPage {
  data: ProductView[];
  nextCursor: string | null;
}

@Injectable()
export class ProductSearch {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * `q` empty: newest first (keyset cursor). Latin text: PostgreSQL full text (English stemming, the
   * last word as a prefix, exact SKU too), ranked. CJK text: substring match (pg_trgm GIN index).
   */
  async search(accountId: string, input: { q?: string; cursor?: string; limit?: number }): Promise<SearchPage> {
    const limit = Math.min(Math.max(input.limit ?? 20, 1), 100);
    const plan = planSearch(input.q ?? '');
    if (plan.kind === 'none') return this.newest(accountId, input.cursor, limit);
    const offset = decodeOffset(input.cursor);
    if (offset >= CANDIDATES) return { data: [], nextCursor: null };
    let rows: ProductRow[];
    if (plan.kind === 'fulltext') {
      rows = await this.db.query(
        `WITH q AS (SELECT websearch_to_tsquery('english', $2) && to_tsquery('english', $3) AS query),
              c AS MATERIALIZED (
                (SELECT p.id, ts_rank(p.search, q.query) AS rank FROM product p, q WHERE p.account_id = $1 AND p.search @@ q.query LIMIT ${CANDIDATES})
                UNION ALL
                (SELECT id, 1e9 AS rank FROM product WHERE account_id = $1 AND sku = $4)),
              r AS (SELECT id, max(rank) AS rank FROM c GROUP BY id)
         SELECT ${COLUMNS('p')} FROM r JOIN product p USING (id) ORDER BY r.rank DESC, p.title, p.id OFFSET $5 LIMIT $6`,
        [accountId, plan.head, plan.prefix, plan.raw, offset, limit + 1],
      );
    } else {
      rows = await this.db.query(
        `WITH c AS MATERIALIZED (SELECT * FROM product WHERE account_id = $1 AND ${DOC} ILIKE $2 LIMIT ${CANDIDATES})
         SELECT ${PRODUCT_COLUMNS} FROM c ORDER BY (title ILIKE $2) DESC, length(title), id OFFSET $3 LIMIT $4`,
        [accountId, plan.pattern, offset, limit + 1],
      );
    }
    const more = rows.length > limit && offset + limit < CANDIDATES;
    return { data: rows.slice(0, limit).map(rowToView), nextCursor: more ? encodeOffset(offset + limit) : null };
  }

  /**
   * A customer's question ("do you have the Kelly bag?", "有那款丝巾吗"): every meaningful word first,
   * then the products sharing the most words (Latin) or two-character pieces (CJK) with it.
   */
  async bestMatches(accountId: string, text: string, limit: number): Promise<ProductView[]> {
    if (hasCjk(text)) {
      const patterns = cjkBigrams(text).map(containsPattern);
      if (!patterns.length) return [];
      const rows: (ProductRow & { hits: number })[] = await this.db.query(
        `WITH c AS MATERIALIZED (SELECT * FROM product WHERE account_id = $1 AND ${DOC} LIKE ANY($2::text[]) LIMIT ${CANDIDATES}),
              h AS (SELECT c.*, (SELECT count(*) FROM unnest($2::text[]) b WHERE ${DOC} LIKE b)::int AS hits FROM c)
         SELECT ${PRODUCT_COLUMNS}, hits FROM h WHERE hits = (SELECT max(hits) FROM h) ORDER BY length(title), id LIMIT $3`,
        [accountId, patterns, limit],
      );
      return rows.map(rowToView);
    }
    const all: ProductRow[] = await this.db.query(
      `SELECT ${PRODUCT_COLUMNS} FROM product WHERE account_id = $1 AND search @@ websearch_to_tsquery('english', $2)
       ORDER BY ts_rank(search, websearch_to_tsquery('english', $2)) DESC, id LIMIT $3`,
      [accountId, text.slice(0, 200), limit],
    );
    if (all.length) return all.map(rowToView);
    const any: ProductRow[] = await this.db.query(
      `WITH q AS (SELECT to_tsquery('simple', coalesce(nullif(array_to_string(tsvector_to_array(to_tsvector('english', $2)), ' | '), ''), '')) AS query),
            c AS MATERIALIZED (SELECT p.*, ts_rank(p.search, q.query) AS rank FROM product p, q WHERE p.account_id = $1 AND p.search @@ q.query LIMIT ${CANDIDATES})
       SELECT ${PRODUCT_COLUMNS} FROM c ORDER BY rank DESC, id LIMIT $3`,
      [accountId, text.slice(0, 200), limit],
    );
    return any.map(rowToView);
  }

  private async newest(accountId: string, raw: string | undefined, limit: number): Promise<SearchPage> {
    const cursor = decodeCursor(raw);
    const params: unknown[] = [accountId, limit + 1];
    let where = 'account_id = $1';
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where += ' AND (created_at, id) < ($3::timestamptz, $4::uuid)';
    }
    // The cursor keeps PostgreSQL's microseconds: rows imported in one transaction share created_at.
    const rows: (ProductRow & { key: string })[] = await this.db.query(
      `SELECT ${PRODUCT_COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS key
       FROM product WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { data: page.map(rowToView), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.key, id: last.id }) : null };
  }
}

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeOffset(raw: string | undefined): number {
  if (!raw) return 0;
  try {
    const o = (JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // below
  }
  throw AppError.validation('Invalid cursor', [{ field: 'cursor', messages: ['cursor is malformed'] }]);
}
