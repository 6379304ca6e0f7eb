import { AppError } from '@concierge/common';
import type { ChannelAdapter } from './channel-adapter.js';

/** The only place that maps a channel type to its adapter. Populated by the composition root. */
export class ChannelRegistry {
  private readonly adapters = new Map<string, ChannelAdapter>();

  constructor(adapters: ChannelAdapter[]) {
    for (const adapter of adapters) {
      if (this.adapters.has(adapter.type)) throw new Error(`Two adapters registered for channel type ${adapter.type}`);
      this.adapters.set(adapter.type, adapter);
    }
  }

  get(type: string): ChannelAdapter {
    const adapter = this.adapters.get(type);
    if (!adapter) throw new AppError('UNSUPPORTED_CONTENT', `Channel type ${type} is not available on this hub`);
    return adapter;
  }

  has(type: string): boolean {
    return this.adapters.has(type);
  }

  types(): string[] {
    return [...this.adapters.keys()];
  }

  /** Adapters holding live sessions (started with the hub). */
  withSessions(): ChannelAdapter[] {
    return [...this.adapters.values()].filter((a) => a.sessions !== null);
  }
}
