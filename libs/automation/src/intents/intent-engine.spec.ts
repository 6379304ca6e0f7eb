import { describe, expect, it } from '@jest/globals';
import { BUILTIN_RULES } from './builtin-intents.js';
import { faqRules, matchIntent, normalise, oneTimeCode, orderReference } from './intent-engine.js';

const intentOf = (text: string, threshold = 0.6) => matchIntent(text, BUILTIN_RULES, threshold)?.intent ?? null;

describe('intent engine (English and Simplified Chinese, no external service)', () => {
  it.each([
    ['where is my order 1001', 'order_status'],
    ['Where’s my order??', 'order_status'],
    ['Can you track my package please', 'order_status'],
    ['order #A-2044 status', 'order_status'],
    ['我的订单到哪了', 'order_status'],
    ['帮我查一下快递到哪了', 'order_status'],
    ['opening hours', 'opening_hours'],
    ['What time do you open on Saturday?', 'opening_hours'],
    ['is the store open tomorrow', 'opening_hours'],
    ['几点开门', 'opening_hours'],
    ['你们的营业时间是？', 'opening_hours'],
    ['talk to a human', 'talk_to_human'],
    ['I want to speak with an agent', 'talk_to_human'],
    ['转人工', 'talk_to_human'],
    ['我要找人工客服', 'talk_to_human'],
    ['Do you have the Kelly bag in black?', 'product_question'],
    ['这款包有货吗', 'product_question'],
  ])('%s → %s', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it.each(['hello', 'thanks!', 'ok', '你好', 'I ordered a scarf last year and loved it', 'open'])('no intent for %s (fallback)', (text) => {
    expect(intentOf(text)).toBeNull();
  });

  it('scores and honours the confidence threshold', () => {
    const weak = matchIntent('is the store open tomorrow', BUILTIN_RULES, 0.6)!;
    expect(weak.score).toBeCloseTo(0.65);
    expect(matchIntent('is the store open tomorrow', BUILTIN_RULES, 0.8)).toBeNull();
    expect(matchIntent('where is my order 1001', BUILTIN_RULES, 0.8)).toMatchObject({ intent: 'order_status', score: 0.95 });
  });

  it('prefers the higher-priority intent on equal scores', () => {
    // Both "do you have" (product) and "opening hours" are phrases: opening_hours has the higher priority.
    expect(intentOf('do you have opening hours on sunday')).toBe('opening_hours');
  });

  it('extracts order references', () => {
    expect(orderReference('where is my order 1001')).toBe('1001');
    expect(orderReference('order #A-2044 status')).toBe('A-2044');
    expect(orderReference('订单号：20260105 到哪了')).toBe('20260105');
    expect(orderReference('我的订单到哪了')).toBeNull();
    expect(orderReference('where is my order?')).toBeNull();
  });

  it('recognises a reply that is only a six-digit code, and nothing longer', () => {
    for (const reply of ['482913', ' 482 913 ', 'code: 482913', 'My code is 482-913.', '验证码是 482913', '４８２９１３']) expect(oneTimeCode(reply)).toBe('482913');
    for (const other of ['4829131', '48291', 'order 482913', 'where is my order 482913', 'code 482913 please call me']) expect(oneTimeCode(other)).toBeNull();
  });

  it('normalises width, case and punctuation', () => {
    expect(normalise('ＯＰＥＮＩＮＧ   Hours!!!')).toBe('opening hours');
  });

  it('matches brand FAQ phrases per locale, and their significant words', () => {
    const rules = faqRules({ id: 'faq-1', phrases: { en: ['return policy', 'can I return an item'], 'zh-CN': ['退货政策', '可以退货吗'] } });
    const all = [...BUILTIN_RULES, ...rules];
    expect(matchIntent('What is your return policy?', all, 0.6)).toMatchObject({ intent: 'faq', ref: 'faq-1' });
    expect(matchIntent('请问退货政策是什么', all, 0.6)).toMatchObject({ intent: 'faq', ref: 'faq-1', lang: 'zh-CN' });
    expect(matchIntent('policy on return', all, 0.6)).toMatchObject({ intent: 'faq' });
    expect(matchIntent('policy', all, 0.6)).toBeNull();
  });
});
