import { AppError, newId } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContactFields, MergeReason, MergeSnapshot } from './contact-fields.js';
import { ContactChannelEntity, ContactEntity, ContactMergeEntity } from './contact.entity.js';
import { fieldsOf, planMerge, planUndo } from './merge-plan.js';

export interface MergeInput {
  accountId: string;
  survivorId: string;
  otherId: string;
  reason: MergeReason;
  createdBy: string | null;
}

/**
 * Moves contacts' channels and fields around, always recording what it did so it can be undone.
 * Works inside the caller's transaction; contact rows are locked in id order (FOR UPDATE), after any
 * advisory locks the caller took, so merges, undos and first messages cannot deadlock each other.
 */
@Injectable()
export class ContactMerger {
  /** Merges `otherId` into `survivorId`: its channels move, its fields fill the survivor's gaps, it becomes a tombstone. */
  async merge(tx: EntityManager, input: MergeInput): Promise<ContactMergeEntity> {
    if (input.survivorId === input.otherId) {
      throw AppError.validation('A contact cannot be merged into itself', [{ field: 'contactId', messages: ['contactId must be another contact'] }]);
    }
    const locked = await this.lock(tx, input.accountId, [input.survivorId, input.otherId]);
    const survivor = locked.get(input.survivorId);
    const other = locked.get(input.otherId);
    if (!survivor?.live || !other?.live) throw AppError.notFound('Contact');
    const plan = planMerge(fieldsOf(survivor.contact), fieldsOf(other.contact));
    const channelIds = await this.moveChannels(tx, input.accountId, { from: other.contact.id, to: survivor.contact.id });
    await this.patch(tx, input.accountId, survivor.contact.id, plan.patch);
    await tx.getRepository(ContactEntity).update({ id: other.contact.id, accountId: input.accountId }, { mergedIntoId: survivor.contact.id });
    return this.record(tx, {
      accountId: input.accountId,
      survivorContactId: survivor.contact.id,
      mergedContactId: other.contact.id,
      channelIds,
      reason: input.reason,
      snapshot: plan.snapshot,
      createdBy: input.createdBy,
    });
  }

  /** Records a new channel attached to an existing contact (same phone), with the fields it filled in. */
  async recordLink(tx: EntityManager, input: { accountId: string; survivor: ContactEntity; channelId: string; would: ContactFields }): Promise<void> {
    const plan = planMerge(fieldsOf(input.survivor), input.would);
    await this.patch(tx, input.accountId, input.survivor.id, plan.patch);
    // The caller's survivor stays as the row now is (a batch may link it again).
    Object.assign(input.survivor, plan.patch);
    await this.record(tx, {
      accountId: input.accountId,
      survivorContactId: input.survivor.id,
      mergedContactId: null,
      channelIds: [input.channelId],
      reason: 'same_phone',
      snapshot: plan.snapshot,
      createdBy: null,
    });
  }

