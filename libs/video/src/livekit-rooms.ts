import { AccessToken, RoomServiceClient, TwirpError } from 'livekit-server-sdk';
import { AppError } from '@concierge/common';
import { VideoRoomProvider, type ParticipantGrant, type RoomSpec } from './room-provider.js';

export interface LiveKitSettings {
  /** The LiveKit server (https:// or wss://): its Twirp API and the URL browsers connect to. */
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** A host and up to 40 buyers. */
export const SFU_MAX_PARTICIPANTS = 41;

/**
 * LiveKit as the SFU of group consultations: rooms through its RoomService (Twirp over HTTP) and
 * per-participant JWT access tokens (https://docs.livekit.io/home/get-started/authentication/).
 * Stateless: settings arrive with construction from configuration, nothing is cached per brand.
 */
export class LiveKitRooms extends VideoRoomProvider {
  readonly mode = 'sfu' as const;
  readonly maxParticipants = SFU_MAX_PARTICIPANTS;
  readonly limitReason = null;
  private readonly rooms: RoomServiceClient;

  constructor(private readonly settings: LiveKitSettings) {
    super();
    // No region failover: a self-hosted LiveKit has one origin (failover applies to *.livekit.cloud only).
    this.rooms = new RoomServiceClient(settings.url, settings.apiKey, settings.apiSecret, { requestTimeout: 10 });
  }

  async createRoom(spec: RoomSpec): Promise<void> {
    try {
      await this.rooms.createRoom({ name: spec.name, maxParticipants: spec.maxParticipants, emptyTimeout: spec.emptyTimeoutSeconds, metadata: spec.metadata ?? '' });
    } catch (error) {
      throw unavailable(error);
    }
  }

  async participantAccess(grant: ParticipantGrant): Promise<{ url: string; token: string }> {
    const token = new AccessToken(this.settings.apiKey, this.settings.apiSecret, { identity: grant.identity, name: grant.name, ttl: grant.ttlSeconds });
    token.addGrant({ room: grant.room, roomJoin: true, canPublish: grant.canPublish, canSubscribe: true, canPublishData: true, roomAdmin: grant.roomAdmin });
    return { url: this.settings.url.replace(/^http/, 'ws'), token: await token.toJwt() };
  }

  async closeRoom(name: string): Promise<void> {
    try {
      await this.rooms.deleteRoom(name);
    } catch (error) {
      // Already gone (closed by its empty timeout): nothing to do.
      if (error instanceof TwirpError && error.status === 404) return;
      throw unavailable(error);
    }
  }
}

function unavailable(error: unknown): AppError {
  const detail = error instanceof TwirpError ? `${error.status} ${error.code ?? ''} ${error.message}`.trim() : error instanceof Error ? error.message : String(error);
  return new AppError('SERVICE_UNAVAILABLE', `The video server (LiveKit) did not answer: ${detail}`);
}
