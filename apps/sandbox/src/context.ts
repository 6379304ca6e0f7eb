import type { WebhookDispatcher } from './dispatcher.js';
import type { StatusFlow } from './status-flow.js';
import type { SandboxStore } from './store.js';
import type { Tasks } from './tasks.js';
import type { TwilioAuth } from './twilio-auth.js';
import type { RetryPolicy } from './types.js';

/** What the routers share. `baseUrl` is known once the server listens (port 0 picks a free port). */
export interface SandboxContext {
  store: SandboxStore;
  tasks: Tasks;
  dispatcher: WebhookDispatcher;
  flow: StatusFlow;
  twilioAuth: TwilioAuth;
  retry: RetryPolicy;
  twilioWindowErrors: 'async' | 'sync';
  baseUrl: string;
  /** Waits the configured artificial provider latency (none by default). */
  latency(): Promise<void>;
  log(line: string): void;
}
