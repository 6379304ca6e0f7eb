import type { StoreOrder } from '../orders/order.types.js';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f4f1;color:#1d1b19}main{max-width:28rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:0 0 1rem}table{width:100%;border-collapse:collapse}td{padding:.4rem 0;border-bottom:1px solid #eee}td.n{text-align:right;white-space:nowrap}
.total td{font-weight:600;border:0}button{width:100%;margin-top:1.25rem;padding:.8rem;font-size:1rem;border:0;border-radius:8px;background:#1d1b19;color:#fff;cursor:pointer}
.note{color:#5c5752;font-size:.85rem;margin-top:1rem}.state{padding:.75rem;border-radius:8px;background:#e8f4ea;color:#1f5130}`;

/** The built-in store's pay page: the basket and one button. No script (the hub's CSP allows none inline), no personal data. */
export function payPage(input: { order: StoreOrder; token: string; brand: string; state: 'open' | 'paid' | 'closed' }): string {
  const { order } = input;
  const rows = order.items
    .map((i) => `<tr><td>${i.quantity} × ${escape(i.title)}</td><td class="n">${i.price ? `${escape(i.price.currency)} ${escape(i.price.amount)}` : ''}</td></tr>`)
    .join('');
  const total = order.total ? `<tr class="total"><td>Total</td><td class="n">${escape(order.total.currency)} ${escape(order.total.amount)}</td></tr>` : '';
  const action = input.state === 'open'
    ? `<form method="post" action="/pay/${escape(input.token)}"><button type="submit">Pay ${order.total ? `${escape(order.total.currency)} ${escape(order.total.amount)}` : ''}</button></form>
       <p class="note">Built-in store: this step records the payment. Brands taking cards connect Shopify or WooCommerce.</p>`
    : `<p class="state" role="status">${input.state === 'paid' ? 'Paid — thank you! We will keep you posted in the chat.' : `This order is ${escape(order.status)}.`}</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>Order #${escape(order.number)} · ${escape(input.brand)}</title><style>${STYLE}</style></head>
<body><main><h1>${escape(input.brand)} · Order #${escape(order.number)}</h1><table>${rows}${total}</table>${action}</main></body></html>`;
}

export function deadLinkPage(kind: 'expired' | 'unknown'): string {
  const title = kind === 'expired' ? 'This pay link has expired' : 'This pay link does not exist';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>${title}</title><style>${STYLE}</style></head>
<body><main><h1>${title}</h1><p>Ask us in the chat and we will send you a new one.</p></main></body></html>`;
}
