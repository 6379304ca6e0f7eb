import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductHit } from '../api/types.js';
import { useApp } from '../state/app.js';

const DEBOUNCE_MS = 250;

interface BasketLine {
  product: ProductHit;
  quantity: number;
}

/**
 * Search the catalog (debounced `GET products?q=`), pick a product: its ready card (`POST products/:id/card`) is
 * sent. Or put products in a basket and send one checkout link for all of them (`POST conversations/:id/checkout`).
 */
export function ProductPicker() {
  const { t } = useTranslation();
  const app = useApp();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<ProductHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [basket, setBasket] = useState<BasketLine[]>([]);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      app.api.products.search(q, abort.signal).then(
        (page) => (setHits(page.data), setError(null)),
        (e: Error) => !abort.signal.aborted && setError(e.message),
      );
    }, DEBOUNCE_MS);
    return () => (clearTimeout(timer), abort.abort());
  }, [app, open, q]);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  async function choose(p: ProductHit) {
    setBusy(true);
    try {
      app.thread.send(await app.api.products.card(p.id));
      setOpen(false);
      setQ('');
    } catch (e) {
      setError(t('products.cardFailed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  function add(p: ProductHit) {
    setBasket((lines) => (lines.some((l) => l.product.id === p.id) ? lines.map((l) => (l.product.id === p.id ? { ...l, quantity: Math.min(99, l.quantity + 1) } : l)) : [...lines, { product: p, quantity: 1 }]));
  }

  async function sendCheckout() {
    const conversationId = app.thread.currentId;
    if (!conversationId || basket.length === 0) return;
    setBusy(true);
    try {
      await app.api.products.checkout(conversationId, basket.map((l) => ({ productId: l.product.id, quantity: l.quantity })));
      setBasket([]);
      setOpen(false);
      setQ('');
    } catch (e) {
      const details = (e as { details?: { messages: string[] }[] }).details?.flatMap((d) => d.messages) ?? [];
      setError(t('products.checkoutFailed', { message: details.length ? details.join(' ') : (e as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="product-picker">
      <button type="button" className="btn" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)} data-testid="product-picker">
        {t('products.button')}
      </button>
      {open && (
        <div id={`${id}-panel`} className="product-picker-panel stack" role="dialog" aria-label={t('products.title')} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <label htmlFor={`${id}-q`}>{t('products.search')}</label>
          <input id={`${id}-q`} ref={input} type="search" value={q} placeholder={t('products.placeholder')} onChange={(e) => setQ(e.target.value)} data-testid="product-search" />
          {error && <p className="form-error" role="alert">{error}</p>}
          {hits === null ? (
            <p className="muted" role="status">{t('common.loading')}</p>
          ) : hits.length === 0 ? (
            <p className="muted" data-testid="product-none">{q.trim() ? t('products.none') : t('products.empty')}</p>
          ) : (
            <ul className="product-hits" data-testid="product-hits">
              {hits.map((p) => (
                <li key={p.id} className="product-hit-row">
                  <button type="button" className="product-hit" disabled={busy} onClick={() => void choose(p)} data-testid="product-hit">
                    <span className="product-hit-title">{p.title}</span>
                    <span className="muted">{t('products.price', { amount: p.price.amount, currency: p.price.currency })} · {p.stock === null ? t('products.untracked') : t('products.stock', { count: p.stock })}</span>
                  </button>
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => add(p)} aria-label={t('products.addToBasket', { title: p.title })} data-testid="basket-add">
                    +
                  </button>
                </li>
              ))}
            </ul>
          )}
          {basket.length > 0 && (
            <section className="basket stack" aria-label={t('products.basket')} data-testid="basket">
              <h3 className="basket-title">{t('products.basket')}</h3>
              <ul className="product-hits">
                {basket.map((l) => (
                  <li key={l.product.id} className="basket-line" data-testid="basket-line">
                    <span className="product-hit-title">{l.product.title}</span>
                    <input
                      type="number" min={1} max={99} value={l.quantity} aria-label={t('products.quantity', { title: l.product.title })}
                      onChange={(e) => setBasket((lines) => lines.map((x) => (x.product.id === l.product.id ? { ...x, quantity: Math.max(1, Math.min(99, Number(e.target.value) || 1)) } : x)))}
                    />
                    <button type="button" className="btn btn-small" onClick={() => setBasket((lines) => lines.filter((x) => x.product.id !== l.product.id))} aria-label={t('products.remove', { title: l.product.title })}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void sendCheckout()} data-testid="send-checkout">
                {t('products.sendCheckout')}
              </button>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
