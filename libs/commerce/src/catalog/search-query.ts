/** Han, kana and hangul: text PostgreSQL's word parser cannot split (no spaces between words). */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /^[\p{L}\p{N}]+$/u;

export type SearchPlan =
  /** websearch_to_tsquery(head) && to_tsquery(prefix:*) — the last word still being typed matches as a prefix. */
  | { kind: 'fulltext'; head: string; prefix: string; raw: string }
  /** Substring match (pg_trgm index when available; a bounded scan otherwise). */
  | { kind: 'substring'; pattern: string }
  | { kind: 'none' };

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** LIKE pattern matching `text` anywhere, with LIKE's metacharacters escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function planSearch(q: string): SearchPlan {
  const raw = q.trim().replace(/\s+/g, ' ').slice(0, 200);
  if (!raw) return { kind: 'none' };
  if (hasCjk(raw)) return { kind: 'substring', pattern: containsPattern(raw) };
  const words = raw.split(' ');
  const last = words.at(-1)!;
  if (WORD.test(last)) return { kind: 'fulltext', head: words.slice(0, -1).join(' '), prefix: `${last}:*`, raw };
  return { kind: 'fulltext', head: raw, prefix: '', raw };
}

/** Overlapping two-character pieces of each CJK run ("真丝丝巾" → 真丝, 丝丝, 丝巾): what a chatty question shares with a title. */
export function cjkBigrams(text: string): string[] {
  const runs = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu) ?? [];
  const out = new Set<string>();
  for (const run of runs) {
    const chars = [...run];
    if (chars.length === 1) out.add(run);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out].slice(0, 40);
}
