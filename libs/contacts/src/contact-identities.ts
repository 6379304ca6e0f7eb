import { AppError, firstOfEach, newId, toE164 } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { channelLock, emailLock, phoneLock, takeLocks } from './advisory-locks.js';
import { preferredLocale, type AddressKind, type ContactAttributes, type ContactFields } from './contact-fields.js';
import { ContactChannelEntity, ContactEntity } from './contact.entity.js';
import { ContactMerger } from './contact-merger.js';

export interface ContactProfile {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface ResolveChannelInput {
  accountId: string;
  inboxId: string;
  /** The customer's address on this inbox: an E.164 number for phone channels, a visitor key for web chat. */
  address: string;
  /** `phone` for every WhatsApp provider and SMS: the same number on any of them is one contact. */
  addressKind: AddressKind;
  profile?: ContactProfile;
}

export interface ResolvedChannel {
  contactId: string;
  contactChannelId: string;
  /** The channel is new (its first message). */
  created: boolean;
  /** A new contact was created for it (false when a new phone channel joined an existing contact). */
  contactCreated: boolean;
  /** The contact's fields as this resolution saw them (null when it joined an existing contact). */
  contact: ContactSnapshot | null;
}

export interface ContactSnapshot {
  name: string | null;
  email: string | null;
  phone: string | null;
  /** Its preferred language (see `preferredLocale`). */
  locale: string | null;
}

/** The key of an address on an inbox. */
export function channelKey(inboxId: string, address: string): string {
  return `${inboxId}\n${address}`;
}

export interface VerifiedIdentity {
  accountId: string;
  contactId: string;
  email?: string | null;
  phone?: string | null;
}

const MAX_HOPS = 20;

/** What a first message from an address locks: its phone identity (if any) and its channel. */
function firstMessageLocks(input: ResolveChannelInput): string[] {
  const phone = input.addressKind === 'phone' ? toE164(input.address) : null;
  return [...(phone ? [phoneLock(input.accountId, phone)] : []), channelLock(input.inboxId, input.address)];
}

/** Who is behind an address: recognises the same person across channels and links verified identities. */
@Injectable()
export class ContactIdentities {
  constructor(private readonly merger: ContactMerger) {}

  async resolveChannel(tx: EntityManager, input: ResolveChannelInput): Promise<ResolvedChannel> {
    return (await this.resolveChannels(tx, [input]))[0]!;
  }

  /**
   * `resolveChannel` for many addresses at once (a batch of inbound messages), one answer per input
   * (the same address twice gets the same channel). Known channels come from one query; for the new
   * ones every lock is taken up front in the global order, then each is created.
   */
  async resolveChannels(tx: EntityManager, inputs: ResolveChannelInput[]): Promise<ResolvedChannel[]> {
    const found = await this.known(tx, inputs);
    // The first message of an address creates its channel (with that message's profile).
    const missing = firstOfEach(inputs.filter((i) => !found.has(channelKey(i.inboxId, i.address))), (i) => channelKey(i.inboxId, i.address));
    if (missing.length > 0) {
      // The (account, phone) lock makes first messages from one number on several inboxes converge;
      // the (inbox, address) lock, taken after every identity lock, keeps one channel per address on an inbox.
      await takeLocks(tx, missing.flatMap(firstMessageLocks));
      const raced = await this.known(tx, missing);
      for (const [key, channel] of raced) found.set(key, channel);
      for (const [key, channel] of await this.createMany(tx, missing.filter((i) => !raced.has(channelKey(i.inboxId, i.address))))) found.set(key, channel);
    }
    return inputs.map((i) => found.get(channelKey(i.inboxId, i.address))!);
  }

