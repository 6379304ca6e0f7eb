import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { FixedClock } from '@concierge/common';
import type { MessageContent, MessageView } from '@concierge/contracts';
import { INBOUND_BURST_WINDOW_MS, type BotConversation, type BotSendResult } from '@concierge/inbox';
import { Schedule } from '../hours/business-hours.js';
import { IntentResponder } from '../intents/intent-responder.js';
import { NoLanguageModel, NoOrderLookup, NoProductSearch, type ProductSearchPort } from '../ports.js';
import { DEFAULT_SETTINGS, mergeSettings, type AutomationSettings } from '../settings/automation-settings.js';
import type { InboxAutomation } from '../settings/inbox-automation.js';
import { AutoReplies } from './auto-replies.js';

interface Stored {
  direction: 'in' | 'out';
  senderType: string;
  content: MessageContent;
  key: string | null;
  at: number;
}

/** BotMessages as automation sees it, over an in-memory thread, with a switchable policy refusal. */
class FakeBot {
  thread: Stored[] = [];
  refusal: 'CUSTOMER_WINDOW_CLOSED' | 'RECIPIENT_OPTED_OUT' | null = null;
  handovers: string[] = [];
  constructor(private readonly clock: FixedClock) {}
  bot(): Stored[] {
    return this.thread.filter((m) => m.senderType === 'bot');
  }
  async activity(_id: string) {
    const last = (type: string) => this.thread.filter((m) => m.senderType === type).at(-1)?.at ?? null;
    const at = (t: number | null) => (t === null ? null : new Date(t));
    const since = this.clock.now().getTime() - INBOUND_BURST_WINDOW_MS;
    return { inboundInWindow: this.thread.filter((m) => m.direction === 'in' && m.at >= since).length, lastAgentReplyAt: at(last('agent')), lastBotReplyAt: at(last('bot')) };
  }
  async sentKeys(_id: string, keys: string[]) {
    return new Set(this.thread.flatMap((m) => (m.key && keys.includes(m.key) ? [m.key] : [])));
  }
  async send(_a: string, _c: string, content: MessageContent, o: { dedupeKey: string }): Promise<BotSendResult> {
    if (this.thread.some((m) => m.key === o.dedupeKey)) return { ok: true, message: {} as MessageView, created: false };
    if (this.refusal && !(this.refusal === 'CUSTOMER_WINDOW_CLOSED' && content.type === 'template')) return { ok: false, refusal: { code: this.refusal, message: 'refused' } };
    this.thread.push({ direction: 'out', senderType: 'bot', content, key: o.dedupeKey, at: this.clock.now().getTime() });
    return { ok: true, message: {} as MessageView, created: true };
  }
  async handOver(_a: string, _c: string, text: string) {
    this.handovers.push(text);
    return true;
  }
  async waiting() {
    return ['other-1', 'conv-1'];
  }
}

const conv = (): BotConversation => ({
  id: 'conv-1', accountId: 'acc', inboxId: 'inbox', channelType: 'webchat', contactChannelId: 'cc', contactId: 'contact',
  status: 'open', assigneeId: null, teamId: null, firstReplyAt: null, createdAt: new Date(),
});

