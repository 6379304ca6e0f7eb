import { createHash, randomBytes } from 'node:crypto';
import { AppError, Clock, newId, toE164 } from '@concierge/common';
import type { Money } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { StoreConnectionEntity, StoreOrderEntity } from './entities.js';
import { FRIENDLY_STATUSES, type FriendlyStatus, type OrderItem, type StoreOrder } from './order.types.js';
import { fromEntity } from './providers/builtin/builtin-orders.js';

export interface BuiltInOrderInput {
  number: string;
  customerName?: string | null;
  customerEmail?: string | null;
  customerPhone?: string | null;
  status: FriendlyStatus;
  items: OrderItem[];
  total: { amount: string; currency: string };
  trackingUrl?: string | null;
  trackingCarrier?: string | null;
}

export interface OrderStatusChange {
  status: FriendlyStatus;
  trackingUrl?: string | null;
  trackingCarrier?: string | null;
}

/** How long a pay link works: long enough for a customer to come back after a weekend. */
export const PAY_LINK_TTL_MS = 7 * 24 * 3600_000;
function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && value.length <= 2000;
  } catch {
    return false;
  }
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Writes to the built-in store: the demo seeder, checkout's pending orders, pay links and status changes. */
@Injectable()
export class BuiltInStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Connects the brand to the built-in store and upserts the orders by number. */
  async seed(accountId: string, orders: BuiltInOrderInput[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await tx.getRepository(StoreConnectionEntity).existsBy({ accountId }))) {
        await tx.getRepository(StoreConnectionEntity).insert({ accountId, provider: 'builtin', config: {}, credentials: null });
      }
      for (const o of orders) {
        await tx.getRepository(StoreOrderEntity).upsert(
          {
            id: newId(), accountId, number: o.number.replace(/^#/, ''), customerName: o.customerName ?? null,
            customerEmail: o.customerEmail?.trim().toLowerCase() || null, customerPhone: o.customerPhone ? toE164(o.customerPhone) : null,
            status: o.status, items: o.items, totalAmount: o.total.amount, currency: o.total.currency,
            trackingUrl: o.trackingUrl ?? null, trackingCarrier: o.trackingCarrier ?? null,
          },
          { conflictPaths: ['accountId', 'number'], skipUpdateIfNoValuesChanged: true },
        );
      }
    });
  }

  /**
   * A pending order for a checkout link, numbered after the brand's highest numeric order. Returns the pay
   * token once: only its hash is stored.
   */
  async createPending(input: {
    accountId: string; conversationId: string; customer: { name: string | null; email: string | null; phone: string | null }; items: OrderItem[]; total: Money;
  }): Promise<{ order: StoreOrder; payToken: string }> {
    const payToken = randomBytes(24).toString('base64url');
    for (let attempt = 0; ; attempt++) {
      const [{ next }] = (await this.db.query(
        `SELECT (coalesce(max(number::bigint) FILTER (WHERE number ~ '^[0-9]{1,15}$'), 1000) + 1)::text AS next FROM store_order WHERE account_id = $1`,
        [input.accountId],
      )) as [{ next: string }];
      const row = {
        id: newId(), accountId: input.accountId, number: next, customerName: input.customer.name, customerEmail: input.customer.email?.toLowerCase() ?? null,
        customerPhone: input.customer.phone, status: 'pending' as const, items: input.items, totalAmount: input.total.amount, currency: input.total.currency,
        trackingUrl: null, trackingCarrier: null, conversationId: input.conversationId, payTokenHash: tokenHash(payToken),
        payExpiresAt: new Date(this.clock.now().getTime() + PAY_LINK_TTL_MS),
      };
      const inserted = (await this.db.createQueryBuilder().insert().into(StoreOrderEntity).values(row).orIgnore().returning('id').execute()).raw as unknown[];
      if (inserted.length) return { order: fromEntity(await this.db.getRepository(StoreOrderEntity).findOneByOrFail({ id: row.id })), payToken };
      // Two checkouts took the same number at once: take the next one.
      if (attempt >= 5) throw new AppError('CONFLICT', 'Could not number the order, please try again');
    }
  }

  /** A pending order whose link never reached the customer. */
  async discardPending(accountId: string, number: string): Promise<void> {
    await this.db.getRepository(StoreOrderEntity).delete({ accountId, number, status: 'pending' });
  }

  /** The order behind a pay link: null when unknown; `expired` once past its time (410 for the page). */
  async byPayToken(token: string): Promise<{ order: StoreOrder; accountId: string; conversationId: string | null; expired: boolean } | null> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
    const row = await this.db.getRepository(StoreOrderEntity).findOneBy({ payTokenHash: tokenHash(token) });
    if (!row) return null;
    const expired = !row.payExpiresAt || row.payExpiresAt.getTime() <= this.clock.now().getTime();
    return { order: fromEntity(row), accountId: row.accountId, conversationId: row.conversationId, expired };
  }

  /** The built-in store's payment step: a pending order whose link is live becomes paid (once). */
  async markPaid(token: string): Promise<StoreOrder | null> {
    const now = this.clock.now();
    const result = await this.db.getRepository(StoreOrderEntity).update(
      { payTokenHash: tokenHash(token), status: 'pending', payExpiresAt: MoreThan(now) },
      { status: 'paid' },
    );
    if (!result.affected) return null;
    return fromEntity(await this.db.getRepository(StoreOrderEntity).findOneByOrFail({ payTokenHash: tokenHash(token) }));
  }

  /** An admin moves a built-in order along (packed, shipped with tracking, …). */
  async changeStatus(accountId: string, number: string, change: OrderStatusChange): Promise<{ order: StoreOrder; conversationId: string | null }> {
    const problems = [
      ...(FRIENDLY_STATUSES.includes(change.status) ? [] : [{ field: 'status', messages: [`status must be one of ${FRIENDLY_STATUSES.join(', ')}`] }]),
      ...(change.trackingUrl == null || isWebUrl(change.trackingUrl) ? [] : [{ field: 'trackingUrl', messages: ['trackingUrl must be an http(s) URL'] }]),
      ...(change.trackingCarrier == null || change.trackingCarrier.length <= 100 ? [] : [{ field: 'trackingCarrier', messages: ['trackingCarrier must be at most 100 characters'] }]),
    ];
    if (problems.length) throw AppError.validation('Invalid order change', problems);
    const repo = this.db.getRepository(StoreOrderEntity);
    const row = await repo.findOneBy({ accountId, number: number.replace(/^#/, '') });
    if (!row) throw AppError.notFound('Order');
    await repo.update(
      { id: row.id },
      {
        status: change.status,
        ...(change.trackingUrl !== undefined && { trackingUrl: change.trackingUrl }),
        ...(change.trackingCarrier !== undefined && { trackingCarrier: change.trackingCarrier }),
      },
    );
    const updated = await repo.findOneByOrFail({ id: row.id });
    return { order: fromEntity(updated), conversationId: updated.conversationId };
  }
}
