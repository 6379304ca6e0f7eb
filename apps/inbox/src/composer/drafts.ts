/** Unsent text per conversation, kept while the agent hops between threads (this tab only). */
const drafts = new Map<string, string>();

export const getDraft = (conversationId: string) => drafts.get(conversationId) ?? '';

export function setDraft(conversationId: string, text: string): void {
  if (text) drafts.set(conversationId, text);
  else drafts.delete(conversationId);
}

export function clearDrafts(): void {
  drafts.clear();
}