describe('AutoReplies: out-of-office, greeting and intents together', () => {
  let clock: FixedClock;
  let bot: FakeBot;
  let replies: AutoReplies;
  let settings: AutomationSettings;
  let online: string[];
  let products: ProductSearchPort;
  const schedule = new Schedule({ timeZone: 'Europe/Paris', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })), holidays: [], specialDates: [] });
  const cfg = (): InboxAutomation => ({ accountId: 'acc', inboxId: 'inbox', schedule, settings });
  let seq = 0;

  const receive = async (text: string, created = false, c = conv()) => {
    const id = `m${++seq}`;
    bot.thread.push({ direction: 'in', senderType: 'contact', content: { type: 'text', text }, key: null, at: clock.now().getTime() });
    const message = { id, accountId: 'acc', inboxId: 'inbox', conversationId: c.id, direction: 'in', kind: 'normal', sender: { type: 'contact', id: null, name: null }, content: { type: 'text', text } } as MessageView;
    await replies.handle(message, created, c, cfg(), await bot.activity(c.id));
  };
  const texts = () => bot.bot().map((m) => (m.content.type === 'text' ? m.content.text : m.content.type));

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    clock = new FixedClock(new Date('2026-01-10T10:00:00Z')); // Saturday 11:00 Paris: closed
    bot = new FakeBot(clock);
    settings = mergeSettings(DEFAULT_SETTINGS, { locales: ['en', 'zh-CN'], greeting: { enabled: true }, intents: { enabled: true } });
    online = [];
    products = new NoProductSearch();
    const assigner = { assignIfNeeded: async () => null, candidates: async () => online };
    const faqs = { rules: async () => ({ rules: [], faqs: new Map() }) };
    const agents = { summaries: async () => new Map() };
    const intents = new IntentResponder(faqs as never, bot as never, assigner as never, agents as never, new NoOrderLookup(), { search: (i: never) => products.search(i) } as never, new NoLanguageModel());
    replies = new AutoReplies(bot as never, intents, { get: async () => ({ attributes: {} }) } as never, clock);
  });

  it('outside hours: one message with greeting and out-of-office text, the next opening in the inbox zone', async () => {
    await receive('hello', true);
    expect(texts()).toEqual([
      "Hello! Thanks for reaching out. How can we help?\n\nThanks for your message! We're closed right now and will be back Monday 12 January, 09:00 (Europe/Paris time). An assistant will reply then.",
    ]);
    expect(bot.bot()[0]!.key).toBe(`bot_ooo_${Date.parse('2026-01-12T08:00:00Z')}`);
  });

  it('sends the out-of-office reply once per closed period', async () => {
    await receive('hello', true);
    clock.advance(3600_000);
    await receive('anyone there?');
    clock.set('2026-01-11T20:00:00Z'); // Sunday evening: same closed period
    await receive('hello again');
    expect(bot.bot()).toHaveLength(1);
    clock.set('2026-01-12T18:30:00Z'); // Monday 19:30: a new closed period
    await receive('still waiting');
    expect(bot.bot()).toHaveLength(2);
    expect(texts()[1]).toContain('Tuesday 13 January, 09:00 (Europe/Paris time)');
  });

  it('40 messages in 30 seconds from another bot: still exactly one reply', async () => {
    for (let i = 0; i < 40; i++) {
      await receive(i % 2 ? 'where is my order 1001' : 'AUTO-REPLY: we received your message', i === 0);
      clock.advance(750);
    }
    expect(bot.bot()).toHaveLength(1);
  });

  it('inside hours, a burst of intent messages is answered once', async () => {
    clock.set('2026-01-12T10:00:00Z');
    for (let i = 0; i < 40; i++) {
      await receive('what are your opening hours?');
      clock.advance(750);
    }
    expect(texts()).toEqual(["We're open now until 18:00 (Europe/Paris time). Our hours: Mon 09:00–18:00, Tue 09:00–18:00, Wed 09:00–18:00, Thu 09:00–18:00, Fri 09:00–18:00."]);
  });

  it('a Chinese opening-hours question outside hours replaces the out-of-office text with the hours answer', async () => {
    await receive('几点开门', true);
    expect(texts()).toEqual([
      '您好！感谢您的咨询，请问有什么可以帮您？\n\n我们现在不在营业时间，将于 1月12日 星期一 09:00（Europe/Paris 时间） 开门。营业时间：周一 09:00–18:00，周二 09:00–18:00，周三 09:00–18:00，周四 09:00–18:00，周五 09:00–18:00。',
    ]);
  });

  it('no automatic reply while an assistant wrote in the last few minutes', async () => {
    bot.thread.push({ direction: 'out', senderType: 'agent', content: { type: 'text', text: 'Hi, Mei here' }, key: null, at: clock.now().getTime() - 2 * 60_000 });
    await receive('thanks, one more question');
    expect(bot.bot()).toHaveLength(0);
    clock.advance(10 * 60_000);
    await receive('hello?');
    expect(bot.bot()).toHaveLength(1);
  });

  it('WhatsApp window closed: the configured template replaces the free-form out-of-office text', async () => {
    bot.refusal = 'CUSTOMER_WINDOW_CLOSED';
    settings = mergeSettings(settings, { outOfOffice: { whatsappTemplate: { name: 'out_of_office', language: 'en_US' } } });
    await receive('hello');
    expect(bot.bot()).toHaveLength(1);
    expect(bot.bot()[0]!.content).toMatchObject({ type: 'template', name: 'out_of_office', language: 'en_US', preview: expect.stringContaining("We're closed") });
  });

  it('stays silent when the channel refuses: closed window without a template, opted-out SMS', async () => {
    bot.refusal = 'CUSTOMER_WINDOW_CLOSED';
    await receive('hello');
    bot.refusal = 'RECIPIENT_OPTED_OUT';
    clock.set('2026-01-12T18:30:00Z');
    await receive('STOP');
    expect(bot.bot()).toHaveLength(0);
  });

  it('talk to a human inside hours: hands over and tells the expected wait from the queue', async () => {
    clock.set('2026-01-12T10:00:00Z');
    online = ['agent-1'];
    await receive('转人工');
    expect(bot.handovers).toHaveLength(1);
    expect(texts()).toEqual(['已为您转接人工客服。您前面还有 1 位顾客，预计等待约 6 分钟。']);
  });

  it('order status without commerce: polite fallback and hand over; without a number: asks for it', async () => {
    clock.set('2026-01-12T10:00:00Z');
    await receive('where is my order 1001');
    expect(texts()).toEqual(["I can't look up order 1001 automatically yet — an assistant will check it for you."]);
    expect(bot.handovers).toHaveLength(1);
    clock.advance(60_000);
    await receive('我的订单到哪了');
    expect(texts()[1]).toBe('请发送您的订单号（例如 #1001），我来帮您查询。');
  });

  it('product questions become product cards when a catalog answers', async () => {
    clock.set('2026-01-12T10:00:00Z');
    products = { search: async () => ({ kind: 'found', products: [{ productId: 'p1', title: 'Kelly 28' }, { productId: 'p2', title: 'Kelly 32' }] }) };
    await receive('Do you have the Kelly bag in black?');
    expect(bot.bot().map((m) => m.content)).toEqual([
      { type: 'product_list', header: 'Here is what I found:', text: 'Here is what I found:', products: [{ productId: 'p1', title: 'Kelly 28' }, { productId: 'p2', title: 'Kelly 32' }] },
    ]);
  });
});
