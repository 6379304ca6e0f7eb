import { AppError, newId } from '@concierge/common';
import type { CannedResponseView } from '@concierge/contracts';
import { isUniqueViolation, likePattern } from '@concierge/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CannedResponseEntity } from '../entities/index.js';

/** A search answers at most this many; the composer shows a short pick list. */
const SEARCH_LIMIT = 100;

function toView(c: CannedResponseEntity): CannedResponseView {
  return { id: c.id, shortCode: c.shortCode, content: c.content, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

/** Saved replies of a brand: every agent uses them, admins curate them. */
@Injectable()
export class CannedResponsesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Short-code prefix matches first (what `/tha` means), then content matches; by short code within each. */
  async list(accountId: string, q?: string): Promise<CannedResponseView[]> {
    const qb = this.db.getRepository(CannedResponseEntity).createQueryBuilder('r').where('r.account_id = :accountId', { accountId });
    const term = q?.trim();
    if (term) {
      const contains = likePattern(term);
      // likePattern escapes the term and wraps it in %…%; dropping the leading % makes it a prefix match.
      qb.andWhere('(r.short_code LIKE :prefix OR r.content ILIKE :contains)', { prefix: contains.slice(1).toLowerCase(), contains })
        .orderBy('CASE WHEN r.short_code LIKE :prefix THEN 0 ELSE 1 END')
        .addOrderBy('r.short_code');
    } else {
      qb.orderBy('r.short_code');
    }
    return (await qb.limit(SEARCH_LIMIT).getMany()).map(toView);
  }

  async create(accountId: string, input: { shortCode: string; content: string }): Promise<CannedResponseView> {
    const id = newId();
    await this.unique(() => this.db.getRepository(CannedResponseEntity).insert({ id, accountId, shortCode: input.shortCode, content: input.content }));
    return toView(await this.entity(accountId, id));
  }

  async update(accountId: string, id: string, input: { shortCode?: string; content?: string }): Promise<CannedResponseView> {
    await this.entity(accountId, id);
    const patch = { ...(input.shortCode !== undefined && { shortCode: input.shortCode }), ...(input.content !== undefined && { content: input.content }) };
    if (Object.keys(patch).length) await this.unique(() => this.db.getRepository(CannedResponseEntity).update({ id, accountId }, patch));
    return toView(await this.entity(accountId, id));
  }

  async remove(accountId: string, id: string): Promise<void> {
    const result = await this.db.getRepository(CannedResponseEntity).delete({ id, accountId });
    if (!result.affected) throw AppError.notFound('Canned response');
  }

  private async entity(accountId: string, id: string): Promise<CannedResponseEntity> {
    const found = await this.db.getRepository(CannedResponseEntity).findOneBy({ id, accountId });
    if (!found) throw AppError.notFound('Canned response');
    return found;
  }

  private async unique(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error, 'canned_response_account_code_uq')) throw new AppError('CONFLICT', 'A canned response with this short code already exists');
      throw error;
    }
  }
}
