/**
 * The agent's own typing indicator: `typing: true` at most every 3 s while keys are pressed, and
 * `typing: false` after 5 s of silence, on send, on blur or when the conversation changes.
 */
export class TypingEmitter {
  private conversationId: string | null = null;
  private lastSent = 0;
  private idle: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly send: (conversationId: string, typing: boolean) => void) {}

  input(conversationId: string): void {
    if (this.conversationId && this.conversationId !== conversationId) this.stop();
    this.conversationId = conversationId;
    const now = Date.now();
    if (now - this.lastSent >= 3000) {
      this.lastSent = now;
      this.send(conversationId, true);
    }
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), 5000);
  }

  stop(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (this.conversationId && this.lastSent) this.send(this.conversationId, false);
    this.conversationId = null;
    this.lastSent = 0;
  }
}
