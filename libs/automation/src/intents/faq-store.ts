import { AppError, newId } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FaqEntity } from '../entities.js';
import { canonicalLocale, isObject, localeTexts, onlyKeys, Problems, text } from '../validation.js';
import { faqRules, type IntentRule } from './intent-engine.js';

export interface FaqView {
  id: string;
  inboxId: string;
  title: string;
  phrases: Record<string, string[]>;
  answers: Record<string, string>;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

type FaqInput = Pick<FaqView, 'title' | 'phrases' | 'answers' | 'enabled'>;

const MAX_FAQS_PER_INBOX = 500;

/** Brand-defined FAQ intents of an inbox: phrases per locale and the answer per locale. */
@Injectable()
export class FaqStore {
  private readonly cache = new Map<string, { rules: IntentRule[]; faqs: Map<string, FaqEntity>; at: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(accountId: string, inboxId: string): Promise<FaqView[]> {
    const rows = await this.db.getRepository(FaqEntity).find({ where: { accountId, inboxId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(view);
  }

  async get(accountId: string, inboxId: string, id: string): Promise<FaqView> {
    return view(await this.entity(accountId, inboxId, id));
  }

  async create(accountId: string, inboxId: string, body: unknown): Promise<FaqView> {
    const input = parseFaq(body, null);
    if ((await this.db.getRepository(FaqEntity).countBy({ accountId, inboxId })) >= MAX_FAQS_PER_INBOX) {
      throw new AppError('CONFLICT', `An inbox has at most ${MAX_FAQS_PER_INBOX} FAQs`);
    }
    const id = newId();
    await this.db.getRepository(FaqEntity).insert({ id, accountId, inboxId, ...input });
    this.cache.delete(inboxId);
    return this.get(accountId, inboxId, id);
  }

  async update(accountId: string, inboxId: string, id: string, body: unknown): Promise<FaqView> {
    const current = view(await this.entity(accountId, inboxId, id));
    const input = parseFaq(body, current);
    await this.db.getRepository(FaqEntity).update({ id, accountId, inboxId }, input);
    this.cache.delete(inboxId);
    return this.get(accountId, inboxId, id);
  }

  async remove(accountId: string, inboxId: string, id: string): Promise<void> {
    const result = await this.db.getRepository(FaqEntity).delete({ id, accountId, inboxId });
    if (!result.affected) throw AppError.notFound('FAQ');
    this.cache.delete(inboxId);
  }

  /** Matching rules of the inbox's enabled FAQs, with the FAQs by id (answers). Cached briefly. */
  async rules(inboxId: string): Promise<{ rules: IntentRule[]; faqs: Map<string, FaqEntity> }> {
    const cached = this.cache.get(inboxId);
    if (cached && Date.now() - cached.at < 10_000) return cached;
    const rows = await this.db.getRepository(FaqEntity).findBy({ inboxId, enabled: true });
    const value = { rules: rows.flatMap(faqRules), faqs: new Map(rows.map((r) => [r.id, r])), at: Date.now() };
    this.cache.set(inboxId, value);
    return value;
  }

  private async entity(accountId: string, inboxId: string, id: string): Promise<FaqEntity> {
    const row = await this.db.getRepository(FaqEntity).findOneBy({ id, accountId, inboxId });
    if (!row) throw AppError.notFound('FAQ');
    return row;
  }
}

function view(f: FaqEntity): FaqView {
  return {
    id: f.id, inboxId: f.inboxId, title: f.title, phrases: f.phrases, answers: f.answers, enabled: f.enabled,
    createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(),
  };
}

/** Create (current null: title, phrases and answers required) or update (fields left out stay). */
export function parseFaq(body: unknown, current: FaqInput | null): FaqInput {
  const p = new Problems();
  if (!isObject(body)) {
    p.add('body', 'body must be an object { title, phrases, answers, enabled? }');
    p.throwIfAny('FAQ');
  }
  const b = body as Record<string, unknown>;
  onlyKeys(p, '', b, ['title', 'phrases', 'answers', 'enabled']);
  const out: FaqInput = current ? { ...current } : { title: '', phrases: {}, answers: {}, enabled: true };
  if (b.title !== undefined || !current) out.title = text(p, 'title', b.title, 200) ?? '';
  if (b.phrases !== undefined || !current) out.phrases = phrases(p, b.phrases);
  if (b.answers !== undefined || !current) {
    out.answers = localeTexts(p, 'answers', b.answers, 2000);
    if (isObject(b.answers) && Object.keys(b.answers).length === 0) p.add('answers', 'answers needs at least one locale');
  }
  if (b.enabled !== undefined) {
    if (typeof b.enabled !== 'boolean') p.add('enabled', 'enabled must be a boolean');
    else out.enabled = b.enabled;
  }
  p.throwIfAny('FAQ');
  return out;
}

function phrases(p: Problems, value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!isObject(value) || Object.keys(value).length === 0) {
    p.add('phrases', 'phrases must be an object of phrase lists by locale, e.g. { "en": ["return policy"] }');
    return out;
  }
  for (const [key, list] of Object.entries(value)) {
    const locale = canonicalLocale(key);
    if (!locale) p.add(`phrases.${key}`, `${key} is not a locale tag (en, zh-CN, …)`);
    if (!Array.isArray(list) || list.length === 0 || list.length > 50) {
      p.add(`phrases.${key}`, 'each locale needs 1 to 50 phrases');
      continue;
    }
    const items = list.map((v, i) => text(p, `phrases.${key}[${i}]`, v, 200));
    if (locale && items.every((i) => i !== undefined)) out[locale] = items as string[];
  }
  return out;
}