  /**
   * Undoes a merge: the channels it moved go back (a same-phone channel to a new contact of its own),
   * the tombstone comes back to life and the survivor loses only what the merge gave it.
   */
  async undo(tx: EntityManager, accountId: string, mergeId: string, undoneBy: string | null): Promise<{ merge: ContactMergeEntity; restoredId: string }> {
    // The merge row lock makes two concurrent undos of one merge queue up; the second sees undone_at.
    const merge = await tx.getRepository(ContactMergeEntity).findOne({ where: { id: mergeId, accountId }, lock: { mode: 'pessimistic_write' } });
    if (!merge) throw AppError.notFound('Merge');
    if (merge.undoneAt) throw new AppError('CONFLICT', 'This merge has already been undone');
    const locked = await this.lock(tx, accountId, [merge.survivorContactId, ...(merge.mergedContactId ? [merge.mergedContactId] : [])]);
    const survivor = locked.get(merge.survivorContactId);
    if (!survivor) throw AppError.notFound('Contact');
    if (!survivor.live) throw new AppError('CONFLICT', 'The surviving contact was merged again since; undo that merge first');

    let restoredId: string;
    if (merge.mergedContactId) {
      const merged = locked.get(merge.mergedContactId);
      if (!merged || merged.contact.mergedIntoId !== survivor.contact.id) throw new AppError('CONFLICT', 'The merged contact is no longer part of this merge');
      restoredId = merged.contact.id;
      await tx.getRepository(ContactEntity).update({ id: restoredId, accountId }, { mergedIntoId: null });
    } else {
      restoredId = newId();
      const would = merge.snapshot.merged;
      await tx.getRepository(ContactEntity).insert({ id: restoredId, accountId, name: would.name, email: would.email, phone: would.phone, attributes: would.attributes, mergedIntoId: null });
    }
    await this.moveChannels(tx, accountId, { from: survivor.contact.id, to: restoredId, only: merge.channelIds });
    await this.patch(tx, accountId, survivor.contact.id, planUndo(fieldsOf(survivor.contact), merge.snapshot));
    await tx.getRepository(ContactMergeEntity).update({ id: merge.id, accountId }, { undoneAt: () => 'now()', undoneBy });
    return { merge: await tx.getRepository(ContactMergeEntity).findOneByOrFail({ id: merge.id, accountId }), restoredId };
  }

  /** Merges involving a contact: as survivor, as the merged one, or through a channel it owns now. */
  async history(tx: EntityManager, accountId: string, contactId: string): Promise<ContactMergeEntity[]> {
    return tx
      .getRepository(ContactMergeEntity)
      .createQueryBuilder('m')
      .where('m.account_id = :accountId', { accountId })
      .andWhere(
        `(m.survivor_contact_id = :contactId OR m.merged_contact_id = :contactId
          OR m.channel_ids && ARRAY(SELECT ch.id FROM contact_channel ch WHERE ch.account_id = :accountId AND ch.contact_id = :contactId))`,
        { contactId },
      )
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(200)
      .getMany();
  }

  /** The live contacts among `ids`, locked FOR UPDATE in id order. */
  async lockLive(tx: EntityManager, accountId: string, ids: string[]): Promise<ContactEntity[]> {
    return [...(await this.lock(tx, accountId, ids)).values()].filter((c) => c.live).map((c) => c.contact);
  }

  private async lock(tx: EntityManager, accountId: string, ids: string[]): Promise<Map<string, { contact: ContactEntity; live: boolean }>> {
    const rows = await tx
      .getRepository(ContactEntity)
      .createQueryBuilder('c')
      .where('c.account_id = :accountId', { accountId })
      .andWhere('c.id IN (:...ids)', { ids })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
    return new Map(rows.map((c) => [c.id, { contact: c, live: c.mergedIntoId === null }]));
  }

  private async moveChannels(tx: EntityManager, accountId: string, move: { from: string; to: string; only?: string[] }): Promise<string[]> {
    if (move.only?.length === 0) return [];
    const qb = tx
      .createQueryBuilder()
      .update(ContactChannelEntity)
      .set({ contactId: move.to })
      .where('account_id = :accountId AND contact_id = :from', { accountId, from: move.from });
    if (move.only) qb.andWhere('id IN (:...only)', { only: move.only });
    const result = await qb.returning(['id']).execute();
    return (result.raw as { id: string }[]).map((r) => r.id).sort();
  }

  private async patch(tx: EntityManager, accountId: string, contactId: string, patch: Partial<ContactFields>): Promise<void> {
    if (Object.keys(patch).length > 0) await tx.getRepository(ContactEntity).update({ id: contactId, accountId }, patch);
  }

  private async record(
    tx: EntityManager,
    row: Pick<ContactMergeEntity, 'accountId' | 'survivorContactId' | 'mergedContactId' | 'channelIds' | 'reason' | 'createdBy'> & { snapshot: MergeSnapshot },
  ): Promise<ContactMergeEntity> {
    const id = newId();
    await tx.getRepository(ContactMergeEntity).insert({ id, ...row, undoneAt: null, undoneBy: null });
    return tx.getRepository(ContactMergeEntity).findOneByOrFail({ id, accountId: row.accountId });
  }
}
