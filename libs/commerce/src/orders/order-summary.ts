import { orderSummaryText } from '@concierge/channels-core';
import type { OrderSummaryContent } from '@concierge/contracts';
import type { FriendlyStatus, StoreOrder } from './order.types.js';

const LABELS: Record<'en' | 'zh', Record<FriendlyStatus, string>> = {
  en: { pending: 'Awaiting payment', paid: 'Paid, being prepared', packed: 'Packed', shipped: 'Shipped', delivered: 'Delivered', cancelled: 'Cancelled', refunded: 'Refunded' },
  zh: { pending: '待付款', paid: '已付款，备货中', packed: '已打包', shipped: '已发货', delivered: '已送达', cancelled: '已取消', refunded: '已退款' },
};

const lang = (locale: string): 'en' | 'zh' => (locale.toLowerCase().startsWith('zh') ? 'zh' : 'en');

export function statusLabel(status: FriendlyStatus, locale: string): string {
  return LABELS[lang(locale)][status];
}

function itemsSummary(order: StoreOrder, locale: string): string | undefined {
  const count = order.items.reduce((n, i) => n + i.quantity, 0);
  if (order.items.length === 0) return undefined;
  // "2 x", not "2 ×": the multiplication sign is not GSM-7 and would make the SMS UCS-2.
  if (order.items.length === 1) return `${order.items[0]!.quantity} x ${order.items[0]!.title}`.slice(0, 60);
  return lang(locale) === 'zh' ? `共${count}件` : `${count} items`;
}

/** The customer-facing snapshot: no email, phone or address — only what the owner needs to know. */
export function orderSummaryContent(order: StoreOrder, locale: string): OrderSummaryContent {
  return {
    type: 'order_summary',
    orderId: order.providerId,
    orderNumber: order.number,
    status: order.status,
    statusLabel: statusLabel(order.status, locale),
    items: order.items.slice(0, 10).map((i) => ({ title: i.title, quantity: i.quantity })),
    ...(itemsSummary(order, locale) && { itemsSummary: itemsSummary(order, locale) }),
    ...(order.total && { total: order.total }),
    ...(order.trackingUrl && { trackingUrl: order.trackingUrl }),
    updatedAt: order.updatedAt,
  };
}

/** The same text text-only channels get (degrade), without the "Order #…" head the bot's sentence already has. */
export function orderSummaryLine(content: OrderSummaryContent): string {
  return orderSummaryText(content).replace(/^Order #[^:]+(?::\s*)?/, '').replace(/^ - /, '');
}
