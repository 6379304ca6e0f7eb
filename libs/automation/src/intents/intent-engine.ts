/**
 * A deterministic intent matcher: no model, no network. Text is normalised (NFKC, lower case,
 * punctuation to spaces); each intent has rules per language made of exact phrases, regular
 * expressions and weighted keyword groups; the best score over the threshold wins.
 */
export type BuiltinIntent = 'order_status' | 'opening_hours' | 'product_question' | 'talk_to_human';

export interface KeywordGroup {
  /** Any of these words or CJK fragments counts once for the group. */
  words: string[];
  weight: number;
}

export interface IntentRule {
  intent: string;
  /** Language the rule is written in (`en`, `zh`); the matcher runs every rule on every message. */
  lang: string;
  phrases?: string[];
  patterns?: RegExp[];
  keywords?: KeywordGroup[];
  /** Breaks ties between equal scores: higher wins. */
  priority?: number;
  /** Extra data carried to the handler (e.g. the FAQ id). */
  ref?: string;
}

export interface IntentMatch {
  intent: string;
  score: number;
  lang: string;
  ref?: string;
  /** What the rule recognised (phrase, pattern or keywords), for logs and tests. */
  evidence: string[];
}

const PHRASE_SCORE = 0.9;
const PATTERN_SCORE = 0.95;
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}#\s-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Latin words must match whole words; CJK fragments match anywhere (the script has no spaces). */
export function contains(normalised: string, fragment: string): boolean {
  const f = normalise(fragment);
  if (!f) return false;
  if (CJK.test(f)) return normalised.includes(f);
  return ` ${normalised} `.includes(` ${f} `);
}

export function scoreRule(rule: IntentRule, normalised: string, raw: string): { score: number; evidence: string[] } {
  let score = 0;
  const evidence: string[] = [];
  for (const phrase of rule.phrases ?? []) {
    if (contains(normalised, phrase)) {
      score = Math.max(score, PHRASE_SCORE);
      evidence.push(`phrase:${phrase}`);
    }
  }
  for (const pattern of rule.patterns ?? []) {
    if (pattern.test(raw) || pattern.test(normalised)) {
      score = Math.max(score, PATTERN_SCORE);
      evidence.push(`pattern:${pattern.source}`);
    }
  }
  let keywordScore = 0;
  for (const group of rule.keywords ?? []) {
    const hit = group.words.find((w) => contains(normalised, w));
    if (hit) {
      keywordScore += group.weight;
      evidence.push(`keyword:${hit}`);
    }
  }
  return { score: Math.min(1, Math.max(score, keywordScore)), evidence };
}

/** The best intent at or over the threshold, or null (the caller's fallback applies). */
export function matchIntent(text: string, rules: readonly IntentRule[], threshold: number): IntentMatch | null {
  const normalised = normalise(text);
  if (!normalised) return null;
  let best: (IntentMatch & { priority: number }) | null = null;
  for (const rule of rules) {
    const { score, evidence } = scoreRule(rule, normalised, text);
    if (score < threshold) continue;
    const priority = rule.priority ?? 0;
    if (!best || score > best.score || (score === best.score && priority > best.priority)) {
      best = { intent: rule.intent, score, lang: rule.lang, evidence, priority, ...(rule.ref && { ref: rule.ref }) };
    }
  }
  if (!best) return null;
  const { priority: _p, ...match } = best;
  return match;
}

/** An order reference in the message (`#1001`, `order 1001`, `订单号 1001`, a bare number of 4+ digits). */
export function orderReference(text: string): string | null {
  const t = text.normalize('NFKC');
  const labelled = t.match(/(?:#|order\s*(?:no\.?|number|#)?\s*|订单号?[:：\s]*)([A-Za-z0-9][A-Za-z0-9-]{2,31})/i);
  if (labelled?.[1] && /\d/.test(labelled[1])) return labelled[1].toUpperCase();
  return t.match(/\b(\d{4,12})\b/)?.[1] ?? t.match(/(\d{4,12})/)?.[1] ?? null;
}

/** A reply that is just a six-digit code ("482 913", "code: 482913", "验证码 482913"), or null. */
export function oneTimeCode(text: string): string | null {
  const m = text.normalize('NFKC').trim().match(/^(?:(?:my\s+)?(?:verification\s+)?code(?:\s+is)?|验证码(?:是)?)?\s*[:：#]?\s*(\d{3})[\s-]?(\d{3})[.!。]?$/i);
  return m ? `${m[1]}${m[2]}` : null;
}

/** FAQ phrases become rules: each phrase exact, plus its words as one weighted group per word. */
export function faqRules(faq: { id: string; phrases: Record<string, string[]> }): IntentRule[] {
  return Object.entries(faq.phrases).map(([locale, phrases]) => ({
    intent: 'faq',
    lang: locale,
    ref: faq.id,
    priority: 1,
    phrases,
    keywords: faqKeywords(phrases),
  }));
}

const STOP = new Set(['the', 'a', 'an', 'is', 'are', 'do', 'does', 'you', 'your', 'i', 'my', 'to', 'of', 'for', 'and', 'or', 'in', 'on', 'can', 'what', 'how', 'me', 'we', 'it']);

/** Significant words shared by a phrase: a message containing all of them scores like the phrase. */
function faqKeywords(phrases: string[]): KeywordGroup[] {
  const best = phrases
    .map((p) => normalise(p).split(' ').filter((w) => w.length > 2 && !STOP.has(w) && !CJK.test(w)))
    .filter((words) => words.length >= 2)
    .sort((a, b) => a.length - b.length)[0];
  return best ? best.map((w) => ({ words: [w], weight: PHRASE_SCORE / best.length })) : [];
}
