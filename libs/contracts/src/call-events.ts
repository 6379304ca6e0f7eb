import type { ProductCardContent } from './message-content.js';
import type { VisitorMessageView } from './views.js';

/** How a call's media flows: peer-to-peer (1:1), a full mesh of peers (small groups), or an SFU (LiveKit). */
export type CallMode = 'p2p' | 'mesh' | 'sfu';
export type CallKind = 'one_to_one' | 'group';
export type CallStatus = 'scheduled' | 'invited' | 'active' | 'ended' | 'missed' | 'cancelled';
export type CallRole = 'host' | 'agent' | 'customer';

/** What participants see of each other: a display name and a role, never contact details. */
export interface CallPeer {
  participantId: string;
  name: string;
  role: CallRole;
}

/** The ICE servers the browser uses (RTCIceServer). */
export interface CallIceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export type CallProduct = Omit<ProductCardContent, 'type'>;

/** Sent on connect to `/call`: who I am, the call, who is already here. */
export interface CallWelcome {
  self: CallPeer;
  call: {
    id: string;
    kind: CallKind;
    mode: CallMode;
    status: CallStatus;
    title: string | null;
    maxParticipants: number;
    /** Why the call stops at maxParticipants (mesh without an SFU), shown to the host. */
    limitReason: string | null;
    iceServers: CallIceServer[];
    pinnedProduct: CallProduct | null;
    /** The participant's own thread is shown beside the video (a group host has none). */
    chat: boolean;
    /** SFU mode: the LiveKit URL and this participant's access token. */
    sfu: { url: string; token: string } | null;
  };
  peers: CallPeer[];
}

/** WebRTC signalling relayed between two participants of the same call. */
export type SignalData =
  | { type: 'offer'; sdp: string }
  | { type: 'answer'; sdp: string }
  | { type: 'ice'; candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } };

export type CallAck<T = object> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

export interface CallServerEvents {
  welcome: (payload: CallWelcome) => void;
  'peer.joined': (peer: CallPeer) => void;
  'peer.left': (payload: { participantId: string }) => void;
  signal: (payload: { from: string; data: SignalData }) => void;
  'chat.message': (message: VisitorMessageView) => void;
  'product.pinned': (payload: { product: CallProduct | null }) => void;
  'call.ended': (payload: { durationSeconds: number | null }) => void;
}

export interface CallClientEvents {
  signal: (payload: { to: string; data: SignalData }) => void;
  'chat.history': (payload: Record<string, never>, ack: (r: CallAck<{ messages: VisitorMessageView[] }>) => void) => void;
  'chat.send': (payload: { clientMessageId: string; text: string }, ack: (r: CallAck<{ message: VisitorMessageView }>) => void) => void;
  'product.pin': (payload: { productId: string | null }, ack: (r: CallAck) => void) => void;
  'call.end': (payload: Record<string, never>, ack: (r: CallAck) => void) => void;
}
