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
  orderNotFound: "I couldn't find order {{order}} for you. If it is yours, a 6-digit code may have been sent to the phone number on the order: reply here with it. An assistant will take a look too.",
  orderCodeWrong: "That code isn't right. Please check it and send it again.",
  orderCodeExpired: 'That code has expired. Ask about your order again and we will send a new one.',
  orderCodeExhausted: 'Too many attempts with that code. An assistant will help you.',
  orderCodeUnavailable: "I can't check your order automatically right now. An assistant will help you.",
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
  orderNotFound: '没有找到您的订单 {{order}}。如果这是您的订单，验证码可能已发送到订单上的手机号，请在此回复该6位数字验证码。顾问也会帮您核实。',
  orderCodeWrong: '验证码不正确，请核对后重新发送。',
  orderCodeExpired: '验证码已过期。请重新询问订单，我们会发送新的验证码。',
  orderCodeExhausted: '验证码尝试次数过多，顾问会为您服务。',
  orderCodeUnavailable: '暂时无法自动查询您的订单，顾问会为您服务。',
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
