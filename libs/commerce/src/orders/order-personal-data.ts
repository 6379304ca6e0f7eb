import { PersonalDataHolder, PersonalDataRegistry, type HolderErasure, type PersonalDataSubject } from '@concierge/contacts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { OrderChallengeEntity, StoreOrderEntity } from './entities.js';

/**
 * Orders of the built-in store placed with the person's phone or email, and their order-ownership
 * challenges. An erasure keeps each order (the brand's sales record: number, items, total) but removes
 * the customer's name, email and phone from it. Orders in Shopify or WooCommerce live in that shop.
 */
@Injectable()
export class OrderPersonalData extends PersonalDataHolder implements OnModuleInit {
  readonly section = 'orders';

  constructor(private readonly registry: PersonalDataRegistry) {
    super();
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(tx: EntityManager, subject: PersonalDataSubject): Promise<unknown> {
    const orders = await this.orders(tx, subject);
    const challenges = await tx.getRepository(OrderChallengeEntity).findBy({ accountId: subject.accountId, contactId: In(subject.contactIds) });
    return {
      builtInStore: orders.map((o) => ({
        number: o.number,
        status: o.status,
        customerName: o.customerName,
        customerEmail: o.customerEmail,
        customerPhone: o.customerPhone,
        items: o.items,
        total: { amount: o.totalAmount, currency: o.currency },
        trackingUrl: o.trackingUrl,
        createdAt: o.createdAt.toISOString(),
      })),
      ownershipChallenges: challenges.map((c) => ({ orderNumber: c.orderNumber, createdAt: c.createdAt.toISOString(), verifiedAt: c.verifiedAt?.toISOString() ?? null })),
    };
  }

  async erase(tx: EntityManager, subject: PersonalDataSubject): Promise<HolderErasure> {
    const orders = await this.orders(tx, subject);
    if (orders.length) {
      await tx.getRepository(StoreOrderEntity).update({ accountId: subject.accountId, id: In(orders.map((o) => o.id)) }, { customerName: null, customerEmail: null, customerPhone: null });
    }
    const challenges = await tx.getRepository(OrderChallengeEntity).delete({ accountId: subject.accountId, contactId: In(subject.contactIds) });
    return { counts: { ordersAnonymised: orders.length, orderChallenges: challenges.affected ?? 0 } };
  }

  private orders(tx: EntityManager, subject: PersonalDataSubject): Promise<StoreOrderEntity[]> {
    const where = [
      ...(subject.phones.length ? [{ accountId: subject.accountId, customerPhone: In(subject.phones) }] : []),
      ...(subject.emails.length ? [{ accountId: subject.accountId, customerEmail: In(subject.emails) }] : []),
    ];
    return where.length ? tx.getRepository(StoreOrderEntity).find({ where, order: { createdAt: 'ASC' } }) : Promise.resolve([]);
  }
}
