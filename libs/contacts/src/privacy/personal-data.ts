import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Whose data an export or an erasure is about: one person as the hub knows them in one brand. */
export interface PersonalDataSubject {
  accountId: string;
  /** The contact and every contact merged into it (tombstones kept for undo are the same person). */
  contactIds: string[];
  channels: { id: string; inboxId: string; address: string; kind: 'phone' | 'visitor' }[];
  /** Every phone, email and name the hub holds for them (contact fields and channel addresses). */
  phones: string[];
  emails: string[];
}

/** What one holder removed, counted for the audit row (numbers only, never the data itself). */
export type ErasureCounts = Record<string, number>;

export interface HolderErasure {
  counts: ErasureCounts;
  /** Provider message ids of the removed messages: tombstoned so a replayed webhook stores nothing. */
  sourceIds?: { inboxId: string; sourceId: string }[];
  /** Work outside the database (files on this instance's disk), run after the transaction committed. */
  afterCommit?: () => Promise<ErasureCounts>;
}

/**
 * A lib that keeps personal data about contacts in tables of its own (messages, orders, …). Contacts
 * cannot import those libs (they sit above it), so each registers a holder here and the export and
 * the erasure walk every registered holder inside one transaction.
 */
export abstract class PersonalDataHolder {
  /** Section name in the export (`conversations`, `orders`, …). */
  abstract readonly section: string;
  abstract export(tx: EntityManager, subject: PersonalDataSubject): Promise<unknown>;
  /** Runs before the contact rows are deleted (their channels still exist to find what hangs off them). */
  abstract erase(tx: EntityManager, subject: PersonalDataSubject): Promise<HolderErasure>;
}

@Injectable()
export class PersonalDataRegistry {
  private readonly holders = new Map<string, PersonalDataHolder>();

  register(holder: PersonalDataHolder): void {
    if (this.holders.has(holder.section)) throw new Error(`Personal data section ${holder.section} registered twice`);
    this.holders.set(holder.section, holder);
  }

  all(): PersonalDataHolder[] {
    return [...this.holders.values()];
  }
}
