import { isChinese } from './locale.js';

/** The bot's own sentences (brands write greetings, out-of-office texts and FAQ answers themselves). */
const EN = {
  openNow: "We're open now until {{closes}} ({{zone}} time). Our hours: {{weekly}}.",
  closedNow: "We're closed right now and open again {{nextOpen}}. Our hours: {{weekly}}.",
  alwaysOpen: "We're here to help around the clock.",
  neverOpen: "Our assistants aren't available at the moment; we'll reply as soon as we can.",
  handoverAssigned: '{{agent}} will be with you in a moment.',
  handoverQueued: "I've passed you to our team. You're number {{position}} in line; the expected wait is about {{minutes}} min.",
  handoverNobody: "I've passed you to our team; an assistant will reply as soon as one is available.",
  handoverClosed: "I've passed you to our team; an assistant will reply when we open {{nextOpen}}.",
  askOrderNumber: 'Could you send me your order number (for example #1001)? I will check it for you.',
  orderFound: 'Order {{order}}: {{summary}}',
  orderNotFound: "I couldn't find order {{order}} for you. An assistant will take a look.",
  orderUnavailable: "I can't look up order {{order}} automatically yet — an assistant will check it for you.",
  productsFound: 'Here is what I found:',
  productsNone: "I couldn't find that in our catalog. An assistant will help you.",
  productsUnavailable: 'An assistant will answer your product question shortly.',
  fallback: "I've passed your message to our team; an assistant will reply soon.",
};

const ZH: typeof EN = {
  openNow: '我们现在营业中，今天营业至 {{closes}}（{{zone}} 时间）。营业时间：{{weekly}}。',
  closedNow: '我们现在不在营业时间，将于 {{nextOpen}} 开门。营业时间：{{weekly}}。',
  alwaysOpen: '我们全天候为您服务。',
  neverOpen: '目前暂无顾问在线，我们会尽快回复您。',
  handoverAssigned: '{{agent}} 马上为您服务。',
  handoverQueued: '已为您转接人工客服。您前面还有 {{ahead}} 位顾客，预计等待约 {{minutes}} 分钟。',
  handoverNobody: '已为您转接人工客服，顾问上线后会立即回复您。',
  handoverClosed: '已为您转接人工客服，顾问将于 {{nextOpen}} 开门后回复您。',
  askOrderNumber: '请发送您的订单号（例如 #1001），我来帮您查询。',
  orderFound: '订单 {{order}}：{{summary}}',
  orderNotFound: '没有找到您的订单 {{order}}，顾问会帮您核实。',
  orderUnavailable: '暂时无法自动查询订单 {{order}}，顾问会为您核实。',
  productsFound: '为您找到以下商品：',
  productsNone: '没有在商品目录中找到相关商品，顾问会为您服务。',
  productsUnavailable: '顾问会尽快回答您的商品问题。',
  fallback: '已将您的消息转给我们的团队，顾问会尽快回复您。',
};

export type BotTextKey = keyof typeof EN;

export function botText(locale: string, key: BotTextKey): string {
  return (isChinese(locale) ? ZH : EN)[key];
}
