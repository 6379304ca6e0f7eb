import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Observable } from 'rxjs';

interface MessageHandler {
  message: unknown;
  callback: (...args: unknown[]) => unknown;
  isAckHandledManually?: boolean;
}

type Socket = { on(event: string, listener: (...args: unknown[]) => void): unknown; emit(event: string, data: unknown): unknown };

/**
 * Nest's socket.io adapter with plain listeners for `@SubscribeMessage` handlers. The stock adapter
 * builds an RxJS pipeline per handler per socket (fromEvent → mergeMap → takeUntil(disconnect), ~20 KB
 * of subscribers and closures for the web-chat gateway's four handlers), held for the whole life of
 * every idle widget. Behaviour is the same: each event calls its handler, a non-nil result is either
 * emitted (`{ event, data }`) or passed to the client's ack, and a failing handler is logged without
 * silencing later events. socket.io emits nothing on a socket after it disconnected, so the stock
 * `takeUntil(disconnect)` has no listener-side counterpart to keep.
 */
export class LeanIoAdapter extends IoAdapter {
  override bindMessageHandlers(socket: Socket, handlers: MessageHandler[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(String(message), (...args: unknown[]) => {
        // The stock adapter's fromEvent hands over one argument as is, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        let result$: Observable<unknown>;
        try {
          result$ = transform(callback(data, ack));
        } catch (error) {
          return this.logger.error(error);
        }
        result$.subscribe({
          next: (response) => {
            if (response === null || response === undefined) return;
            const r = response as { event?: string; data?: unknown };
            if (r.event) return void socket.emit(r.event, r.data);
            if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (error: unknown) => this.logger.error(error),
        });
      });
    }
  }
}
