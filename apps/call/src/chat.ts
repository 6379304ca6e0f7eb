import type { CallAck, VisitorMessageView } from '@concierge/contracts';
import { contentPreview } from '@concierge/contracts';

type Emit = <T>(event: 'chat.history' | 'chat.send', payload: unknown) => Promise<CallAck<T>>;

const POLL_MS = 4000;

/**
 * The conversation's chat beside the video. Messages sent here arrive at once (`chat.message`); replies
 * typed elsewhere (the agent inbox, the customer's WhatsApp) are caught up by a light poll of the history.
 */
export class Chat {
  private readonly seen = new Set<string>();
  private timer: number | undefined;

  constructor(
    private readonly list: HTMLElement,
    private readonly form: HTMLFormElement,
    private readonly input: HTMLInputElement,
    private readonly emit: Emit,
    /** Which side of the thread is "mine": customers wrote `in`, assistants `out`. */
    private readonly mine: 'in' | 'out',
  ) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.sendNow();
    });
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer = window.setInterval(() => void this.refresh(), POLL_MS);
  }

  stop(): void {
    window.clearInterval(this.timer);
    this.input.disabled = true;
  }

  add(message: VisitorMessageView): void {
    if (this.seen.has(message.id)) return;
    this.seen.add(message.id);
    const li = document.createElement('p');
    li.className = message.direction === this.mine ? 'mine' : '';
    // Text only: content is shown with textContent, never as HTML.
    const who = message.direction === 'out' ? (message.sender.name ?? 'Shop') : 'Customer';
    li.textContent = `${who}: ${contentPreview(message.content)}`;
    this.list.append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  private async refresh(): Promise<void> {
    const r = await this.emit<{ messages: VisitorMessageView[] }>('chat.history', {}).catch(() => null);
    if (r?.ok) for (const m of r.messages) this.add(m);
  }

  private async sendNow(): Promise<void> {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    const clientMessageId = crypto.randomUUID();
    const r = await this.emit<{ message: VisitorMessageView }>('chat.send', { clientMessageId, text }).catch(() => null);
    if (r?.ok) this.add(r.message);
    else {
      this.input.value = text;
      this.input.setCustomValidity(r && !r.ok ? r.error.message : 'Not sent: check your connection');
      this.input.reportValidity();
      this.input.setCustomValidity('');
    }
  }
}
