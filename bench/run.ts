/**
 * `npm run bench [-- --quick] [-- --profile] [-- --only=inbound,webchat,replies,campaign,idle,volume] [-- --hub=dist/apps/hub/src/main.js]`
 *
 * Runs the bare pipeline (calibration) and the real hub (its own process) side by side on the same
 * PostgreSQL, writes one JSON per run to bench/results/ and prints the table (see PERFORMANCE.md).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startBare } from './lib/bare.js';
import { freshDatabase } from './lib/hub.js';
import { Listeners, Sender } from './lib/load.js';
import { postgresServer } from './lib/pg-server.js';
import { summariseProfiles } from './lib/profile.js';
import { backendsOf, environment, round, sleep } from './lib/stats.js';
import { Provider, startWorld } from './lib/world.js';
import { FULL, QUICK } from './plan.js';
import { evaluate, renderTable } from './report.js';
import { bareRequests, bareStored, CONTACTS, hubStored, inboundRun, phoneOf, webhookRequests, type InboundRun } from './scenarios/inbound.js';
import { campaignScenario } from './scenarios/campaign.js';
import { idleScenario } from './scenarios/idle.js';
import { repliesScenario } from './scenarios/replies.js';
import { volumeScenario } from './scenarios/volume.js';
import { webchatScenario } from './scenarios/webchat.js';
import { checkResult } from './check.js';
import pg from 'pg';

const args = process.argv.slice(2);
const quick = args.includes('--quick') || args.includes('--check');
const check = args.includes('--check');
const profile = args.includes('--profile');
const only = new Set((args.find((a) => a.startsWith('--only='))?.slice(7) ?? 'inbound,webchat,replies,campaign,idle,volume').split(','));
const plan = quick ? QUICK : FULL;
// The hub build to run (default: what `npm run build` makes); `--hub=` points at another build.
const hubEntry = args.find((a) => a.startsWith('--hub='))?.slice(6) ?? 'dist/apps/hub/src/main.js';
const AGENTS = 10;

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = join(process.cwd(), 'bench', 'results', stamp);
mkdirSync(resultsDir, { recursive: true });
const queryCountsFile = join(resultsDir, 'query-counts.json');
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<number> {
  const result: Record<string, any> = {
    schema: 'concierge-bench/1',
    startedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    environment: environment(),
    calibration: {},
    scenarios: {},
  };
  const server = await postgresServer(process.env.DATABASE_URL);
  result.environment.database = server.kind;
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const hubDb = await freshDatabase(server.url, `concierge_bench_${suffix}`);
  const bareDb = await freshDatabase(server.url, `concierge_bare_${suffix}`);
  const provider = await Provider.start([50, 300]);
  try {
    // ── calibration: the bare pipeline, same load shapes ─────────────────────────────────────────
    if (only.has('inbound')) {
      log('calibration: bare pipeline (http + pg + socket.io)');
      const bare = await startBare(bareDb.url, AGENTS);
      const bareDbPool = new pg.Pool({ connectionString: bareDb.url, max: 2 });
      const sender = new Sender('127.0.0.1', bare.port);
      const listeners = new Listeners(bare.agents);
      const base = { target: 'bare' as const, pid: bare.pid, backends: backendsOf(bareDbPool, new URL(bareDb.url).pathname.slice(1)), sender, listeners, factory: (t: (s: number, at: number) => string) => bareRequests(t), stored: bareStored(bareDbPool) };
      await inboundRun({ ...base, name: 'warm-up', open: { rate: 300, durationMs: plan.warmupMs } });
      const runs: InboundRun[] = [];
      for (const rate of plan.inboundRates) {
        runs.push(await inboundRun({ ...base, name: `open ${rate}/s`, open: { rate, durationMs: plan.openMs } }));
        log(line(runs.at(-1)!));
      }
      runs.push(await inboundRun({ ...base, name: `closed ${plan.closedConcurrency}`, closed: { concurrency: plan.closedConcurrency, durationMs: plan.closedMs } }));
      log(line(runs.at(-1)!));
      result.calibration = { bare: runs };
      sender.close();
      await bareDbPool.end();
      await bare.stop();
    }

    // ── the hub ────────────────────────────────────────────────────────────────────────────────
    const profileDir = profile ? join(resultsDir, 'cpu-profile') : undefined;
    log(`starting the hub (${hubEntry}) as its own process`);
    const world = await startWorld({
      hubEntry,
      customerPhones: Array.from({ length: CONTACTS }, (_, k) => phoneOf(k)),
      databaseUrl: hubDb.url,
      resultsDir,
      provider,
      agentCount: AGENTS,
      cpuProfileDir: profileDir,
      hubEnv: {
        OUTBOUND_RATE_PER_SECOND: '1000',
        // With --profile the hub also counts its SQL statements (query-counter.ts).
        ...(profile && { NODE_OPTIONS: `--import=${fileURLToPath(new URL('./query-counter.js', import.meta.url))}`, BENCH_QUERY_COUNTS: queryCountsFile }),
      },
    });
    result.environment.hubPid = world.hub.pid;
    try {
      const sender = new Sender('127.0.0.1', Number(new URL(world.hub.url).port));
      const listeners = new Listeners(world.agents);
      const base = { target: 'hub' as const, pid: world.hub.pid, backends: world.backends, sender, listeners, factory: (t: (s: number, at: number) => string) => webhookRequests(world, t), stored: hubStored(world.db, world.accountId) };
      if (only.has('inbound')) {
        log('scenario 1: signed webhooks → 10 agent sockets');
        await inboundRun({ ...base, name: 'warm-up', open: { rate: 300, durationMs: plan.warmupMs } });
        const runs: InboundRun[] = [];
        for (const rate of plan.inboundRates) {
          runs.push(await inboundRun({ ...base, name: `open ${rate}/s`, open: { rate, durationMs: plan.openMs } }));
          log(line(runs.at(-1)!));
        }
        if (profile) await countQueries(world.hub.pid); // starts the count afresh
        runs.push(await inboundRun({ ...base, name: `closed ${plan.closedConcurrency}`, closed: { concurrency: plan.closedConcurrency, durationMs: plan.closedMs } }));
        log(line(runs.at(-1)!));
        if (profile) result.queriesPerInboundMessage = perMessage(await countQueries(world.hub.pid), runs.at(-1)!.acked);
        result.scenarios.inbound = runs;
      }
      if (only.has('webchat')) {
        log('scenario 2: web-chat visitors → agents');
        result.scenarios.webchat = await webchatScenario(world, listeners, plan.webchat);
        log(JSON.stringify(result.scenarios.webchat.summary));
      }
      if (only.has('replies')) {
        log('scenario 3: agent replies → fake provider (50–300 ms, 429 above cap) → status callbacks');
        result.scenarios.replies = await repliesScenario(world, provider, plan.replies);
        log(JSON.stringify(result.scenarios.replies.summary));
      }
      if (only.has('campaign')) {
        log('scenario 4: campaign-style outbound burst with inbound running');
        result.scenarios.campaign = await campaignScenario(world, provider, sender, listeners, plan.campaign, result.scenarios.inbound);
        log(JSON.stringify(result.scenarios.campaign.summary));
      }
      if (only.has('idle')) {
        log('scenario 5: idle widget sockets and a reconnect storm');
        result.scenarios.idle = await idleScenario(world, plan.idle);
        log(JSON.stringify(result.scenarios.idle));
      }
      if (only.has('volume')) {
        log('scenario 6: volume (preloaded by SQL) → conversation list and history reads');
        result.scenarios.volume = await volumeScenario(world, plan.volume);
        log(JSON.stringify(result.scenarios.volume.summary));
      }
      sender.close();
    } finally {
      await world.close();
    }
    if (profileDir) result.profile = summariseProfiles(profileDir);
  } finally {
    provider.stop();
    await hubDb.drop();
    await bareDb.drop();
    await server.stop();
  }
  result.finishedAt = new Date().toISOString();
  result.noise = { loadavgAtEnd: loadavg().map((n) => round(n, 2)) };
  result.ratios = ratios(result);
  result.targets = evaluate(result);
  const file = join(resultsDir, 'result.json');
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log('\n' + renderTable(result));
  console.log(`\nJSON: ${file}`);
  if (check) {
    const problems = checkResult(result, [...only]);
    if (problems.length) {
      console.error(`bench:check failed:\n  ${problems.join('\n  ')}`);
      return 1;
    }
    console.log('bench:check: the result has the expected shape, lost = 0 and duplicates = 0');
  }
  return 0;
}

/** SQL statements the hub sent since the last call (query-counter.ts in the hub process). */
async function countQueries(pid: number): Promise<[string, number][]> {
  await sleep(3_000); // listeners still working on the last messages
  process.kill(pid, 'SIGUSR2');
  await sleep(500);
  return JSON.parse(readFileSync(queryCountsFile, 'utf8')) as [string, number][];
}