  /**
   * A web visitor proved who they are (HMAC-verified): fill the contact's empty email/phone, then merge
   * every other live contact of the account with that email or phone into the oldest of them.
   * An invalid phone is ignored rather than failing the visitor's session. Returns the surviving contact.
   */
  async linkVerifiedIdentity(tx: EntityManager, input: VerifiedIdentity): Promise<string> {
    const email = input.email?.trim().toLowerCase() || null;
    const phone = input.phone ? toE164(input.phone) : null;
    await takeLocks(tx, [...(email ? [emailLock(input.accountId, email)] : []), ...(phone ? [phoneLock(input.accountId, phone)] : [])]);
    for (let attempt = 0; attempt < MAX_HOPS; attempt++) {
      const contact = await this.live(tx, input.accountId, input.contactId);
      if (!email && !phone) return contact.id;
      const others = await this.liveByIdentity(tx, input.accountId, { email, phone, except: contact.id });
      // Row locks in id order before any write, like every merge: no deadlock with a concurrent manual merge.
      const group = await this.merger.lockLive(tx, input.accountId, [contact.id, ...others.map((o) => o.id)]);
      const me = group.find((c) => c.id === contact.id);
      if (!me) continue; // merged meanwhile: start again from its survivor

      const fill = { ...(email && !me.email && { email }), ...(phone && !me.phone && { phone }) };
      if (Object.keys(fill).length > 0) await tx.getRepository(ContactEntity).update({ id: me.id, accountId: input.accountId }, fill);
      const [survivor, ...rest] = group.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
      for (const other of rest) {
        await this.merger.merge(tx, { accountId: input.accountId, survivorId: survivor!.id, otherId: other.id, reason: 'verified_identity', createdBy: null });
      }
      return survivor!.id;
    }
    throw new AppError('CONFLICT', 'The contact kept changing; try again');
  }

  /** The live contact a (possibly merged) contact id stands for today. */
  async live(tx: EntityManager, accountId: string, contactId: string): Promise<ContactEntity> {
    let id: string | null = contactId;
    for (let hop = 0; id && hop < MAX_HOPS; hop++) {
      const contact: ContactEntity | null = await tx.getRepository(ContactEntity).findOneBy({ id, accountId });
      if (!contact) break;
      if (!contact.mergedIntoId) return contact;
      id = contact.mergedIntoId;
    }
    throw AppError.notFound('Contact');
  }

  /** The channels that already exist for these addresses, with their contact's fields. */
  private async known(tx: EntityManager, inputs: ResolveChannelInput[]): Promise<Map<string, ResolvedChannel>> {
    if (inputs.length === 0) return new Map();
    const rows: { inbox_id: string; address: string; channel_id: string; contact_id: string; name: string | null; email: string | null; phone: string | null; attributes: ContactAttributes }[] = await tx.query(
      `SELECT ch.inbox_id, ch.address, ch.id AS channel_id, ch.contact_id, c.name, c.email, c.phone, c.attributes
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS v(account_id, inbox_id, address)
         JOIN contact_channel ch ON ch.inbox_id = v.inbox_id AND ch.address = v.address AND ch.account_id = v.account_id
         JOIN contact c ON c.id = ch.contact_id`,
      [inputs.map((i) => i.accountId), inputs.map((i) => i.inboxId), inputs.map((i) => i.address)],
    );
    return new Map(
      rows.map((r) => [
        channelKey(r.inbox_id, r.address),
        { contactId: r.contact_id, contactChannelId: r.channel_id, created: false, contactCreated: false, contact: { name: r.name, email: r.email, phone: r.phone, locale: preferredLocale(r.attributes) } },
      ]),
    );
  }

  /**
   * New channels, under their locks: each joins the account's contact with its phone (recorded,
   * undoable), else gets a new contact, which later channels of the batch with the same phone join.
   * Contacts and channels are inserted with one statement each.
   */
  private async createMany(tx: EntityManager, inputs: ResolveChannelInput[], hop = 0): Promise<Map<string, ResolvedChannel>> {
    if (hop >= MAX_HOPS) throw new AppError('CONFLICT', 'The contact for this phone number kept changing; try again');
    const result = new Map<string, ResolvedChannel>();
    const owners = await this.phoneOwners(tx, inputs);
    const contacts: ContactEntity[] = [];
    const channels: Partial<ContactChannelEntity>[] = [];
    const links: { survivor: ContactEntity; channelId: string; would: ContactFields }[] = [];
    const ownerMerged: ResolveChannelInput[] = [];
    for (const input of inputs) {
      const phone = input.addressKind === 'phone' ? toE164(input.address) : null;
      const owned = phone ? owners.get(`${input.accountId}\n${phone}`) : undefined;
      if (owned === null) {
        ownerMerged.push(input);
        continue;
      }
      const contactChannelId = newId();
      const profile = { name: input.profile?.name?.trim() || null, email: input.profile?.email?.trim().toLowerCase() || null };
      if (owned && phone) {
        channels.push({ id: contactChannelId, accountId: input.accountId, contactId: owned.id, inboxId: input.inboxId, address: input.address, kind: input.addressKind });
        links.push({ survivor: owned, channelId: contactChannelId, would: { ...profile, phone, attributes: {} } });
        result.set(channelKey(input.inboxId, input.address), { contactId: owned.id, contactChannelId, created: true, contactCreated: false, contact: null });
        continue;
      }
      const profilePhone = input.profile?.phone ? toE164(input.profile.phone) : null;
      const contact = tx.getRepository(ContactEntity).create({ id: newId(), accountId: input.accountId, ...profile, phone: phone ?? profilePhone, attributes: {}, mergedIntoId: null });
      contacts.push(contact);
      if (phone) owners.set(`${input.accountId}\n${phone}`, contact);
      channels.push({ id: contactChannelId, accountId: input.accountId, contactId: contact.id, inboxId: input.inboxId, address: input.address, kind: input.addressKind });
      result.set(channelKey(input.inboxId, input.address), {
        contactId: contact.id, contactChannelId, created: true, contactCreated: true, contact: { ...profile, phone: contact.phone, locale: null },
      });
    }
    if (contacts.length > 0) await tx.getRepository(ContactEntity).insert(contacts);
    if (channels.length > 0) await tx.getRepository(ContactChannelEntity).insert(channels);
    for (const link of links) await this.merger.recordLink(tx, { accountId: link.survivor.accountId, ...link });
    // Their owner was merged while we looked: a fresh look finds the survivor.
    if (ownerMerged.length > 0) for (const [key, channel] of await this.createMany(tx, ownerMerged, hop + 1)) result.set(key, channel);
    return result;
  }

