import { Metrics } from '@concierge/observability';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainEvents } from './domain-events.js';

/** Counts committed customer messages per channel (outbound ones are counted when a provider accepts them). */
@Injectable()
export class InboxMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly domain: DomainEvents,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.domain.on('message.received', ({ message, channelType }) => this.metrics.message(channelType, message.direction === 'out' ? 'out' : 'in'));
  }
}
