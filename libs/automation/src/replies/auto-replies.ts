import { Clock } from '@concierge/common';
import { ContactsService, preferredLocale } from '@concierge/contacts';
import type { MessageContent, MessageView } from '@concierge/contracts';
import { BotMessages, type BotActivity, type BotConversation } from '@concierge/inbox';
import { Injectable, Logger } from '@nestjs/common';
import { IntentResponder, type IntentAnswer } from '../intents/intent-responder.js';
import type { InboxAutomation } from '../settings/inbox-automation.js';
import { botText } from './bot-texts.js';
import { detectLocale, formatOpening, render, textFor } from './locale.js';
import { assistantActive, loopGuard } from './loop-guard.js';

/** What one customer message gets back: at most one text message (+ rich content), or nothing. */
export interface ReplyPlan {
  locale: string;
  parts: string[];
  /** Idempotency key of the text message: the out-of-office period, the greeting, or this message. */
  key: string;
  /** Out-of-office part included: on a closed WhatsApp window the configured template replaces it. */
  outOfOffice: boolean;
  intent: IntentAnswer | null;
}

/**
 * Greeting, out-of-office and intent replies to a customer message, composed into one bot message so
 * automations never double each other. Silent when an assistant wrote recently, during a burst (loop
 * guard), and whenever the channel refuses (opted-out SMS, paused inbox, closed WhatsApp window without
 * a template).
 */
@Injectable()
export class AutoReplies {
  private readonly logger = new Logger(AutoReplies.name);

  constructor(
    private readonly bot: BotMessages,
    private readonly intents: IntentResponder,
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
  ) {}

  /** `recent`: the conversation's traffic as of the message's commit. */
  async handle(message: MessageView, conversationCreated: boolean, conv: BotConversation, cfg: InboxAutomation, recent: BotActivity): Promise<void> {
    if (message.direction !== 'in' || message.sender.type !== 'contact' || message.kind !== 'normal') return;
    const now = this.clock.now();
    if (this.holdsBack(conv, recent, cfg, now)) return;
    const plan = await this.plan(message, conversationCreated, conv, cfg, now);
    // The automation of earlier messages may have written since this one was committed: ask again before sending.
    if (plan && !this.holdsBack(conv, await this.bot.activity(conv.id), cfg, now)) await this.deliver(conv, cfg, plan, message.id);
  }

  /** An assistant wrote recently, or the loop guard says no. */
  private holdsBack(conv: BotConversation, recent: BotActivity, cfg: InboxAutomation, now: Date): boolean {
    if (assistantActive(recent.lastAgentReplyAt, now, cfg.settings.assistantRepliedRecentlyMinutes)) return true;
    const verdict = loopGuard({ inboundInWindow: recent.inboundInWindow, lastBotReplyAt: recent.lastBotReplyAt, now });
    if (verdict === 'ok') return false;
    this.logger.debug({ conversationId: conv.id, verdict }, 'Automatic reply held back by the loop guard');
    return true;
  }

  async plan(message: MessageView, conversationCreated: boolean, conv: BotConversation, cfg: InboxAutomation, now: Date): Promise<ReplyPlan | null> {
    const { settings, schedule } = cfg;
    const text = customerText(message.content);
    const locale = detectLocale(text, await this.contactLocale(conv), settings.locales);
    const parts: string[] = [];
    let key = `bot_intent_${message.id}`;
    let outOfOffice = false;

    if (conversationCreated && settings.greeting.enabled) {
      const greeting = textFor(settings.greeting.texts, locale, settings.locales);
      if (greeting) {
        parts.push(greeting);
        key = 'bot_greeting';
      }
    }
    const closed = schedule.hours !== null && !schedule.isOpen(now);
    if (closed && settings.outOfOffice.enabled) {
      const next = schedule.nextOpenAt(now);
      const oooKey = `bot_ooo_${next ? next.getTime() : 'none'}`;
      const template = textFor(settings.outOfOffice.texts, locale, settings.locales);
      if (template && !(await this.bot.sentKeys(conv.id, [oooKey])).has(oooKey)) {
        const nextOpen = next ? formatOpening(next, schedule.timeZone, locale) : botText(locale, 'neverOpen');
        parts.push(render(template, { nextOpen, timeZone: schedule.timeZone }));
        key = oooKey;
        outOfOffice = true;
      }
    }
    let intent: IntentAnswer | null = null;
    if (settings.intents.enabled && text) {
      // A one-time code answers the order question asked before it; otherwise the message gets its own answer.
      const code = await this.intents.orderCode(text, conv, cfg, locale, now);
      const match = code ? null : await this.intents.match(text, cfg, locale);
      if (code) intent = code;
      else if (match) intent = await this.intents.answer(match, text, conv, cfg, locale, now);
      else if (settings.intents.fallback === 'handover' && !conv.assigneeId && !(await this.bot.sentKeys(conv.id, ['bot_fallback'])).has('bot_fallback')) {
        await this.intents.handOver(conv, cfg, locale, now, 'No automatic answer: handed over to the team');
        if (parts.length === 0) {
          parts.push(botText(locale, 'fallback'));
          key = 'bot_fallback';
        }
      }
    }
    if (intent?.text) {
      // The out-of-office text already says when we open: the hours answer replaces it, a hand-over adds nothing.
      if (outOfOffice && intent.intent === 'opening_hours') parts[parts.length - 1] = intent.text;
      else if (!(outOfOffice && intent.intent === 'talk_to_human')) parts.push(intent.text);
    }
    if (parts.length === 0 && !intent?.content) return null;
    return { locale, parts, key, outOfOffice, intent };
  }

  private async deliver(conv: BotConversation, cfg: InboxAutomation, plan: ReplyPlan, messageId: string): Promise<void> {
    if (plan.parts.length) {
      const body = plan.parts.join('\n\n');
      const sent = await this.bot.send(conv.accountId, conv.id, { type: 'text', text: body }, { dedupeKey: plan.key });
      if (!sent.ok) {
        const template = cfg.settings.outOfOffice.whatsappTemplate;
        if (sent.refusal.code === 'CUSTOMER_WINDOW_CLOSED' && plan.outOfOffice && template) {
          const content: MessageContent = { type: 'template', name: template.name, language: template.language, preview: body, ...(template.variables && { variables: template.variables }) };
          await this.bot.send(conv.accountId, conv.id, content, { dedupeKey: plan.key });
        }
        // Opted out, paused, or a closed window without a template: stay silent (nothing may be sent).
        return;
      }
    }
    if (plan.intent?.content) await this.bot.send(conv.accountId, conv.id, plan.intent.content, { dedupeKey: `bot_rich_${messageId}` });
  }

  private async contactLocale(conv: BotConversation): Promise<string | null> {
    // Known from the message's own look-up on the batched inbound path.
    if (conv.contactLocale !== undefined) return conv.contactLocale;
    if (!conv.contactId) return null;
    const contact = await this.contacts.get(conv.accountId, conv.contactId).catch(() => null);
    return contact ? preferredLocale(contact.attributes) : null;
  }
}

function customerText(content: MessageContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'interactive_reply':
      return content.title;
    case 'media':
      return content.caption ?? '';
    default:
      return '';
  }
}
