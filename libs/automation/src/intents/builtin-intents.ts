import type { IntentRule } from './intent-engine.js';

/**
 * Built-in intents in English and Simplified Chinese. Phrases score 0.9, patterns 0.95, keyword groups
 * add their weights; the inbox threshold (default 0.6) decides. Two groups of one intent must meet to
 * pass on keywords alone, so "order" or "open" by themselves never trigger anything.
 */
export const BUILTIN_RULES: IntentRule[] = [
  {
    intent: 'talk_to_human',
    lang: 'en',
    priority: 4,
    phrases: ['talk to a human', 'talk to a person', 'speak to a human', 'speak to a person', 'speak to someone', 'talk to someone', 'real person',
      'human please', 'agent please', 'customer service', 'live agent', 'a human', 'representative'],
    patterns: [/\b(talk|speak|chat|connect)\s+(to|with)\s+(an?\s+)?(human|person|agent|someone|representative|staff|advisor)\b/i],
    keywords: [
      { words: ['human', 'person', 'agent', 'someone', 'representative', 'staff', 'advisor', 'operator'], weight: 0.4 },
      { words: ['talk', 'speak', 'chat', 'connect', 'transfer', 'call'], weight: 0.3 },
    ],
  },
  {
    intent: 'talk_to_human',
    lang: 'zh',
    priority: 4,
    phrases: ['转人工', '人工客服', '人工服务', '找人工', '真人', '找客服', '联系客服', '客服在吗', '要人工'],
    keywords: [
      { words: ['人工', '真人', '客服', '顾问', '店员'], weight: 0.5 },
      { words: ['转', '找', '联系', '接通', '说话'], weight: 0.2 },
    ],
  },
  {
    intent: 'order_status',
    lang: 'en',
    priority: 3,
    phrases: ['where is my order', 'wheres my order', 'order status', 'track my order', 'tracking number', 'where is my package', 'has my order shipped'],
    patterns: [
      /\b(my|the|our)\s+(order|package|parcel|shipment)\b.*\b(where|status|track|tracking|arrive|arrived|shipped|delivered|late)\b/i,
      /\b(where|status|track)\b.*\bmy\s+(order|package|parcel)\b/i,
      /\border\s*(no\.?|number)?\s*#?\s*\d{3,}/i,
    ],
    keywords: [
      { words: ['order', 'package', 'parcel', 'shipment', 'delivery'], weight: 0.4 },
      { words: ['where', 'track', 'tracking', 'status', 'arrive', 'shipped', 'delivered', 'late'], weight: 0.3 },
    ],
  },
  {
    intent: 'order_status',
    lang: 'zh',
    priority: 3,
    phrases: ['我的订单', '订单到哪', '订单状态', '查订单', '查询订单', '物流信息', '快递到哪', '什么时候发货', '发货了吗'],
    keywords: [
      { words: ['订单', '包裹', '快递', '物流', '单号'], weight: 0.4 },
      { words: ['到哪', '在哪', '状态', '查询', '发货', '到了', '进度', '什么时候到'], weight: 0.3 },
    ],
  },
  {
    intent: 'opening_hours',
    lang: 'en',
    priority: 2,
    phrases: ['opening hours', 'business hours', 'open hours', 'when are you open', 'what time do you open', 'what time do you close', 'are you open',
      'when do you open', 'when do you close', 'store hours'],
    keywords: [
      { words: ['open', 'opening', 'hours', 'close', 'closing'], weight: 0.4 },
      { words: ['when', 'time', 'today', 'tomorrow', 'weekend', 'sunday', 'saturday'], weight: 0.25 },
    ],
  },
  {
    intent: 'opening_hours',
    lang: 'zh',
    priority: 2,
    phrases: ['营业时间', '几点开门', '几点关门', '什么时候开门', '上班时间', '几点营业', '开门时间', '工作时间'],
    keywords: [
      { words: ['开门', '营业', '关门', '上班', '下班', '打烊'], weight: 0.4 },
      { words: ['几点', '时间', '什么时候', '今天', '明天', '周末'], weight: 0.25 },
    ],
  },
  {
    intent: 'product_question',
    lang: 'en',
    priority: 1,
    phrases: ['do you have', 'in stock', 'how much is', 'how much does', 'looking for', 'do you sell', 'is it available'],
    keywords: [
      { words: ['stock', 'available', 'availability', 'price', 'cost', 'size', 'sizes', 'colour', 'color', 'product', 'model'], weight: 0.35 },
      { words: ['bag', 'shoes', 'dress', 'watch', 'jacket', 'ring', 'scarf', 'wallet', 'item'], weight: 0.3 },
    ],
  },
  {
    intent: 'product_question',
    lang: 'zh',
    priority: 1,
    phrases: ['有货吗', '有没有', '多少钱', '什么价格', '有现货', '这款', '还有货'],
    keywords: [
      { words: ['有货', '价格', '尺码', '颜色', '库存', '现货', '款式', '多少钱'], weight: 0.35 },
      { words: ['包', '鞋', '裙', '手表', '外套', '戒指', '围巾', '钱包'], weight: 0.3 },
    ],
  },
];
