import type { CallMode } from '@concierge/contracts';

export interface RoomSpec {
  name: string;
  maxParticipants: number;
  /** Seconds an empty room is kept before the SFU closes it. */
  emptyTimeoutSeconds: number;
  metadata?: string;
}

export interface ParticipantGrant {
  room: string;
  /** Stable per participant (our participant id): the SFU's identity. */
  identity: string;
  name: string;
  /** Buyers and hosts both publish; a muted viewer role would set this false. */
  canPublish: boolean;
  /** The host may moderate (mute, remove); buyers may not. */
  roomAdmin: boolean;
  ttlSeconds: number;
}

/**
 * Where the media of a group consultation flows. Ports are abstract classes used as DI tokens
 * (ARCHITECTURE §4): the LiveKit adapter when an SFU is configured, the mesh fallback otherwise.
 */
export abstract class VideoRoomProvider {
  abstract readonly mode: Extract<CallMode, 'mesh' | 'sfu'>;
  /** Everyone in the call, host included. */
  abstract readonly maxParticipants: number;
  /** Said to the host when a consultation is refused for size, or shown beside the limit. */
  abstract readonly limitReason: string | null;
  abstract createRoom(spec: RoomSpec): Promise<void>;
  /** The SFU's URL and a participant's access token; null when media does not go through an SFU. */
  abstract participantAccess(grant: ParticipantGrant): Promise<{ url: string; token: string } | null>;
  abstract closeRoom(name: string): Promise<void>;
}

export const MESH_MAX_PARTICIPANTS = 4;

/**
 * No SFU: every browser sends its camera to every other one over our own signalling. Upload grows with
 * each participant (3 outgoing streams at 4 people), which home connections and phones stop carrying
 * beyond that, so a mesh consultation stops at 4.
 */
export class MeshRooms extends VideoRoomProvider {
  readonly mode = 'mesh' as const;
  readonly maxParticipants = MESH_MAX_PARTICIPANTS;
  readonly limitReason =
    `Without an SFU, group calls are limited to ${MESH_MAX_PARTICIPANTS} people: each browser sends its video to every other one, ` +
    'and upload bandwidth runs out beyond that. Configure LiveKit (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET) for consultations of up to 40 buyers.';

  async createRoom(): Promise<void> {}

  async participantAccess(): Promise<null> {
    return null;
  }

  async closeRoom(): Promise<void> {}
}
