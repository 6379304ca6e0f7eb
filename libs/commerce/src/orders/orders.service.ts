import { AppError, Clock, newId } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { ContactsService, type ContactView } from '@concierge/contacts';
import type { ContactOrderView, OrderStatus, OrderSummaryContent } from '@concierge/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { CodeDelivery } from './code-delivery.js';
import { OrderChallengeEntity } from './entities.js';
import { checkCode, CODE_TTL_MS, hashCode, MAX_ATTEMPTS, newCode } from './order-codes.js';
import { normaliseOrderRef, type StoreOrder } from './order.types.js';
import { orderSummaryContent, orderSummaryLine, statusLabel } from './order-summary.js';
import { ownsOrder, provenIdentities, type ProvenIdentities } from './ownership.js';
import { StoreConnections } from './store-connections.js';

/** What a customer may learn. not_found covers "no such order", "someone else's" and "slow down" alike. */
export type CustomerOrderLookup =
  | { kind: 'found'; order: StoreOrder; content: OrderSummaryContent; summary: string }
  | { kind: 'not_found' }
  | { kind: 'not_owner' }
  | { kind: 'unavailable' };


export type CodeVerification = { ok: true; orderNumber: string } | { ok: false; reason: 'no_challenge' | 'wrong' | 'expired' | 'too_many_attempts' | 'rate_limited' };

/** Per contact: misses (unknown or someone else's order); 20 numbers in a row is enumeration. Per brand: every lookup. */
const PER_CONTACT = { points: 5, duration: 10 * 60 };
const PER_ACCOUNT = { points: 120, duration: 60 };
/** How long after a code was sent a six-digit reply is taken as that code (expired ones still answer "expired"). */
const CHALLENGE_RECENT_MS = 60 * 60_000;
/** How long a proven order stays unlocked for the contact who typed its code. */
const PROOF_TTL_MS = 24 * 3600_000;

/**
 * Order lookup for customers (ownership proof, one-time codes, rate limits) and for agents (a contact's orders).
 * (In-process limiters for a single node; the Redis store replaces them when the hub scales out.)
 */
