import type { MessageContent } from '@concierge/contracts';
import { BotMessages, type BotConversation } from '@concierge/inbox';
import { AgentDirectory } from '@concierge/tenancy';
import { Injectable } from '@nestjs/common';
import { AutoAssigner } from '../assignment/auto-assigner.js';
import { LanguageModelPort, OrderLookupPort, ProductSearchPort } from '../ports.js';
import { botText } from '../replies/bot-texts.js';
import { formatOpening, formatTime, render, textFor, weeklySummary } from '../replies/locale.js';
import type { InboxAutomation } from '../settings/inbox-automation.js';
import { BUILTIN_RULES } from './builtin-intents.js';
import { FaqStore } from './faq-store.js';
import { matchIntent, oneTimeCode, orderReference, type IntentMatch } from './intent-engine.js';

export interface IntentAnswer {
  intent: string;
  score: number;
  /** Text for the customer (joined with greeting / out-of-office text into one message). */
  text: string | null;
  /** Rich content sent as its own message (product cards). */
  content: MessageContent | null;
}

/** Rough minutes an assistant needs per waiting conversation, for the expected-wait estimate. */
const MINUTES_PER_CONVERSATION = 3;
const KNOWN = ['order_status', 'opening_hours', 'product_question', 'talk_to_human', 'faq'];

/** Recognises what the customer wants (rules first, the optional model second) and prepares the answer. */
@Injectable()
export class IntentResponder {
  constructor(
    private readonly faqs: FaqStore,
    private readonly bot: BotMessages,
    private readonly assigner: AutoAssigner,
    private readonly agents: AgentDirectory,
    private readonly orders: OrderLookupPort,
    private readonly products: ProductSearchPort,
    private readonly model: LanguageModelPort,
  ) {}

  async match(text: string, cfg: InboxAutomation, locale: string): Promise<IntentMatch | null> {
    const { rules } = await this.faqs.rules(cfg.inboxId);
    const threshold = cfg.settings.intents.confidenceThreshold;
    const found = matchIntent(text, [...BUILTIN_RULES, ...rules], threshold);
    if (found) return found;
    const guess = await this.model.classify({ text, intents: KNOWN.filter((i) => i !== 'faq'), locale }).catch(() => null);
    return guess && guess.confidence >= threshold && KNOWN.includes(guess.intent) ? { intent: guess.intent, score: guess.confidence, lang: locale, evidence: ['model'] } : null;
  }

  async answer(match: IntentMatch, text: string, conv: BotConversation, cfg: InboxAutomation, locale: string, now: Date): Promise<IntentAnswer> {
    const base = { intent: match.intent, score: match.score, text: null, content: null };
    switch (match.intent) {
      case 'opening_hours':
        return { ...base, text: this.openingHours(cfg, locale, now) };
      case 'talk_to_human':
        return { ...base, text: await this.handOver(conv, cfg, locale, now, 'The customer asked for a person: handed over to the team') };
      case 'order_status':
        return { ...base, ...(await this.orderStatus(text, conv, cfg, locale, now)) };
      case 'product_question':
        return { ...base, ...(await this.productQuestion(text, conv, cfg, locale, now)) };
      case 'faq': {
        const faq = (await this.faqs.rules(cfg.inboxId)).faqs.get(match.ref ?? '');
        return { ...base, text: faq ? textFor(faq.answers, locale, cfg.settings.locales) : null };
      }
      default:
        return base;
    }
  }

  openingHours(cfg: InboxAutomation, locale: string, now: Date): string {
    const { schedule } = cfg;
    if (!schedule.hours) return botText(locale, 'alwaysOpen');
    const zone = schedule.timeZone;
    const weekly = weeklySummary(schedule.hours, locale);
    if (schedule.isOpen(now)) {
      const closes = schedule.closesAt(now);
      return render(botText(locale, 'openNow'), { closes: closes ? formatTime(closes, zone, locale) : '—', zone, weekly });
    }
    const next = schedule.nextOpenAt(now);
    return next ? render(botText(locale, 'closedNow'), { nextOpen: formatOpening(next, zone, locale), weekly }) : botText(locale, 'neverOpen');
  }

