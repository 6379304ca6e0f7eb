import { AppError, decodeCursor, encodeCursor, newId, toE164 } from '@concierge/common';
import type { ContactSummary } from '@concierge/contracts';
import { likePattern } from '@concierge/database';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { ContactAttributes } from './contact-fields.js';
import { ContactIdentities, type ContactProfile, type ResolveChannelInput, type ResolvedChannel, type VerifiedIdentity } from './contact-identities.js';
import { ContactMerger } from './contact-merger.js';
import { ContactChannelEntity, ContactEntity } from './contact.entity.js';
import { toContactView, toMergeView, toSummary, type ContactMergeView, type ContactView, type UndoMergeResult } from './contact.views.js';

/** How a search matches a contact: everywhere a contact can be searched for, the same rule. */
const MATCHES_Q = '(c.name ILIKE :q OR c.email ILIKE :q OR c.phone ILIKE :q)';

/**
 * Contacts and their channel identities. A contact merged into another is a tombstone: it keeps no
 * channels, never appears in lists, searches or summaries, and `get` answers 404 for it (with the
 * surviving contact's id in the error details) until the merge is undone.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly identities: ContactIdentities,
    private readonly merger: ContactMerger,
  ) {}

  /**
   * Finds or creates the contact behind an address on an inbox, inside the caller's transaction.
   * A new phone channel (`addressKind: 'phone'`) joins the account's contact with that number, recorded
   * as a `same_phone` merge so an admin can undo it. Advisory locks on (account, phone) and
   * (inbox, address) make concurrent first messages converge on one contact.
   */
  resolveChannel(tx: EntityManager, input: ResolveChannelInput): Promise<ResolvedChannel> {
    return this.identities.resolveChannel(tx, input);
  }

  /** `resolveChannel` for many addresses in one transaction (see `ContactIdentities.resolveChannels`). */
  resolveChannels(tx: EntityManager, inputs: ResolveChannelInput[]): Promise<ResolvedChannel[]> {
    return this.identities.resolveChannels(tx, inputs);
  }

  /**
   * A web visitor proved an identity (HMAC-verified): fills the contact's empty email/phone and merges
   * other contacts of the account with that email (any case) or phone into the oldest one, which is
   * returned. Pass `null` to run in its own transaction; inside the caller's, call it before taking
   * row locks of your own (it takes identity locks, then contact rows in id order).
   */
  linkVerifiedIdentity(tx: EntityManager | null, input: VerifiedIdentity): Promise<string> {
    return tx ? this.identities.linkVerifiedIdentity(tx, input) : this.db.transaction((t) => this.identities.linkVerifiedIdentity(t, input));
  }

  /** An agent merges `otherId` into `survivorId`; answers the surviving contact. */
  async merge(ctx: AccountContext, survivorId: string, otherId: string): Promise<ContactView> {
    await this.db.transaction((tx) =>
      this.merger.merge(tx, { accountId: ctx.accountId, survivorId, otherId, reason: 'manual', createdBy: ctx.agent.id }),
    );
    return this.get(ctx.accountId, survivorId);
  }

  /** Undoes a merge (admins only: it splits what an agent decided was one person). Twice → CONFLICT. */
  async undoMerge(ctx: AccountContext, mergeId: string): Promise<UndoMergeResult> {
    if (ctx.role !== 'admin') throw AppError.forbidden('Only admins of this brand can undo a merge');
    const { merge, restoredId } = await this.db.transaction((tx) => this.merger.undo(tx, ctx.accountId, mergeId, ctx.agent.id));
    const [survivor, restored] = await Promise.all([this.get(ctx.accountId, merge.survivorContactId), this.get(ctx.accountId, restoredId)]);
    return { merge: toMergeView(merge), survivor, restored };
  }

  /** Merge history involving a contact, newest first; a tombstone's history is readable too (to undo it). */
  async merges(accountId: string, contactId: string): Promise<ContactMergeView[]> {
    const exists = await this.db.getRepository(ContactEntity).existsBy({ id: contactId, accountId });
    if (!exists) throw AppError.notFound('Contact');
    return (await this.merger.history(this.db.manager, accountId, contactId)).map(toMergeView);
  }

  async channel(accountId: string, contactChannelId: string): Promise<ContactChannelEntity | null> {
    return this.db.getRepository(ContactChannelEntity).findOneBy({ id: contactChannelId, accountId });
  }

  async channelByAddress(inboxId: string, address: string): Promise<ContactChannelEntity | null> {
    return this.db.getRepository(ContactChannelEntity).findOneBy({ inboxId, address });
  }

  /** Live contacts by id; ids of merged contacts are left out. */
  async summaries(accountId: string, ids: string[]): Promise<Map<string, ContactSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.getRepository(ContactEntity).findBy({ accountId, id: In(unique), mergedIntoId: IsNull() });
    return new Map(rows.map((c) => [c.id, toSummary(c)]));
  }

  /** The contact behind each channel today (merges move channels, so this follows them), keyed by channel id. */
  async summariesByChannel(accountId: string, channelIds: string[]): Promise<Map<string, ContactSummary>> {
    const unique = [...new Set(channelIds)];
    if (unique.length === 0) return new Map();
    // Driven from the channel primary keys (one page of conversations), then each contact by its key:
    // starting from the account's contacts lets a stale planner estimate loop over all of them.
    const rows = await this.db
      .getRepository(ContactChannelEntity)
      .createQueryBuilder('ch')
      .innerJoin(ContactEntity, 'c', 'c.id = ch.contact_id')
      .select(['c.id AS id', 'c.name AS name', 'c.email AS email', 'c.phone AS phone', 'ch.id AS channel_id'])
      // A channel and its contact always share the account (checked on the channel, where the index leads).
      .where('ch.id IN (:...unique) AND ch.account_id = :accountId', { unique, accountId })
      .andWhere('c.merged_into_id IS NULL')
      .getRawMany<ContactSummary & { channel_id: string }>();
    return new Map(rows.map(({ channel_id, ...c }) => [channel_id, { id: c.id, name: c.name, email: c.email, phone: c.phone }]));
  }

  /** Contacts matching a search, for filtering other lists (conversations) by contact. */
  async searchIds(accountId: string, q: string, limit = 500): Promise<string[]> {
    const rows = await this.searchQuery(accountId, q).select('c.id', 'id').limit(limit).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Channels of the contacts matching a search (same rule as `searchIds`), for filtering conversations. */
  async searchChannelIds(accountId: string, q: string, limit = 500): Promise<string[]> {
    const rows = await this.searchQuery(accountId, q)
      .innerJoin(ContactChannelEntity, 'ch', 'ch.contact_id = c.id AND ch.account_id = c.account_id')
      .select('ch.id', 'id')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async list(accountId: string, query: { q?: string; cursor?: string; limit?: number }): Promise<{ data: ContactView[]; nextCursor: string | null }> {
    const limit = Math.min(query.limit ?? 25, 100);
    const cursor = decodeCursor(query.cursor);
    const qb = query.q
      ? this.searchQuery(accountId, query.q)
      : this.db.getRepository(ContactEntity).createQueryBuilder('c').where('c.account_id = :accountId AND c.merged_into_id IS NULL', { accountId });
    if (cursor) qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    const rows = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: await this.withChannels(accountId, page),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  async get(accountId: string, id: string): Promise<ContactView> {
    const contact = await this.db.getRepository(ContactEntity).findOneBy({ id, accountId });
    if (!contact) throw AppError.notFound('Contact');
    if (contact.mergedIntoId) {
      // A tombstone is not a contact any more; the details let a client follow it to the survivor.
      const survivor = await this.identities.live(this.db.manager, accountId, contact.mergedIntoId);
      throw new AppError('NOT_FOUND', 'Contact was merged into another contact', { mergedIntoId: survivor.id });
    }
    return (await this.withChannels(accountId, [contact]))[0]!;
  }

  async create(accountId: string, input: ContactProfile & { attributes?: ContactAttributes }): Promise<ContactView> {
    const id = newId();
    await this.db.getRepository(ContactEntity).insert({ id, accountId, ...this.normalise(input), attributes: input.attributes ?? {}, mergedIntoId: null });
    return this.get(accountId, id);
  }

  async update(accountId: string, id: string, input: ContactProfile & { attributes?: ContactAttributes }): Promise<ContactView> {
    const contact = await this.db.getRepository(ContactEntity).findOneBy({ id, accountId, mergedIntoId: IsNull() });
    if (!contact) throw AppError.notFound('Contact');
    const patch = this.normalise(input);
    await this.db.getRepository(ContactEntity).update(
      { id, accountId },
      { ...patch, ...(input.attributes && { attributes: { ...contact.attributes, ...input.attributes } }) },
    );
    return this.get(accountId, id);
  }

  /** Fills in profile fields the contact does not have yet (a visitor telling us their email). */
  async enrich(tx: EntityManager, accountId: string, contactId: string, profile: ContactProfile): Promise<void> {
    const contact = await tx.getRepository(ContactEntity).findOneBy({ id: contactId, accountId, mergedIntoId: IsNull() });
    if (!contact) return;
    const missing = this.missingFields(contact, profile);
    if (Object.keys(missing).length > 0) await tx.getRepository(ContactEntity).update({ id: contactId, accountId }, missing);
  }

  /** What `enrich` would fill in: the profile's fields the contact does not have yet. */
  missingFields(contact: ContactProfile, profile: ContactProfile): ContactProfile {
    const patch = this.normalise(profile, { lenientPhone: true });
    return Object.fromEntries(Object.entries(patch).filter(([k, v]) => v && !contact[k as keyof ContactProfile]));
  }

  private searchQuery(accountId: string, q: string) {
    return this.db
      .getRepository(ContactEntity)
      .createQueryBuilder('c')
      .where('c.account_id = :accountId AND c.merged_into_id IS NULL', { accountId })
      .andWhere(MATCHES_Q, { q: likePattern(q) });
  }

  /** `lenientPhone`: a provider-supplied profile with a bad number drops the number instead of failing the message. */
  private normalise(input: ContactProfile, options: { lenientPhone?: boolean } = {}): ContactProfile {
    const out: ContactProfile = {};
    if (input.name !== undefined) out.name = input.name?.trim() || null;
    if (input.email !== undefined) out.email = input.email?.trim().toLowerCase() || null;
    if (input.phone !== undefined && input.phone !== null && input.phone !== '') {
      const e164 = toE164(input.phone);
      if (!e164 && !options.lenientPhone) {
        throw AppError.validation('Invalid phone number', [{ field: 'phone', messages: ['phone must be a valid international number, e.g. +8613800138000'] }]);
      }
      if (e164) out.phone = e164;
    } else if (input.phone !== undefined) out.phone = null;
    return out;
  }

  private async withChannels(accountId: string, contacts: ContactEntity[]): Promise<ContactView[]> {
    const channels = contacts.length
      ? await this.db.getRepository(ContactChannelEntity).find({
          where: { accountId, contactId: In(contacts.map((c) => c.id)) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : [];
    return contacts.map((c) => toContactView(c, channels));
  }
}