@Injectable()
export class OrdersService {
  private readonly log = new Logger(OrdersService.name);
  private readonly perContact = new RateLimiterMemory({ keyPrefix: 'order-lookup-contact', ...PER_CONTACT });
  private readonly perAccount = new RateLimiterMemory({ keyPrefix: 'order-lookup-account', ...PER_ACCOUNT });
  private readonly codeTries = new RateLimiterMemory({ keyPrefix: 'order-code-contact', points: MAX_ATTEMPTS * 2, duration: 15 * 60 });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly connections: StoreConnections,
    private readonly contacts: ContactsService,
    private readonly delivery: CodeDelivery,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * A customer asks about an order. Details only when one of the contact's proven identities matches the
   * order (or they typed the code sent to the order's phone); otherwise a code goes to the order's phone
   * and the answer is `not_owner`, which callers must word exactly like `not_found`.
   */
  async lookupForCustomer(input: { accountId: string; contactId: string | null; orderRef: string; locale: string }): Promise<CustomerOrderLookup> {
    const provider = await this.connections.provider(input.accountId);
    if (!provider) return { kind: 'unavailable' };
    if (!input.contactId) return { kind: 'not_found' };
    const contactKey = `${input.accountId}:${input.contactId}`;
    if (!(await this.allowed(input.accountId, contactKey))) return { kind: 'not_found' };
    const miss = async (): Promise<{ kind: 'not_found' }> => {
      await this.perContact.penalty(contactKey, 1);
      return { kind: 'not_found' };
    };
    const ref = normaliseOrderRef(input.orderRef);
    if (!ref) return miss();
    let order: StoreOrder | null;
    try {
      order = await provider.findByNumber(ref);
    } catch (error) {
      this.log.warn({ accountId: input.accountId, err: (error as Error).message }, 'order lookup: store unavailable');
      return { kind: 'unavailable' };
    }
    if (!order) return miss();
    const who = await this.identities(input.accountId, input.contactId);
    if (ownsOrder(order, who) || (await this.proven(input.accountId, input.contactId, order.number))) {
      const content = orderSummaryContent(order, input.locale);
      return { kind: 'found', order, content, summary: orderSummaryLine(content) };
    }
    await this.perContact.penalty(contactKey, 1);
    await this.challenge(input.accountId, input.contactId, order, input.locale);
    return { kind: 'not_owner' };
  }

  /**
   * The customer typed the code sent to the order's phone. Each attempt counts; five wrong ones burn the code.
   * The automation engine calls this when a customer's message looks like a code.
   */
  async verifyCode(input: { accountId: string; contactId: string; code: string }): Promise<CodeVerification> {
    try {
      await this.codeTries.consume(`${input.accountId}:${input.contactId}`);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { ok: false, reason: 'rate_limited' };
      throw rejection;
    }
    const repo = this.db.getRepository(OrderChallengeEntity);
    const now = this.clock.now();
    // Only a recent challenge makes six digits a code: yesterday's must not swallow an order number typed today.
    const challenge = await repo.findOne({
      where: { accountId: input.accountId, contactId: input.contactId, verifiedAt: IsNull(), createdAt: MoreThan(new Date(now.getTime() - CHALLENGE_RECENT_MS)) },
      order: { createdAt: 'DESC' },
    });
    if (!challenge) return { ok: false, reason: 'no_challenge' };
    const outcome = checkCode(this.config.secrets.tokenSecret, challenge, input.code, now);
    if (outcome === 'ok') {
      await repo.update({ id: challenge.id }, { verifiedAt: now, attempts: challenge.attempts + 1 });
      return { ok: true, orderNumber: challenge.orderNumber };
    }
    if (outcome === 'wrong') await repo.increment({ id: challenge.id }, 'attempts', 1);
    return { ok: false, reason: outcome === 'already_used' ? 'no_challenge' : outcome };
  }

  /** Agents: the contact's orders in the connected store, matched on every identity the contact has (agents are trusted). */
  async listForContact(accountId: string, contactId: string, locale = 'en'): Promise<ContactOrderView[]> {
    const contact = await this.contacts.get(accountId, contactId);
    const provider = await this.connections.provider(accountId);
    if (!provider) return [];
    const who = this.allIdentities(contact);
    let orders: StoreOrder[];
    try {
      orders = await provider.listForContact(who, 20);
    } catch (error) {
      throw new AppError('SERVICE_UNAVAILABLE', `The store did not answer: ${(error as Error).message}`);
    }
    return orders.map((o) => ({
      number: o.number,
      status: o.status,
      statusLabel: statusLabel(o.status, locale),
      total: o.total,
      itemCount: o.items.reduce((n, i) => n + i.quantity, 0),
      trackingUrl: o.trackingUrl,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    }));
  }

  /**
   * Every lookup counts against the brand (it costs a store call); only misses (unknown or someone else's
   * order) count against the contact, so a customer checking their own orders is never slowed down.
   */
  private async allowed(accountId: string, contactKey: string): Promise<boolean> {
    const misses = await this.perContact.get(contactKey);
    if (misses && misses.consumedPoints >= PER_CONTACT.points) return this.limited(accountId, contactKey);
    try {
      await this.perAccount.consume(accountId);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return this.limited(accountId, contactKey);
    }
  }

  private limited(accountId: string, contactKey: string): false {
    this.log.warn({ accountId, contact: contactKey.split(':')[1] }, 'order lookup rate-limited (possible enumeration)');
    return false;
  }

  private async identities(accountId: string, contactId: string): Promise<ProvenIdentities> {
    const contact = await this.contacts.get(accountId, contactId).catch(() => null);
    return contact ? provenIdentities(contact.channels) : { phones: [], emails: [] };
  }

  private allIdentities(contact: ContactView): ProvenIdentities {
    const proven = provenIdentities(contact.channels);
    return {
      phones: [...new Set([...proven.phones, ...(contact.phone ? [contact.phone] : [])])],
      emails: [...new Set([...proven.emails, ...(contact.email ? [contact.email.toLowerCase()] : [])])],
    };
  }

  private async proven(accountId: string, contactId: string, orderNumber: string): Promise<boolean> {
    const since = new Date(this.clock.now().getTime() - PROOF_TTL_MS);
    return this.db.getRepository(OrderChallengeEntity).exists({ where: { accountId, contactId, orderNumber, verifiedAt: MoreThan(since) } });
  }

  /** One live code per order at a time: asking again (or twenty people asking) never floods the owner's phone. */
  private async challenge(accountId: string, contactId: string, order: StoreOrder, locale: string): Promise<void> {
    const repo = this.db.getRepository(OrderChallengeEntity);
    const now = this.clock.now();
    const live = await repo.exists({ where: { accountId, orderNumber: order.number, verifiedAt: IsNull(), expiresAt: MoreThan(now) } });
    if (live) return;
    const id = newId();
    const code = newCode();
    await repo.insert({ id, createdAt: now, accountId, contactId, orderNumber: order.number, codeHash: hashCode(this.config.secrets.tokenSecret, id, code), expiresAt: new Date(now.getTime() + CODE_TTL_MS), attempts: 0, verifiedAt: null });
    const sent = await this.delivery.send({ accountId, phone: order.phone, orderNumber: order.number, code, challengeId: id, locale }).catch((error: Error) => {
      this.log.warn({ accountId, err: error.message }, 'order code not delivered');
      return false;
    });
    // Undeliverable (no conversation with the order's phone, window closed, opted out): nobody could use it.
    if (!sent) await repo.delete({ id });
  }
}
