/**
 * The shape every result JSON must have (so the suite cannot rot silently): `npm run bench:check` runs
 * the quick mode and fails on a missing figure, a lost or a duplicated message.
 */
import { lossTotals } from './report.js';

const PERCENTILES = ['count', 'p50', 'p90', 'p99', 'max'];

export function checkResult(result: Record<string, any>, scenarios: string[]): string[] {
  const problems: string[] = [];
  const need = (cond: unknown, what: string) => void (!cond && problems.push(what));
  const pct = (p: unknown, where: string) => need(p && PERCENTILES.every((k) => typeof (p as Record<string, unknown>)[k] === 'number'), `${where}: percentiles`);
  const run = (r: Record<string, any>, where: string) => {
    for (const k of ['sent', 'acked', 'stored', 'delivered', 'lost', 'duplicates', 'throughput']) need(typeof r?.[k] === 'number', `${where}.${k}`);
    need(r?.acked > 0, `${where}: nothing acknowledged (${JSON.stringify(r?.errorSamples ?? [])})`);
    pct(r?.e2eLatencyMs, `${where}.e2eLatencyMs`);
    need(typeof r?.cpuPerMessageUs?.server === 'number', `${where}.cpuPerMessageUs`);
  };
  need(result.schema === 'concierge-bench/1', 'schema');
  for (const k of ['node', 'cpus', 'loadavgAtStart', 'database']) need(result.environment?.[k] !== undefined, `environment.${k}`);
  need(Array.isArray(result.noise?.loadavgAtEnd), 'noise.loadavgAtEnd');
  need(Array.isArray(result.targets) && result.targets.length >= 10, 'targets');
  if (scenarios.includes('inbound')) {
    need(result.calibration?.bare?.length >= 2, 'calibration.bare');
    (result.calibration?.bare ?? []).forEach((r: Record<string, any>, i: number) => run(r, `calibration.bare[${i}]`));
    need(result.scenarios?.inbound?.length >= 2, 'scenarios.inbound');
    (result.scenarios?.inbound ?? []).forEach((r: Record<string, any>, i: number) => run(r, `scenarios.inbound[${i}]`));
    need(typeof result.ratios?.closedLoopThroughput === 'number', 'ratios.closedLoopThroughput');
  }
  if (scenarios.includes('webchat')) run(result.scenarios?.webchat?.summary, 'scenarios.webchat');
  if (scenarios.includes('replies')) {
    const r = result.scenarios?.replies?.summary;
    need(r?.deliveredInUi > 0, 'scenarios.replies.deliveredInUi');
    pct(r?.toDeliveredMs, 'scenarios.replies.toDeliveredMs');
  }
  if (scenarios.includes('campaign')) {
    const c = result.scenarios?.campaign?.summary;
    need(c?.providerAccepted > 0, 'scenarios.campaign.providerAccepted');
    need(typeof c?.inboundP99Ratio === 'number', 'scenarios.campaign.inboundP99Ratio');
    need(c?.providerMaxAcceptedPerSecond <= c?.providerCapPerSecond, 'scenarios.campaign: above the provider cap');
  }
  if (scenarios.includes('idle')) {
    const i = result.scenarios?.idle;
    need(typeof i?.rssPerSocketKiB === 'number' && i?.connected === i?.sockets, 'scenarios.idle');
    need(i?.reconnected === i?.sockets, 'scenarios.idle.reconnected');
  }
  if (scenarios.includes('volume')) {
    const v = result.scenarios?.volume?.summary;
    pct(v?.listMs, 'scenarios.volume.listMs');
    pct(v?.historyMs, 'scenarios.volume.historyMs');
    need(v?.firstPageRows > 0, 'scenarios.volume.firstPageRows');
  }
  const { lost, duplicates } = lossTotals(result);
  need(lost === 0, `lost = ${lost}`);
  need(duplicates === 0, `duplicates = ${duplicates}`);
  return problems;
}
