import type { FaqInput, FaqView } from '../../api/types.js';

/** One language of an FAQ: the phrases that trigger it (one per line) and the answer. */
export interface FaqLocaleDraft {
  locale: string;
  phrases: string;
  answer: string;
}

export interface FaqDraft {
  title: string;
  enabled: boolean;
  locales: FaqLocaleDraft[];
}

/** An FAQ → draft, with a block for each of the inbox's languages (and any other the FAQ already has). */
export function toFaqDraft(faq: FaqView | null, inboxLocales: string[]): FaqDraft {
  const keys = [...new Set([...inboxLocales, ...Object.keys(faq?.phrases ?? {}), ...Object.keys(faq?.answers ?? {})])];
  return {
    title: faq?.title ?? '',
    enabled: faq?.enabled ?? true,
    locales: keys.map((locale) => ({ locale, phrases: (faq?.phrases[locale] ?? []).join('\n'), answer: faq?.answers[locale] ?? '' })),
  };
}

/** Draft → body: languages left empty are left out; everything else goes as typed. */
export function toFaqBody(d: FaqDraft): FaqInput {
  const phrases: Record<string, string[]> = {};
  const answers: Record<string, string> = {};
  for (const l of d.locales) {
    const lines = l.phrases.split('\n').map((p) => p.trim()).filter(Boolean);
    if (lines.length) phrases[l.locale] = lines;
    if (l.answer.trim()) answers[l.locale] = l.answer;
  }
  return { title: d.title, enabled: d.enabled, phrases, answers };
}
