import { newId, toE164 } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StoreConnectionEntity, StoreOrderEntity } from './entities.js';
import type { FriendlyStatus, OrderItem } from './order.types.js';

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

/** Writes to the built-in store (the demo seeder, tests). Checkout (issue part 4) will create pending orders here. */
@Injectable()
export class BuiltInStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
}
