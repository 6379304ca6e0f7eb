import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { InboundItem } from '@concierge/channels-core';
import type { AppConfig } from '@concierge/config';
import type { InboxesService } from '../inboxes/inboxes.service.js';
import type { InboundItems } from './inbound-items.js';
import { WebhookSpool } from './webhook-spool.js';

const message = (address: string, text: string): InboundItem => ({ kind: 'message', sourceId: `SM${text}`, address, content: { type: 'text', text } });

describe('WebhookSpool.purge (contact erasure)', () => {
  it('removes an erased person\'s items from spooled batches, rewriting or deleting each file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spool-purge-'));
    const spool = new WebhookSpool({ dataDir } as AppConfig, {} as InboundItems, {} as InboxesService);
    await spool.write('inbox-1', [message('+16175550123', 'mine'), message('+12125550199', 'theirs')]);
    await spool.write('inbox-1', [message('+16175550123', 'only mine')]);
    await spool.write('inbox-2', [message('+16175550123', 'other inbox'), { kind: 'quarantine', reason: 'bad', raw: { from: '16175550123' } }]);
    const removed = await spool.purge((inboxId, item) =>
      item.kind === 'message' ? inboxId === 'inbox-1' && item.address === '+16175550123' : item.kind === 'quarantine' && JSON.stringify(item.raw).includes('16175550123'),
    );
    expect(removed).toBe(3);
    const dir = join(dataDir, 'spool', 'webhooks');
    const left = readdirSync(dir).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { inboxId: string; items: { content?: { text: string } }[] });
    expect(left.map((b) => [b.inboxId, b.items.map((i) => i.content?.text)])).toEqual([
      ['inbox-1', ['theirs']],
      ['inbox-2', ['other inbox']],
    ]);
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});