  /**
   * The oldest live contact of each new phone (its own field or one of its phone channels), locked
   * (FOR NO KEY UPDATE, in id order) so a concurrent merge cannot turn it into a tombstone before our
   * channel is attached; null when a merge got there first (the caller looks again).
   */
  private async phoneOwners(tx: EntityManager, inputs: ResolveChannelInput[]): Promise<Map<string, ContactEntity | null>> {
    const wanted = [...new Set(inputs.flatMap((i) => (i.addressKind === 'phone' && toE164(i.address) ? [`${i.accountId}\n${toE164(i.address)}`] : [])))];
    if (wanted.length === 0) return new Map();
    const pairs = wanted.map((w) => w.split('\n') as [string, string]);
    const found: { account_id: string; phone: string; id: string }[] = await tx.query(
      `SELECT v.account_id, v.phone, o.id
         FROM unnest($1::uuid[], $2::text[]) AS v(account_id, phone)
         CROSS JOIN LATERAL (
           SELECT c.id FROM contact c
            WHERE c.account_id = v.account_id AND c.merged_into_id IS NULL
              AND c.id IN (SELECT p.id FROM contact p WHERE p.account_id = v.account_id AND p.phone = v.phone
                           UNION SELECT ch.contact_id FROM contact_channel ch WHERE ch.account_id = v.account_id AND ch.kind = 'phone' AND ch.address = v.phone)
            ORDER BY c.created_at, c.id LIMIT 1) o`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const owners = new Map<string, ContactEntity | null>();
    if (found.length === 0) return owners;
    const locked = await tx
      .getRepository(ContactEntity)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids) AND c.merged_into_id IS NULL', { ids: [...new Set(found.map((f) => f.id))] })
      .orderBy('c.id')
      .setLock('for_no_key_update')
      .getMany();
    const live = new Map(locked.map((c) => [c.id, c]));
    for (const f of found) owners.set(`${f.account_id}\n${f.phone}`, live.get(f.id) ?? null);
    return owners;
  }

  /** Live contacts of the account with this email (any case) or phone, oldest first. */
  private async liveByIdentity(
    tx: EntityManager,
    accountId: string,
    match: { email: string | null; phone: string | null; except?: string; limit?: number },
  ): Promise<ContactEntity[]> {
    // Each identity through its own index: an OR across them (or with a subquery) scans every contact of the brand.
    const ids: string[] = [];
    if (match.email) ids.push('SELECT e.id FROM contact e WHERE e.account_id = :accountId AND lower(e.email) = :email AND e.email IS NOT NULL');
    if (match.phone) {
      ids.push('SELECT p.id FROM contact p WHERE p.account_id = :accountId AND p.phone = :phone');
      ids.push(`SELECT ch.contact_id FROM contact_channel ch WHERE ch.account_id = :accountId AND ch.kind = 'phone' AND ch.address = :phone`);
    }
    if (ids.length === 0) return [];
    const qb = tx
      .getRepository(ContactEntity)
      .createQueryBuilder('c')
      .where('c.account_id = :accountId AND c.merged_into_id IS NULL', { accountId, email: match.email, phone: match.phone })
      .andWhere(`c.id IN (${ids.join(' UNION ')})`)
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(match.limit ?? 50);
    if (match.except) qb.andWhere('c.id <> :except', { except: match.except });
    return qb.getMany();
  }
}
