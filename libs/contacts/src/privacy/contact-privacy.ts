import { AppError, Clock, newId, toE164 } from '@concierge/common';
import type { AccountContext } from '@concierge/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { channelLock, emailLock, phoneLock, takeLocks } from '../advisory-locks.js';
import { ContactChannelEntity, ContactEntity, ContactMergeEntity } from '../contact.entity.js';
import { toMergeView } from '../contact.views.js';
import { ContactErasureEntity } from './erasure.entities.js';
import { ErasureTombstones } from './erasure-tombstones.js';
import { PersonalDataRegistry, type ErasureCounts, type PersonalDataSubject } from './personal-data.js';

export const EXPORT_FORMAT = 'concierge.contact-export/v1';

export interface ContactExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  accountId: string;
  contact: ExportedContact;
  /** Contacts merged into this one (kept so the merge can be undone): the same person. */
  mergedContacts: ExportedContact[];
  channels: { id: string; inboxId: string; address: string; kind: string; createdAt: string }[];
  merges: ReturnType<typeof toMergeView>[];
  /** One section per lib holding data about the contact (`conversations`, `attachments`, `orders`, …). */
  [section: string]: unknown;
}

interface ExportedContact {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface ErasureResult {
  erasureId: string;
  contactId: string;
  erasedAt: string;
  counts: ErasureCounts;
}

/**
 * Right of access and right to erasure for one contact, across every channel and every lib that
 * registered a PersonalDataHolder. Both run in one transaction; an erasure locks the person's
 * identities the way ingest does, so a message being stored for them concurrently either lands
 * before (and is erased) or after (and starts a new contact).
 */
@Injectable()
export class ContactPrivacy {
  private readonly logger = new Logger(ContactPrivacy.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: PersonalDataRegistry,
    private readonly tombstones: ErasureTombstones,
    private readonly clock: Clock,
  ) {}

