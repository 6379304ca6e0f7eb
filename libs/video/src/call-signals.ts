import type { CallProduct } from '@concierge/contracts';
import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

export const callRooms = {
  call: (callId: string) => `call:${callId}`,
  /** Per participant within its call, so a signal can only ever reach someone in the same call. */
  seat: (callId: string, participantId: string) => `call:${callId}:seat:${participantId}`,
  chat: (callId: string, conversationId: string) => `call:${callId}:chat:${conversationId}`,
};

/** Tells a call's sockets it is over (from REST or the gateway) and closes them; across instances with the adapter. */
@Injectable()
export class CallSignals {
  private namespace: Namespace | undefined;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  pinned(callId: string, product: CallProduct | null): void {
    this.namespace?.to(callRooms.call(callId)).emit('product.pinned', { product });
  }

  ended(callId: string, durationSeconds: number | null): void {
    if (!this.namespace) return;
    const namespace = this.namespace;
    namespace.to(callRooms.call(callId)).emit('call.ended', { durationSeconds });
    // Clients hang up on call.ended; the server closes stragglers a moment later (after the ack of call.end went out).
    setTimeout(() => namespace.in(callRooms.call(callId)).disconnectSockets(true), 1000).unref();
  }
}
