import { renderTemplate } from '@concierge/contracts';
import type { AgentView, CannedResponse, Conversation, InboxView } from '../api/types.js';

export type PickerKind = 'mention' | 'canned';

export interface PickerToken {
  kind: PickerKind;
  query: string;
  /** Index of the trigger character (`@` or `/`) in the text. */
  start: number;
}

export interface PickerItem {
  id: string;
  label: string;
  detail: string;
}

/** `@name` (notes only) or `/shortcode` right before the caret, at the start of a word. */
export function findToken(text: string, caret: number, note: boolean): PickerToken | null {
  const before = text.slice(0, caret);
  const canned = /(?:^|\s)\/([\p{L}\p{N}_-]{0,40})$/u.exec(before);
  if (canned) return { kind: 'canned', query: canned[1]!, start: caret - canned[1]!.length - 1 };
  if (!note) return null;
  const mention = /(?:^|\s)@([\p{L}\p{N}_.-]{0,40})$/u.exec(before);
  if (mention) return { kind: 'mention', query: mention[1]!, start: caret - mention[1]!.length - 1 };
  return null;
}

export function mentionItems(agents: AgentView[], query: string, me: string): PickerItem[] {
  const q = query.toLowerCase();
  return agents
    .filter((a) => a.id !== me && (a.name.toLowerCase().includes(q) || a.email.toLowerCase().startsWith(q)))
    .slice(0, 8)
    .map((a) => ({ id: a.id, label: a.name, detail: a.email }));
}

export function cannedItems(canned: CannedResponse[], query: string): PickerItem[] {
  const q = query.toLowerCase();
  const starts = canned.filter((c) => c.shortCode.toLowerCase().startsWith(q));
  const contains = q ? canned.filter((c) => !starts.includes(c) && (c.shortCode.toLowerCase().includes(q) || c.content.toLowerCase().includes(q))) : [];
  return [...starts, ...contains].slice(0, 8).map((c) => ({ id: c.id, label: `/${c.shortCode}`, detail: c.content }));
}

/** Fills `{{contact.name}}`-style placeholders exactly as the hub documents (renderTemplate from the contracts). */
export function fillCanned(content: string, c: Conversation, agentName: string, inbox: InboxView | undefined): string {
  return renderTemplate(content, { contact: c.contact, agent: { name: agentName }, inbox: { name: inbox?.name ?? null } });
}

/** Replaces the token with `insert` and returns the new text and caret. */
export function replaceToken(text: string, token: PickerToken, caret: number, insert: string): { text: string; caret: number } {
  const next = text.slice(0, token.start) + insert + text.slice(caret);
  return { text: next, caret: token.start + insert.length };
}

/** Mentioned agents whose `@Name` is still in the note when it is sent. */
export function mentionsIn(text: string, chosen: Map<string, string>): string[] {
  return [...chosen.entries()].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
}
