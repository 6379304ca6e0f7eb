import { AppError, decodeCursor, encodeCursor, newId, toE164 } from '@concierge/common';
import type { ContactSummary } from '@concierge/contracts';
import { likePattern } from '@concierge/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ContactChannelEntity, ContactEntity, type ContactAttributes } from './contact.entity.js';

export interface ContactProfile {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface ContactView extends ContactSummary {
  attributes: ContactAttributes;
  channels: { id: string; inboxId: string; address: string }[];
  createdAt: string;
}

export interface ResolvedChannel {
  contactId: string;
  contactChannelId: string;
  created: boolean;
}

@Injectable()
export class ContactsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Finds or creates the contact behind an address on an inbox, inside the caller's transaction.
   * An advisory lock on (inbox, address) makes concurrent first messages converge on one contact.
   */
  async resolveChannel(
    tx: EntityManager,
    input: { accountId: string; inboxId: string; address: string; profile?: ContactProfile },
  ): Promise<ResolvedChannel> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`contact_channel:${input.inboxId}:${input.address}`]);
    const existing = await tx.getRepository(ContactChannelEntity).findOneBy({ inboxId: input.inboxId, address: input.address });
    if (existing) return { contactId: existing.contactId, contactChannelId: existing.id, created: false };
    const contactId = newId();
    const contactChannelId = newId();
    await tx.getRepository(ContactEntity).insert({
      id: contactId,
      accountId: input.accountId,
      name: input.profile?.name ?? null,
      email: input.profile?.email ?? null,
      phone: input.profile?.phone ?? null,
      attributes: {},
    });
    await tx.getRepository(ContactChannelEntity).insert({
      id: contactChannelId,
      accountId: input.accountId,
      contactId,
      inboxId: input.inboxId,
      address: input.address,
    });
    return { contactId, contactChannelId, created: true };
  }

  async channel(accountId: string, contactChannelId: string): Promise<ContactChannelEntity | null> {
    return this.db.getRepository(ContactChannelEntity).findOneBy({ id: contactChannelId, accountId });
  }

  async channelByAddress(inboxId: string, address: string): Promise<ContactChannelEntity | null> {
    return this.db.getRepository(ContactChannelEntity).findOneBy({ inboxId, address });
  }

  async summaries(accountId: string, ids: string[]): Promise<Map<string, ContactSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.getRepository(ContactEntity).findBy({ accountId, id: In(unique) });
    return new Map(rows.map((c) => [c.id, { id: c.id, name: c.name, email: c.email, phone: c.phone }]));
  }

  /** Contacts matching a search, for filtering other lists (conversations) by contact. */
  async searchIds(accountId: string, q: string, limit = 500): Promise<string[]> {
    const rows = await this.db
      .getRepository(ContactEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.account_id = :accountId', { accountId })
      .andWhere('(c.name ILIKE :q OR c.email ILIKE :q OR c.phone ILIKE :q)', { q: likePattern(q) })
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  async list(accountId: string, query: { q?: string; cursor?: string; limit?: number }): Promise<{ data: ContactView[]; nextCursor: string | null }> {
    const limit = Math.min(query.limit ?? 25, 100);
    const cursor = decodeCursor(query.cursor);
    const qb = this.db.getRepository(ContactEntity).createQueryBuilder('c').where('c.account_id = :accountId', { accountId });
    if (query.q) {
      qb.andWhere('(c.name ILIKE :q OR c.email ILIKE :q OR c.phone ILIKE :q)', { q: likePattern(query.q) });
    }
    if (cursor) qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    const rows = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: await this.withChannels(page),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  async get(accountId: string, id: string): Promise<ContactView> {
    const contact = await this.db.getRepository(ContactEntity).findOneBy({ id, accountId });
    if (!contact) throw AppError.notFound('Contact');
    return (await this.withChannels([contact]))[0]!;
  }

  async create(accountId: string, input: ContactProfile & { attributes?: ContactAttributes }): Promise<ContactView> {
    const id = newId();
    await this.db.getRepository(ContactEntity).insert({ id, accountId, ...this.normalise(input), attributes: input.attributes ?? {} });
    return this.get(accountId, id);
  }

  async update(accountId: string, id: string, input: ContactProfile & { attributes?: ContactAttributes }): Promise<ContactView> {
    const contact = await this.db.getRepository(ContactEntity).findOneBy({ id, accountId });
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
    const patch = this.normalise(profile);
    const contact = await tx.getRepository(ContactEntity).findOneBy({ id: contactId, accountId });
    if (!contact) return;
    const missing = Object.fromEntries(
      Object.entries(patch).filter(([k, v]) => v && !contact[k as keyof ContactProfile]),
    );
    if (Object.keys(missing).length > 0) await tx.getRepository(ContactEntity).update({ id: contactId, accountId }, missing);
  }

  private normalise(input: ContactProfile): ContactProfile {
    const out: ContactProfile = {};
    if (input.name !== undefined) out.name = input.name?.trim() || null;
    if (input.email !== undefined) out.email = input.email?.trim().toLowerCase() || null;
    if (input.phone !== undefined && input.phone !== null && input.phone !== '') {
      const e164 = toE164(input.phone);
      if (!e164) throw AppError.validation('Invalid phone number', [{ field: 'phone', messages: ['phone must be a valid international number, e.g. +8613800138000'] }]);
      out.phone = e164;
    } else if (input.phone !== undefined) out.phone = null;
    return out;
  }

  private async withChannels(contacts: ContactEntity[]): Promise<ContactView[]> {
    const channels = contacts.length
      ? await this.db.getRepository(ContactChannelEntity).findBy({ contactId: In(contacts.map((c) => c.id)) })
      : [];
    return contacts.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      attributes: c.attributes,
      channels: channels.filter((ch) => ch.contactId === c.id).map((ch) => ({ id: ch.id, inboxId: ch.inboxId, address: displayAddress(ch.address) })),
      createdAt: c.createdAt.toISOString(),
    }));
  }
}

/** Web-chat addresses are derived from secrets; agents see only that it is a web visitor. */
function displayAddress(address: string): string {
  return address.startsWith('visitor:') ? 'web visitor' : address.startsWith('user:') ? address.slice(5) : address;
}