function perMessage(counts: [string, number][], messages: number) {
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return {
    note: 'statements per acknowledged message during the closed-loop run, including after-commit work (publishing, automation)',
    total: round(total / Math.max(1, messages), 2),
    top: counts.slice(0, 20).map(([statement, n]) => ({ perMessage: round(n / Math.max(1, messages), 2), statement })),
  };
}

function line(r: InboundRun): string {
  return `${r.target} ${r.name}: ${r.throughput} msg/s acked${r.saturated ? ' (saturated)' : ''}, e2e p50 ${r.e2eLatencyMs.p50} p99 ${r.e2eLatencyMs.p99} ms, lost ${r.lost} (undelivered ${r.undelivered}, not stored ${r.notStored}, agent disconnects ${r.agentDisconnects}), dup ${r.duplicates}, errors ${r.errors}, cpu/msg ${r.cpuPerMessageUs.server}+${r.cpuPerMessageUs.postgres} µs`;
}

/** Same-run ratios: the hub against the bare pipeline under the same load shape. */
function ratios(result: Record<string, any>): Record<string, number> {
  const bare = (result.calibration.bare ?? []) as InboundRun[];
  const hub = (result.scenarios.inbound ?? []) as InboundRun[];
  const out: Record<string, number> = {};
  for (const h of hub) {
    const b = bare.find((x) => x.name === h.name);
    if (!b) continue;
    if (h.mode === 'closed') out.closedLoopThroughput = round(h.throughput / b.throughput, 2);
    const key = h.mode === 'closed' ? 'closed' : `open${h.rate}`;
    out[`${key}P99`] = round(h.e2eLatencyMs.p99 / Math.max(0.1, b.e2eLatencyMs.p99), 2);
    out[`${key}CpuPerMessage`] = round((h.cpuPerMessageUs.server + h.cpuPerMessageUs.postgres) / Math.max(1, b.cpuPerMessageUs.server + b.cpuPerMessageUs.postgres), 2);
  }
  return out;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
