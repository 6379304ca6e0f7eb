/** How long and how hard each scenario runs: the full suite, and `--quick` (a ~2-minute smoke run). */
export interface Plan {
  warmupMs: number;
  inboundRates: number[];
  openMs: number;
  closedMs: number;
  closedConcurrency: number;
  webchat: { visitors: number; rate: number; durationMs: number };
  replies: { rate: number; durationMs: number };
  campaign: { sends: number; concurrency: number; inboundRate: number };
  idle: { sockets: number };
  volume: { messages: number; conversations: number; samples: number };
}

export const FULL: Plan = {
  warmupMs: 5_000,
  inboundRates: [500, 1_000, 2_000],
  openMs: 20_000,
  closedMs: 20_000,
  closedConcurrency: 32,
  webchat: { visitors: 500, rate: 500, durationMs: 15_000 },
  replies: { rate: 100, durationMs: 15_000 },
  campaign: { sends: 20_000, concurrency: 32, inboundRate: 500 },
  idle: { sockets: 10_000 },
  volume: { messages: 1_000_000, conversations: 100_000, samples: 300 },
};

/** Light enough to finish on a busy shared machine: a smoke test of every scenario, not a measurement. */
export const QUICK: Plan = {
  warmupMs: 2_000,
  inboundRates: [100, 300],
  openMs: 5_000,
  closedMs: 5_000,
  closedConcurrency: 32,
  webchat: { visitors: 50, rate: 50, durationMs: 4_000 },
  replies: { rate: 20, durationMs: 4_000 },
  campaign: { sends: 300, concurrency: 16, inboundRate: 100 },
  idle: { sockets: 500 },
  volume: { messages: 50_000, conversations: 5_000, samples: 50 },
};
