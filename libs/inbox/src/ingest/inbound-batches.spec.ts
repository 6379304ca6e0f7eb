import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ErasureTombstones } from '@concierge/contacts';
import type { DataSource } from 'typeorm';
import type { InboundIngest, InboundMessage, StoredMessage } from '../messages/inbound-ingest.js';
import { InboundBatches, type BatchedMessage } from './inbound-batches.js';

const message = (sourceId: string): BatchedMessage => ({
  input: { accountId: 'acc', inboxId: 'inbox', channelType: 'sms', address: '+15550001', addressKind: 'phone', sourceId, content: { type: 'text', text: sourceId } },
});

/** The ingest use case as the batcher sees it: records each transaction's messages, fails on demand. */
class FakeIngest {
  batches: string[][] = [];
  alone: string[] = [];
  announced: number[] = [];
  failBatch: Error | null = null;
  failAlone = new Set<string>();
  release: (() => void)[] = [];
  hold = false;

  async storeMany(_tx: unknown, inputs: InboundMessage[]): Promise<(StoredMessage | null)[]> {
    this.batches.push(inputs.map((i) => i.sourceId));
    if (this.hold) await new Promise<void>((resolve) => this.release.push(resolve));
    if (this.failBatch) throw this.failBatch;
    return inputs.map(() => null);
  }

  async announce(stored: StoredMessage[]): Promise<void> {
    this.announced.push(stored.length);
  }

  async ingest(input: InboundMessage): Promise<unknown> {
    this.alone.push(input.sourceId);
    if (this.failAlone.has(input.sourceId)) throw new Error(`cannot store ${input.sourceId}`);
    return {};
  }
}

function batcher(ingest: FakeIngest, replays: Set<string> = new Set()) {
  const db = { transaction: (work: (tx: unknown) => Promise<unknown>) => work({}) } as unknown as DataSource;
  const tombstones = {
    replays: async (checks: { sourceId: string }[]) => checks.map((c) => replays.has(c.sourceId)),
    isReplay: async (check: { sourceId: string }) => replays.has(check.sourceId),
  } as unknown as ErasureTombstones;
  return new InboundBatches(db, ingest as unknown as InboundIngest, tombstones);
}

describe('InboundBatches (group commit)', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('groups the requests that arrive while a batch is in the database, whole requests in order', async () => {
    const ingest = new FakeIngest();
    ingest.hold = true;
    const batches = batcher(ingest);
    const answers = [batches.submit([message('a1'), message('a2')]), batches.submit([message('b1')]), batches.submit([message('c1')]), batches.submit([message('d1'), message('d2')])];
    await new Promise((r) => setImmediate(r));
    // One batch in flight; the few that arrived meanwhile wait for it and then go together.
    expect(ingest.batches).toEqual([['a1', 'a2']]);
    ingest.hold = false;
    ingest.release.splice(0).forEach((go) => go());
    expect(await Promise.all(answers)).toEqual([[null, null], [null], [null], [null, null]]);
    expect(ingest.batches).toEqual([['a1', 'a2'], ['b1', 'c1', 'd1', 'd2']]);
  });

  it('starts a second batch beside a running one when many messages wait', async () => {
    const ingest = new FakeIngest();
    ingest.hold = true;
    const batches = batcher(ingest);
    const first = batches.submit([message('first')]);
    const many = Array.from({ length: 20 }, (_, i) => batches.submit([message(`m${i}`)]));
    await new Promise((r) => setImmediate(r));
    expect(ingest.batches.map((b) => b.length)).toEqual([1, 16]);
    ingest.hold = false;
    ingest.release.splice(0).forEach((go) => go());
    await Promise.all([first, ...many]);
    expect(ingest.batches.flat()).toHaveLength(21);
  });

  it('leaves erased people\'s replays out of the transaction and answers them as done', async () => {
    const ingest = new FakeIngest();
    expect(await batcher(ingest, new Set(['old'])).submit([message('old'), message('new')])).toEqual([null, null]);
    expect(ingest.batches).toEqual([['new']]);
  });

  it('stores one message at a time when the shared statements fail, so only the bad message fails', async () => {
    const ingest = new FakeIngest();
    ingest.failBatch = new Error('value too long for the batch');
    ingest.failAlone.add('bad');
    const batches = batcher(ingest);
    const [first, second] = await Promise.all([batches.submit([message('ok1'), message('bad')]), batches.submit([message('ok2')])]);
    expect(first[0]).toBeNull();
    expect(first[1]).toBeInstanceOf(Error);
    expect(second).toEqual([null]);
    expect(ingest.alone.sort()).toEqual(['bad', 'ok1', 'ok2']);
  });

  it('rejects every request of a batch the database dropped (their callers spool them)', async () => {
    const ingest = new FakeIngest();
    ingest.failBatch = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    const batches = batcher(ingest);
    await expect(batches.submit([message('x')])).rejects.toThrow('Connection terminated');
    expect(ingest.alone).toEqual([]);
  });
});
