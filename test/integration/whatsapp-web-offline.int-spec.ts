import { lookup } from 'node:dns/promises';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ChannelContext } from '@concierge/channels-core';
import { RecordingSessionSink, WhatsappWebAdapter } from '@concierge/channels-whatsapp-web';

/**
 * One real launch of whatsapp-web.js with the system Chromium on a machine without network, through the
 * adapter's default client factory: the session must end up `failed` with a detail an admin can act on,
 * with no Chromium left running and no unhandled rejection (PROVIDERS.md: "never a crash loop").
 */
const CHROMIUM = '/usr/bin/chromium';
const chromiumMissing = !existsSync(CHROMIUM);
const online = await lookup('web.whatsapp.com').then(
  () => true,
  () => false,
);
const skipReason = chromiumMissing
  ? `${CHROMIUM} does not exist (install Debian's chromium package)`
  : online
    ? 'this machine resolves web.whatsapp.com: the offline scenario cannot be reproduced here'
    : null;
if (skipReason) console.warn(`Skipping the whatsapp-web.js offline launch: ${skipReason}.`);

/** Live (non-zombie) processes whose command line mentions `needle`, plus all their descendants. */
function processesOf(needle: string): number[] {
  const procs = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [, state = '', ppid = ''] = stat.slice(stat.lastIndexOf(')') + 2).match(/^(\S) (\d+)/) ?? [];
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return state === 'Z' ? [] : [{ pid: Number(pid), ppid: Number(ppid), cmdline }];
      } catch {
        return []; // exited while we looked
      }
    });
  const found = new Set(procs.filter((p) => p.cmdline.includes(needle)).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (found.has(p.ppid) && !found.has(p.pid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** Still a running Chromium process (a pid re-used by something else on a busy machine does not count). */
function isAlive(pid: number): boolean {
  try {
    if (readFileSync(`/proc/${pid}/stat`, 'utf8').slice(-200).match(/\) Z /)) return false;
    return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Chromium's helpers (zygote, utility processes) exit on their own once the browser process is gone,
 * a moment later on a loaded machine: wait up to 5 s for them, answering the ones still running.
 */
async function stillRunningAfterGrace(pids: number[]): Promise<number[]> {
  const deadline = performance.now() + 5_000;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    alive = alive.filter(isAlive);
  }
  return alive;
}

const dataDir = mkdtempSync(join(tmpdir(), 'concierge-wweb-offline-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

(skipReason ? describe.skip : describe)('whatsapp-web.js offline launch (real Chromium)', () => {
  it('reports failed with a clear detail within 30 s and leaves no browser behind', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const adapter = new WhatsappWebAdapter({ dataDir, chromiumPath: CHROMIUM });
    const sink = new RecordingSessionSink();
    const ctx: ChannelContext = { accountId: 'acct-int', inboxId: 'offline-probe', config: {}, credentials: null };
    const seen = new Set<number>();
    try {
      const started = performance.now();
      await adapter.sessions.start(ctx, sink);
      while (adapter.sessions.status(ctx.inboxId).state !== 'failed') {
        if (performance.now() - started > 30_000) throw new Error(`Still ${adapter.sessions.status(ctx.inboxId).state} after 30 s`);
        for (const pid of processesOf(dataDir)) seen.add(pid);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const elapsed = Math.round(performance.now() - started);
      const status = adapter.sessions.status(ctx.inboxId);
      console.info(`whatsapp-web.js offline: failed after ${elapsed} ms (${seen.size} Chromium processes seen): ${status.detail}`);

      expect(sink.states).toEqual(['starting', 'failed']);
      expect(status.detail).toMatch(/^Cannot reach web\.whatsapp\.com — is this machine offline\? \(net::ERR_[A-Z_]+\) Retrying in \d+ s\.$/);
      expect(seen.size).toBeGreaterThan(0); // the browser really ran…
      expect(processesOf(dataDir)).toEqual([]); // …and was closed before `failed` was reported
      expect(await stillRunningAfterGrace([...seen])).toEqual([]);
    } finally {
      await adapter.sessions.stopAll();
      process.off('unhandledRejection', onUnhandled);
    }
    expect(adapter.sessions.status(ctx.inboxId).state).toBe('stopped');
    expect(processesOf(dataDir)).toEqual([]);
    expect(unhandled).toEqual([]);
  }, 60_000);
});
