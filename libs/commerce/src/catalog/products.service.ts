import { AppError, newId } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ProductEntity } from './catalog.entities.js';
import { CommerceSettings } from './commerce-settings.js';
import { parseCsv } from './csv.js';
import { csvHeader, csvRowBody, parseProduct, Problems, type ProductInput } from './product-input.js';
import { toProductView, type ProductView } from './product-views.js';

export const MAX_IMPORT_ROWS = 20_000;
const BATCH = 500;

export interface ImportResult {
  created: number;
  updated: number;
}

/** Products of a brand: admin writes, and imports that store every row or none. */
@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: CommerceSettings,
  ) {}

  async get(accountId: string, id: string): Promise<ProductView> {
    return toProductView(await this.entity(accountId, id));
  }

  /** The product or null (cards, the bot): never throws for unknown ids. */
  async find(accountId: string, id: string): Promise<ProductEntity | null> {
    return this.db.getRepository(ProductEntity).findOneBy({ id, accountId });
  }

  async create(accountId: string, body: unknown): Promise<ProductView> {
    const p = new Problems();
    const input = parseProduct(p, body, await this.settings.hosts(accountId));
    p.throwIfAny('product');
    const id = newId();
    await this.unique(() => this.db.getRepository(ProductEntity).insert({ id, accountId, ...columns(input) }), input.sku);
    return this.get(accountId, id);
  }

  async update(accountId: string, id: string, body: unknown): Promise<ProductView> {
    const current = await this.entity(accountId, id);
    const p = new Problems();
    const input = parseProduct(p, body, await this.settings.hosts(accountId), inputOf(current));
    p.throwIfAny('product');
    await this.unique(() => this.db.getRepository(ProductEntity).update({ id, accountId }, { ...columns(input), updatedAt: new Date() }), input.sku);
    return this.get(accountId, id);
  }

  async remove(accountId: string, id: string): Promise<void> {
    const result = await this.db.getRepository(ProductEntity).delete({ id, accountId });
    if (!result.affected) throw AppError.notFound('Product');
  }

  /**
   * A JSON array of products or CSV text (header row first). Every row is validated first and all
   * problems are reported with their row number; only a clean file is stored, in one transaction.
   * Rows whose SKU exists already update that product.
   */
  async import(accountId: string, body: unknown, format: 'json' | 'csv'): Promise<ImportResult> {
    const hosts = await this.settings.hosts(accountId);
    const p = new Problems();
    const rows: { label: string; body: unknown }[] = [];
    if (format === 'csv') {
      if (typeof body !== 'string' || !body.trim()) throw AppError.validation('Empty CSV', [{ field: 'body', messages: ['send CSV text with a header row'] }]);
      const csv = parseCsv(body);
      if (csv.error) throw AppError.validation('Malformed CSV', [{ field: 'body', messages: [csv.error] }]);
      const [header, ...data] = csv.rows;
      if (!header) throw AppError.validation('Empty CSV');
      const names = csvHeader(p, header.cells);
      p.throwIfAny('CSV header');
      data.forEach((r, i) => {
        const label = `row ${i + 1} (line ${r.line})`;
        rows.push({ label, body: csvRowBody(p, label, names, r.cells) });
      });
    } else {
      if (!Array.isArray(body)) throw AppError.validation('Invalid import', [{ field: 'body', messages: ['send a JSON array of products (or CSV with Content-Type: text/csv)'] }]);
      body.forEach((b, i) => rows.push({ label: `row ${i + 1}`, body: b }));
    }
    if (rows.length === 0) throw AppError.validation('Nothing to import', [{ field: 'body', messages: ['the file has no product rows'] }]);
    if (rows.length > MAX_IMPORT_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `An import takes at most ${MAX_IMPORT_ROWS} rows`);
    const inputs: ProductInput[] = [];
    const seen = new Map<string, string>();
    for (const row of rows) {
      const input = parseProduct(p, row.body, hosts, null, row.label);
      const first = seen.get(input.sku);
      if (input.sku && first) p.add(`${row.label}.sku`, `${row.label}.sku ${input.sku} repeats ${first}`);
      else if (input.sku) seen.set(input.sku, row.label);
      inputs.push(input);
    }
    if (p.list.length) throw AppError.validation(`Import refused: ${new Set(p.list.map((e) => e.field.split('.')[0])).size} invalid row(s), nothing was stored`, p.list);
    return this.db.transaction(async (tx) => {
      const result = { created: 0, updated: 0 };
      for (let i = 0; i < inputs.length; i += BATCH) {
        const { created, updated } = await upsert(tx, accountId, inputs.slice(i, i + BATCH));
        result.created += created;
        result.updated += updated;
      }
      return result;
    });
  }

  private async entity(accountId: string, id: string): Promise<ProductEntity> {
    const row = await this.find(accountId, id);
    if (!row) throw AppError.notFound('Product');
    return row;
  }

  private async unique<T>(write: () => Promise<T>, sku: string): Promise<T> {
    try {
      return await write();
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppError('CONFLICT', `A product with the SKU ${sku} exists already`);
      throw e;
    }
  }
}

function columns(input: ProductInput) {
  const { price, ...rest } = input;
  return { ...rest, priceAmount: price.amount, currency: price.currency };
}

function inputOf(p: ProductEntity): ProductInput {
  const view = toProductView(p);
  return { sku: view.sku, title: view.title, description: view.description, price: view.price, stock: view.stock, imageUrl: view.imageUrl, url: view.url, retailerId: view.retailerId, attributes: view.attributes, variants: view.variants };
}

async function upsert(tx: EntityManager, accountId: string, batch: ProductInput[]): Promise<ImportResult> {
  const params: unknown[] = [];
  const values = batch.map((p) => {
    const base = params.length;
    params.push(newId(), accountId, p.sku, p.title, p.description, p.price.amount, p.price.currency, p.stock, p.imageUrl, p.url, p.retailerId, JSON.stringify(p.attributes), JSON.stringify(p.variants));
    return `(${Array.from({ length: 13 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
  });
  const rows: { inserted: boolean }[] = await tx.query(
    `INSERT INTO product (id, account_id, sku, title, description, price_amount, currency, stock, image_url, url, retailer_id, attributes, variants)
     VALUES ${values.join(', ')}
     ON CONFLICT (account_id, sku) DO UPDATE SET title = excluded.title, description = excluded.description, price_amount = excluded.price_amount,
       currency = excluded.currency, stock = excluded.stock, image_url = excluded.image_url, url = excluded.url, retailer_id = excluded.retailer_id,
       attributes = excluded.attributes, variants = excluded.variants, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    params,
  );
  const created = rows.filter((r) => r.inserted).length;
  return { created, updated: rows.length - created };
}
