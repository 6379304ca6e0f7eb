import type { DataSource } from 'typeorm';
import { StoreOrderEntity } from '../../entities.js';
import { OrderProvider, type StoreOrder } from '../../order.types.js';

export function fromEntity(e: StoreOrderEntity): StoreOrder {
  return {
    number: e.number,
    providerId: e.id,
    status: e.status,
    email: e.customerEmail,
    phone: e.customerPhone,
    items: e.items,
    total: { amount: Number(e.totalAmount).toFixed(2), currency: e.currency.trim() },
    trackingUrl: e.trackingUrl,
    trackingCarrier: e.trackingCarrier,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** The built-in store: the `store_order` table of one account. */
export class BuiltInOrders extends OrderProvider {
  constructor(
    private readonly db: DataSource,
    private readonly accountId: string,
  ) {
    super();
  }

  async findByNumber(ref: string): Promise<StoreOrder | null> {
    const row = await this.db.getRepository(StoreOrderEntity).findOneBy({ accountId: this.accountId, number: ref.replace(/^#/, '') });
    return row ? fromEntity(row) : null;
  }

  async listForContact(who: { phones: string[]; emails: string[] }, limit: number): Promise<StoreOrder[]> {
    if (who.phones.length === 0 && who.emails.length === 0) return [];
    const rows = await this.db
      .getRepository(StoreOrderEntity)
      .createQueryBuilder('o')
      .where('o.account_id = :accountId', { accountId: this.accountId })
      .andWhere('(o.customer_email = ANY(:emails) OR o.customer_phone = ANY(:phones))', { emails: who.emails, phones: who.phones })
      .orderBy('o.created_at', 'DESC')
      .limit(limit)
      .getMany();
    return rows.map(fromEntity);
  }
}