  /** Opens the conversation for the team, tries auto-assignment and tells the customer what happens next. */
  async handOver(conv: BotConversation, cfg: InboxAutomation, locale: string, now: Date, why: string): Promise<string> {
    await this.bot.handOver(conv.accountId, conv.id, why);
    conv.status = 'open';
    const assignee = conv.assigneeId ?? (await this.assigner.assignIfNeeded(conv));
    if (assignee) {
      const name = (await this.agents.summaries(conv.accountId, [assignee])).get(assignee)?.name ?? '';
      return render(botText(locale, 'handoverAssigned'), { agent: name });
    }
    const { schedule } = cfg;
    const next = schedule.nextOpenAt(now);
    if (next) return render(botText(locale, 'handoverClosed'), { nextOpen: formatOpening(next, schedule.timeZone, locale) });
    const online = (await this.assigner.candidates(conv.accountId, conv.inboxId, cfg.settings)).length;
    if (online === 0) return botText(locale, 'handoverNobody');
    const queue = await this.bot.waiting(conv.accountId, conv.inboxId);
    const position = queue.indexOf(conv.id) >= 0 ? queue.indexOf(conv.id) + 1 : queue.length + 1;
    const minutes = Math.max(1, Math.ceil((position * MINUTES_PER_CONVERSATION) / online));
    return render(botText(locale, 'handoverQueued'), { position: String(position), ahead: String(position - 1), minutes: String(minutes) });
  }

  /** The order's status as an `order_summary` card (each channel renders it as well as it can). */
  private async orderStatus(text: string, conv: BotConversation, cfg: InboxAutomation, locale: string, now: Date): Promise<Pick<IntentAnswer, 'text' | 'content'>> {
    const order = orderReference(text);
    if (!order) return { text: botText(locale, 'askOrderNumber'), content: null };
    const result = await this.orders.lookup({ accountId: conv.accountId, contactId: conv.contactId, orderRef: order, locale }).catch(() => ({ kind: 'unavailable' as const }));
    if (result.kind === 'found') return { text: null, content: result.content };
    // Another customer's order answers exactly like an unknown one: nothing leaks.
    const key = result.kind === 'unavailable' ? 'orderUnavailable' : 'orderNotFound';
    await this.handOver(conv, cfg, locale, now, `Order ${order}: automatic lookup not possible, handed over to the team`);
    return { text: render(botText(locale, key), { order }), content: null };
  }

  /**
   * Six digits right after a code went out: the customer proving an order is theirs. Null when no code is
   * pending for this contact, so the message gets its ordinary answer.
   */
  async orderCode(text: string, conv: BotConversation, cfg: InboxAutomation, locale: string, now: Date): Promise<IntentAnswer | null> {
    const code = oneTimeCode(text);
    if (!code || !conv.contactId) return null;
    const result = await this.orders.verifyCode({ accountId: conv.accountId, contactId: conv.contactId, code, locale }).catch(() => ({ kind: 'unavailable' as const }));
    const base = { intent: 'order_code', score: 1, text: null, content: null };
    switch (result.kind) {
      case 'no_challenge':
        return null;
      case 'verified':
        return { ...base, content: result.order.content };
      case 'wrong':
        return { ...base, text: botText(locale, 'orderCodeWrong') };
      case 'expired':
        return { ...base, text: botText(locale, 'orderCodeExpired') };
      default:
        await this.handOver(conv, cfg, locale, now, 'Order code: too many attempts or store unavailable, handed over to the team');
        return { ...base, text: botText(locale, result.kind === 'exhausted' ? 'orderCodeExhausted' : 'orderCodeUnavailable') };
    }
  }

  private async productQuestion(text: string, conv: BotConversation, cfg: InboxAutomation, locale: string, now: Date): Promise<Pick<IntentAnswer, 'text' | 'content'>> {
    const result = await this.products
      .search({ accountId: conv.accountId, inboxId: conv.inboxId, query: text.slice(0, 200), locale, limit: 3 })
      .catch(() => ({ kind: 'unavailable' as const }));
    if (result.kind === 'found' && result.products.length > 0) {
      const header = botText(locale, 'productsFound');
      const content: MessageContent = result.products.length === 1
        ? { type: 'product_card', ...result.products[0]! }
        : { type: 'product_list', header, text: header, products: result.products };
      return { text: null, content };
    }
    await this.handOver(conv, cfg, locale, now, 'Product question: handed over to the team');
    return { text: botText(locale, result.kind === 'none' ? 'productsNone' : 'productsUnavailable'), content: null };
  }
}
