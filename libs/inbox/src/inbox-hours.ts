import { Injectable } from '@nestjs/common';

export interface InboxAvailability {
  /** Inside business hours. */
  open: boolean;
  /** When the inbox opens next (null while open, or when no hours are configured). */
  nextOpenAt: Date | null;
}

type AvailabilityProvider = (accountId: string, inboxId: string, at: Date) => Promise<InboxAvailability>;

/**
 * Business hours are the automation lib's business; the inbox (web-chat sessions) only asks. The provider
 * is registered at boot; without one, every inbox is always open.
 */
@Injectable()
export class InboxHours {
  private provider: AvailabilityProvider = async () => ({ open: true, nextOpenAt: null });

  register(provider: AvailabilityProvider): void {
    this.provider = provider;
  }

  availability(accountId: string, inboxId: string, at: Date): Promise<InboxAvailability> {
    return this.provider(accountId, inboxId, at);
  }
}
