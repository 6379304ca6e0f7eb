import type { Clock } from '@concierge/common';
import type { MessageView } from '@concierge/contracts';
import type { EntityManager } from 'typeorm';
import type { ConversationEntity } from '../entities/index.js';
import { appendMessage } from '../messages/message-writer.js';
import { toMessageView } from '../messages/message.views.js';

/** `[event, text]`: e.g. `['label_added', 'Mei added label VIP']`. */
export type ActivityLine = [event: string, text: string];

/** Records what an agent changed as system lines in the thread, inside the caller's transaction. */
export async function appendActivities(tx: EntityManager, clock: Clock, conversation: ConversationEntity, lines: ActivityLine[]): Promise<MessageView[]> {
  const out: MessageView[] = [];
  for (const [event, text] of lines) {
    const m = await appendMessage(tx, clock, conversation, {
      direction: 'out', kind: 'activity', sender: { type: 'system', id: null, name: null }, content: { type: 'activity', event, text }, status: 'sent',
    });
    if (m) out.push(toMessageView(m));
  }
  return out;
}
