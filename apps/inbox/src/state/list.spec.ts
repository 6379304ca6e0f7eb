import { describe, expect, it } from '@jest/globals';
import type { Api } from '../api/client.js';
import type { Conversation, Message } from '../api/types.js';
import { ConversationList } from './list.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 12, 9, 0, second)).toISOString();
const conversation = (id: string, second: number): Conversation =>
  ({ id, status: 'open', assignee: null, inboxId: 'i', labels: [], lastActivityAt: at(second), unreadCount: 0 }) as unknown as Conversation;
const message = (conversationId: string, second: number): Message =>
  ({ id: `m-${second}`, conversationId, direction: 'in', kind: 'normal', createdAt: at(second) }) as unknown as Message;

/** An API whose first page answers only when the test says so (a slow request racing live events). */
function slowApi() {
  let answer!: (page: { data: Conversation[]; nextCursor: null }) => void;
  const api = {
    conversations: {
      list: () => new Promise((resolve) => { answer = resolve; }),
      counts: () => new Promise(() => undefined),
    },
    sla: { running: async () => [] },
  } as unknown as Api;
  return { api, answer: (data: Conversation[]) => answer({ data, nextCursor: null }) };
}

describe('conversation list state', () => {
  it('keeps conversations created and touched while the first page is in flight (the page was read before them)', async () => {
    const { api, answer } = slowApi();
    const list = new ConversationList(api, 'me');
    const loading = list.load();
    list.upsert(conversation('b', 10), null);
    list.upsert(conversation('c', 11), null);
    list.messageCreated(message('a', 12), false);
    answer([conversation('a', 1)]);
    await loading;
    const { items, unread } = list.store.get();
    expect(items.map((c) => c.id)).toEqual(['a', 'c', 'b']);
    expect(unread).toEqual({ a: 1 });
    list.dispose();
  });

  it('drops a live change that no longer matches the filter once the page lands', async () => {
    const { api, answer } = slowApi();
    const list = new ConversationList(api, 'me');
    const loading = list.load();
    list.upsert({ ...conversation('a', 5), status: 'resolved' }, null);
    answer([conversation('a', 1), conversation('z', 0)]);
    await loading;
    expect(list.store.get().items.map((c) => c.id)).toEqual(['z']);
    list.dispose();
  });
});
