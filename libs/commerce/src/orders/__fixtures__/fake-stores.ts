import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ShopifyOrderNode } from '../providers/shopify/shopify.types.js';
import type { WooOrder } from '../providers/woocommerce/woo.types.js';
import { SHOPIFY_ORDERS } from './shopify-orders.js';
import { WOO_ORDERS } from './woo-orders.js';

export interface FakeStore {
  url: string;
  /** Requests seen (method, path with query, headers), for assertions on auth and queries. */
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void, requests: FakeStore['requests']): Promise<FakeStore> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(value));
}

/** Shopify's search syntax, just enough: `name:"#1001"` and `email:"a@b" OR email:"c@d"`. */
function shopifyMatches(order: ShopifyOrderNode, query: string): boolean {
  const terms = [...query.matchAll(/(name|email):"((?:[^"\\]|\\.)*)"/g)].map((m) => ({ field: m[1]!, value: m[2]!.replace(/\\(.)/g, '$1').toLowerCase() }));
  return terms.some((t) => (t.field === 'name' ? order.name.toLowerCase() === t.value : (order.email ?? order.customer?.email ?? '').toLowerCase() === t.value));
}

/** A GraphQL Admin API endpoint (`POST /admin/api/{version}/graphql.json`) serving the fixture orders. */
export function startFakeShopify(options: { accessToken: string; orders?: ShopifyOrderNode[] }): Promise<FakeStore> {
  const orders = options.orders ?? SHOPIFY_ORDERS;
  return serve((req, body, res) => {
    if (req.method !== 'POST' || !/^\/admin\/api\/[\w-]+\/graphql\.json$/.test(req.url ?? '')) return json(res, 404, { errors: 'Not Found' });
    // Shopify answers 401 with a REST-style body for a bad token.
    if (req.headers['x-shopify-access-token'] !== options.accessToken) return json(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    const { variables } = JSON.parse(body) as { variables: { query: string; first: number } };
    const nodes = orders.filter((o) => shopifyMatches(o, variables.query)).slice(0, variables.first);
    json(res, 200, {
      data: { orders: { nodes } },
      extensions: { cost: { requestedQueryCost: 27, actualQueryCost: 6, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1994, restoreRate: 100 } } },
    });
  }, []);
}

/** `GET /wp-json/wc/v3/orders?search=` with consumer key/secret over Basic auth, serving the fixture orders. */
export function startFakeWoo(options: { consumerKey: string; consumerSecret: string; orders?: WooOrder[] }): Promise<FakeStore> {
  const orders = options.orders ?? WOO_ORDERS;
  const expected = `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64')}`;
  return serve((req, _body, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method !== 'GET' || url.pathname !== '/wp-json/wc/v3/orders') return json(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
    if (req.headers.authorization !== expected) {
      return json(res, 401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
    }
    // Like WooCommerce: a substring search over the number and the billing fields as the customer typed them.
    const term = (url.searchParams.get('search') ?? '').toLowerCase();
    const hits = orders.filter((o) => [o.number, o.billing.email ?? '', o.billing.phone ?? ''].some((v) => v.toLowerCase().includes(term)));
    const perPage = Number(url.searchParams.get('per_page') ?? 10);
    json(res, 200, hits.slice(0, perPage), { 'x-wp-total': String(hits.length), 'x-wp-totalpages': String(Math.max(1, Math.ceil(hits.length / perPage))) });
  }, []);
}
