import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type Sample = Record<string, number>;

/**
 * This process's Prometheus metrics. Domain code counts through the few methods below (the port);
 * gauges that are cheaper to read than to track (queue depth, sockets) are asked for at scrape time
 * from whoever registered them. One registry per application, so several hubs in one test process
 * never share counters. Every instance (hubs and worker) serves its own: Prometheus sums them.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly gauges = new Map<string, () => Promise<Sample> | Sample>();

  private readonly messages = new Counter({
    name: 'concierge_messages_total',
    help: 'Messages received from customers (in) and accepted by a provider (out), by channel',
    labelNames: ['channel', 'direction'],
    registers: [this.registry],
  });

  private readonly failures = new Counter({
    name: 'concierge_outbound_failures_total',
    help: 'Outbound messages that ended failed, by error code',
    labelNames: ['code'],
    registers: [this.registry],
  });

  private readonly firstResponse = new Histogram({
    name: 'concierge_first_response_seconds',
    help: 'Time from a conversation\'s start to the first reply of an assistant',
    buckets: [30, 60, 120, 300, 600, 900, 1800, 3600, 2 * 3600, 4 * 3600, 12 * 3600, 24 * 3600],
    registers: [this.registry],
  });

  constructor() {
    // Process metrics, heap, GC and event-loop lag (nodejs_eventloop_lag_seconds and its percentiles).
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.scraped('concierge_outbound_queue_jobs', 'Outbound delivery jobs by state (waiting, delayed, active)', 'state');
    this.scraped('concierge_connected_sockets', 'Socket.io connections on this instance, by namespace', 'namespace');
  }

  message(channel: string, direction: 'in' | 'out'): void {
    this.messages.inc({ channel, direction });
  }

  outboundFailed(code: string): void {
    this.failures.inc({ code });
  }

  firstResponded(seconds: number): void {
    if (Number.isFinite(seconds) && seconds >= 0) this.firstResponse.observe(seconds);
  }

  /** Outbound queue depth, read at scrape time. */
  queueDepth(read: () => Promise<Sample>): void {
    this.gauges.set('concierge_outbound_queue_jobs', read);
  }

  /** Connected sockets per namespace, read at scrape time. */
  sockets(read: () => Sample): void {
    this.gauges.set('concierge_connected_sockets', read);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private scraped(name: string, help: string, label: string): void {
    const gauges = this.gauges;
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      async collect() {
        const read = gauges.get(name);
        if (!read) return;
        this.reset();
        // A dependency that is down at scrape time leaves the gauge empty rather than failing the scrape.
        const sample = await Promise.resolve(read()).catch(() => ({}) as Sample);
        for (const [value, count] of Object.entries(sample)) this.set({ [label]: value }, count);
      },
    });
  }
}