  async export(ctx: AccountContext, contactId: string): Promise<ContactExport> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const { subject, contacts } = await this.subject(tx, ctx.accountId, contactId);
      const channels = await tx.getRepository(ContactChannelEntity).find({ where: { accountId: ctx.accountId, contactId: In(subject.contactIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
      const merges = await this.merges(tx, ctx.accountId, subject.contactIds);
      const out: ContactExport = {
        format: EXPORT_FORMAT,
        exportedAt: this.clock.now().toISOString(),
        accountId: ctx.accountId,
        contact: exported(contacts[0]!),
        mergedContacts: contacts.slice(1).map(exported),
        channels: channels.map((c) => ({ id: c.id, inboxId: c.inboxId, address: c.address, kind: c.kind, createdAt: c.createdAt.toISOString() })),
        merges: merges.map(toMergeView),
      };
      for (const holder of this.registry.all()) out[holder.section] = await holder.export(tx, subject);
      return out;
    });
  }

  async erase(ctx: AccountContext, contactId: string): Promise<ErasureResult> {
    if (ctx.role !== 'admin') throw AppError.forbidden('Only admins of this brand can erase a contact');
    const erasedAt = this.clock.now();
    const erasureId = newId();
    const { counts, afterCommit } = await this.db.transaction(async (tx) => {
      const first = await this.subject(tx, ctx.accountId, contactId);
      await takeLocks(tx, [
        ...first.subject.phones.map((p) => phoneLock(ctx.accountId, p)),
        ...first.subject.emails.map((e) => emailLock(ctx.accountId, e)),
        ...first.subject.channels.map((c) => channelLock(c.inboxId, c.address)),
      ]);
      // Re-read under the locks: a merge or a new channel may have landed while we waited.
      const { subject } = await this.subject(tx, ctx.accountId, contactId);
      const counts: ErasureCounts = {};
      const after: (() => Promise<ErasureCounts>)[] = [];
      const sources: { inboxId: string; kind: 'source'; value: string }[] = [];
      for (const holder of this.registry.all()) {
        const result = await holder.erase(tx, subject);
        add(counts, result.counts);
        for (const s of result.sourceIds ?? []) sources.push({ inboxId: s.inboxId, kind: 'source', value: s.sourceId });
        if (result.afterCommit) after.push(result.afterCommit);
      }
      await this.tombstones.record(tx, ctx.accountId, erasedAt, [...subject.channels.map((c) => ({ inboxId: c.inboxId, kind: 'address' as const, value: c.address })), ...sources]);
      counts.merges = (await tx.getRepository(ContactMergeEntity).delete([{ accountId: ctx.accountId, survivorContactId: In(subject.contactIds) }, { accountId: ctx.accountId, mergedContactId: In(subject.contactIds) }])).affected ?? 0;
      counts.contactChannels = subject.channels.length;
      // Channels (and what still hangs off them by foreign key) go with the contacts.
      counts.contacts = (await tx.getRepository(ContactEntity).delete({ accountId: ctx.accountId, id: In(subject.contactIds) })).affected ?? 0;
      await tx.getRepository(ContactErasureEntity).insert({ id: erasureId, accountId: ctx.accountId, contactId, erasedBy: ctx.agent.id, erasedAt, counts });
      return { counts, afterCommit: after };
    });
    for (const step of afterCommit) {
      try {
        add(counts, await step());
      } catch (error) {
        // The database part is done and audited; a file left behind is logged (without personal data) for an operator.
        this.logger.error({ err: error instanceof Error ? error.message : String(error), erasureId }, 'Erasure: a clean-up step outside the database failed');
      }
    }
    if (afterCommit.length) await this.db.getRepository(ContactErasureEntity).update({ id: erasureId }, { counts });
    this.logger.log({ erasureId, accountId: ctx.accountId, erasedBy: ctx.agent.id }, 'Contact erased');
    return { erasureId, contactId, erasedAt: erasedAt.toISOString(), counts };
  }

  private async subject(tx: EntityManager, accountId: string, contactId: string): Promise<{ subject: PersonalDataSubject; contacts: ContactEntity[] }> {
    const contact = await tx.getRepository(ContactEntity).findOneBy({ id: contactId, accountId });
    if (!contact) throw AppError.notFound('Contact');
    if (contact.mergedIntoId) throw new AppError('NOT_FOUND', 'Contact was merged into another contact: export or erase that one', { mergedIntoId: contact.mergedIntoId });
    const contacts = [contact];
    // Tombstones merged into it, transitively (a merged contact may itself have absorbed others).
    for (let frontier = [contact.id]; frontier.length > 0; ) {
      const merged = await tx.getRepository(ContactEntity).findBy({ accountId, mergedIntoId: In(frontier) });
      const fresh = merged.filter((m) => !contacts.some((c) => c.id === m.id));
      contacts.push(...fresh);
      frontier = fresh.map((m) => m.id);
    }
    const ids = contacts.map((c) => c.id);
    const channels = await tx.getRepository(ContactChannelEntity).findBy({ accountId, contactId: In(ids) });
    const phones = new Set<string>();
    const emails = new Set<string>();
    for (const c of contacts) {
      if (c.phone) phones.add(c.phone);
      if (c.email) emails.add(c.email.toLowerCase());
    }
    for (const ch of channels) {
      const phone = ch.kind === 'phone' ? toE164(ch.address) : null;
      if (phone) phones.add(phone);
      if (ch.address.startsWith('user:')) {
        const id = ch.address.slice(5);
        if (id.includes('@')) emails.add(id.toLowerCase());
        else if (toE164(id)) phones.add(toE164(id)!);
      }
    }
    return {
      contacts,
      subject: {
        accountId,
        contactIds: ids,
        channels: channels.map((c) => ({ id: c.id, inboxId: c.inboxId, address: c.address, kind: c.kind })),
        phones: [...phones],
        emails: [...emails],
      },
    };
  }

  private merges(tx: EntityManager, accountId: string, ids: string[]): Promise<ContactMergeEntity[]> {
    return tx.getRepository(ContactMergeEntity).find({
      where: [{ accountId, survivorContactId: In(ids) }, { accountId, mergedContactId: In(ids) }],
      order: { createdAt: 'DESC' },
    });
  }
}

function exported(c: ContactEntity): ExportedContact {
  return { id: c.id, name: c.name, email: c.email, phone: c.phone, attributes: c.attributes, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

function add(into: ErasureCounts, more: ErasureCounts): void {
  for (const [k, v] of Object.entries(more)) into[k] = (into[k] ?? 0) + v;
}
