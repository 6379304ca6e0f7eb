import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * How the link behaves now:
 * - `pass`: bytes flow untouched;
 * - `latency`: every chunk is held `latencyMs` in each direction (order kept);
 * - `blackhole`: nothing flows and nothing is refused, like a dropped route: open connections stall
 *   (bytes are held, as TCP retransmission would deliver them once the route is back) and new
 *   connections are accepted but never reach the target until the mode changes;
 * - `reset`: every open connection is reset (RST) and new ones are reset on arrival.
 */
export type ProxyMode = { kind: 'pass' } | { kind: 'latency'; latencyMs: number } | { kind: 'blackhole' } | { kind: 'reset' };

/** A TCP pass-through between the app and a dependency (its database), with faults on demand. */
export interface TcpProxy {
  port: number;
  mode(mode: ProxyMode): void;
  current(): ProxyMode;
  /** Connections accepted so far (a reconnecting pool shows here). */
  accepted(): number;
  /** Drops every open connection and refuses new ones until `restore()` (= `mode({ kind: 'reset' })`). */
  cut(): void;
  /** Back to `pass`. */
  restore(): void;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket | null;
  /** Chunks not yet written because the route is blackholed or delayed, per direction. */
  held: { up: Buffer[]; down: Buffer[] };
  /** Delayed chunks per direction, written in order by one timer: a chunk never overtakes an earlier one. */
  delayed: { up: { chunk: Buffer; at: number }[]; down: { chunk: Buffer; at: number }[] };
  timers: { up: NodeJS.Timeout | null; down: NodeJS.Timeout | null };
  closed: boolean;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const links = new Set<Link>();
  let mode: ProxyMode = { kind: 'pass' };
  let accepted = 0;

  const flush = (link: Link) => {
    if (!link.upstream) connectUpstream(link);
    for (const chunk of link.held.up.splice(0)) forward(link, 'up', chunk);
    for (const chunk of link.held.down.splice(0)) forward(link, 'down', chunk);
  };

  const forward = (link: Link, dir: 'up' | 'down', chunk: Buffer) => {
    if (link.closed) return;
    if (mode.kind === 'blackhole' || !link.upstream) return void link.held[dir].push(chunk);
    const to = dir === 'up' ? link.upstream : link.client;
    const queue = link.delayed[dir];
    if (mode.kind !== 'latency' && queue.length === 0) return void to.write(chunk);
    queue.push({ chunk, at: Date.now() + (mode.kind === 'latency' ? mode.latencyMs : 0) });
    const drain = () => {
      link.timers[dir] = null;
      while (!link.closed && queue.length && queue[0]!.at <= Date.now()) to.write(queue.shift()!.chunk);
      if (queue.length && !link.closed) link.timers[dir] = setTimeout(drain, queue[0]!.at - Date.now());
    };
    if (!link.timers[dir]) link.timers[dir] = setTimeout(drain, Math.max(0, queue[0]!.at - Date.now()));
  };

  const close = (link: Link, reset = false) => {
    if (link.closed) return;
    link.closed = true;
    links.delete(link);
    for (const t of [link.timers.up, link.timers.down]) if (t) clearTimeout(t);
    for (const s of [link.client, link.upstream]) {
      if (!s) continue;
      if (reset && !s.destroyed && typeof s.resetAndDestroy === 'function' && s.readyState === 'open') s.resetAndDestroy();
      else s.destroy();
    }
  };

  const connectUpstream = (link: Link) => {
    const upstream = connect(target.port, target.host);
    link.upstream = upstream;
    upstream.on('error', () => close(link));
    upstream.on('close', () => close(link));
    upstream.on('data', (chunk: Buffer) => forward(link, 'down', chunk));
  };

  const server: Server = createServer((client) => {
    accepted += 1;
    client.on('error', () => undefined);
    if (mode.kind === 'reset') return void (client.resetAndDestroy?.() ?? client.destroy());
    const link: Link = { client, upstream: null, held: { up: [], down: [] }, delayed: { up: [], down: [] }, timers: { up: null, down: null }, closed: false };
    links.add(link);
    client.on('close', () => close(link));
    client.on('data', (chunk: Buffer) => forward(link, 'up', chunk));
    // A blackholed route accepts the SYN here (the proxy listens) but the target never sees the connection.
    if (mode.kind !== 'blackhole') connectUpstream(link);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const setMode = (next: ProxyMode) => {
    mode = next;
    if (next.kind === 'reset') for (const link of [...links]) close(link, true);
    else if (next.kind !== 'blackhole') for (const link of [...links]) flush(link);
  };

  return {
    port: (server.address() as AddressInfo).port,
    mode: setMode,
    current: () => mode,
    accepted: () => accepted,
    cut: () => setMode({ kind: 'reset' }),
    restore: () => setMode({ kind: 'pass' }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of [...links]) close(link);
        server.close(() => resolve());
      }),
  };
}
