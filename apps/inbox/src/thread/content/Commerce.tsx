import type { CartContent, OrderSummaryContent, ProductCardContent, ProductListContent } from '@concierge/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.js';
import { safeHttpUrl } from '../../lib/safe-url.js';

export function ProductCardView({ product: p }: { product: Omit<ProductCardContent, 'type'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const image = safeHttpUrl(p.imageUrl);
  const url = safeHttpUrl(p.url);
  return (
    <div className="card-product" data-testid="product-card">
      {image && <img src={image} alt={p.title ?? ''} loading="lazy" referrerPolicy="no-referrer" />}
      <div>
        <p className="card-product-title">{p.title || t('content.product')}</p>
        {p.price && <p className="card-product-price">{f.money(String(p.price.amount), String(p.price.currency))}</p>}
        {p.description && <p className="muted">{p.description}</p>}
        {url && <a href={url} target="_blank" rel="noopener noreferrer nofollow">{t('content.viewProduct')}</a>}
      </div>
    </div>
  );
}

export function ProductListView({ content: c }: { content: ProductListContent }) {
  return (
    <div className="interactive">
      <p className="interactive-header">{c.header}</p>
      <p>{c.text}</p>
      <div className="product-grid">
        {(Array.isArray(c.products) ? c.products : []).map((p, i) => <ProductCardView key={i} product={p} />)}
      </div>
    </div>
  );
}

export function CartView({ content: c }: { content: CartContent }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="card-order" data-testid="order-card">
      <p className="card-product-title">{t('content.cart')}</p>
      {c.text && <p>{c.text}</p>}
      <ul className="plain-list">
        {(Array.isArray(c.items) ? c.items : []).map((item, i) => (
          <li key={i}>
            {t('content.cartItem', { quantity: item.quantity, id: item.retailerId })}
            {item.price && <span className="muted"> · {f.money(String(item.price.amount), String(item.price.currency))}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The snapshot the customer was sent: status in their words, what they bought, the total and the tracking link. */
export function OrderSummaryView({ content: c }: { content: OrderSummaryContent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const tracking = safeHttpUrl(c.trackingUrl);
  return (
    <div className="card-order" data-testid="order-card">
      <p className="card-product-title">{t('content.order', { id: c.orderNumber ? `#${c.orderNumber}` : c.orderId })}</p>
      {(c.statusLabel ?? c.status) && <p className="order-status" data-testid="order-status">{c.statusLabel ?? c.status}</p>}
      {c.items?.length ? (
        <ul className="plain-list">
          {c.items.map((item, i) => <li key={i}>{item.quantity} × {item.title}</li>)}
        </ul>
      ) : c.itemsSummary && <p>{c.itemsSummary}</p>}
      {c.total && <p className="card-product-price">{f.money(String(c.total.amount), String(c.total.currency))}</p>}
      {tracking && <a href={tracking} target="_blank" rel="noopener noreferrer nofollow">{t('content.track')}</a>}
    </div>
  );
}
