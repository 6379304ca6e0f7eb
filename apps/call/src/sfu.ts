import {
  ConnectionError,
  ConnectionErrorReason,
  ConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type LocalTrackPublication,
  type Participant,
  type RemoteTrack,
} from 'livekit-client';

/** What the page lends the SFU session: its status line, the video tiles, and the hub's names for participants. */
export interface Stage {
  status(text: string): void;
  /** The <video> of a tile (created with the name on first use). */
  tile(key: string, name: string): HTMLVideoElement;
  dropTile(key: string): void;
  /** The hub's name for a participant (our participant id is their LiveKit identity). */
  nameOf(identity: string): string | undefined;
  /** Shows or hides the "Turn on sound" button (browsers block sound until the page is clicked). */
  soundBlocked(blocked: boolean): void;
}

export interface SfuAccess {
  url: string;
  token: string;
}

type Kind = 'audio' | 'video';

const RETRY_MS = [2_000, 4_000, 8_000, 15_000, 30_000];
/** Left the room for good: another tab took the seat, the host removed them, or the room is gone (the call ended). */
const FINAL: Partial<Record<DisconnectReason, string>> = {
  [DisconnectReason.DUPLICATE_IDENTITY]: 'You joined this call from another tab or device.',
  [DisconnectReason.PARTICIPANT_REMOVED]: 'The host removed you from the call.',
  [DisconnectReason.ROOM_DELETED]: 'The call has ended.',
};

/**
 * A group consultation's media through LiveKit (https://docs.livekit.io/home/client/connect/): the page joins
 * the room with the participant token the hub issued, publishes the camera and microphone it already holds
 * (so the mute and camera buttons keep working before, during and after a reconnect), shows everyone else's
 * tracks under the names the hub gave them, and keeps trying while the video server cannot be reached.
 * Loaded on demand: p2p and mesh calls never download livekit-client.
 */
export class SfuMedia {
  private readonly room = new Room({ adaptiveStream: true, dynacast: true, stopLocalTrackOnUnpublish: false });
  private readonly published = new Map<Kind | 'screen', LocalTrackPublication>();
  private access: SfuAccess | null = null;
  private screen: MediaStreamTrack | null = null;
  private connecting = false;
  private closed = false;
  private attempt = 0;
  private retry: number | undefined;

  constructor(
    private readonly local: MediaStream | null,
    private readonly stage: Stage,
  ) {
    this.room
      .on(RoomEvent.ParticipantConnected, (p) => this.show(p))
      .on(RoomEvent.ParticipantDisconnected, (p) => {
        this.stage.dropTile(p.identity);
        this.stage.dropTile(`${p.identity}:screen`);
        this.presence();
      })
      .on(RoomEvent.TrackSubscribed, (track, _publication, p) => this.attach(track, p))
      .on(RoomEvent.TrackUnsubscribed, (track, _publication, p) => this.detach(track, p))
      .on(RoomEvent.Reconnecting, () => this.stage.status('Reconnecting to the video server…'))
      .on(RoomEvent.Reconnected, () => this.presence())
      .on(RoomEvent.AudioPlaybackStatusChanged, () => this.stage.soundBlocked(!this.room.canPlaybackAudio))
      .on(RoomEvent.Disconnected, (reason) => this.disconnected(reason));
  }

  /** The hub hands out a fresh token on every (re)connection of the page: join with it unless already in. */
  join(access: SfuAccess): void {
    this.access = access;
    if (this.closed || this.connecting || this.room.state !== ConnectionState.Disconnected) return;
    window.clearTimeout(this.retry);
    void this.connect();
  }

  async setMuted(kind: Kind, muted: boolean): Promise<void> {
    const publication = this.published.get(kind);
    if (publication) await (muted ? publication.mute() : publication.unmute());
  }

  /** Screen sharing is its own track beside the camera, so everyone sees both the product and the person. */
  async share(track: MediaStreamTrack | null): Promise<void> {
    this.screen = track;
    const current = this.published.get('screen');
    if (current?.track) await this.room.localParticipant.unpublishTrack(current.track, false);
    this.published.delete('screen');
    if (track && this.room.state === ConnectionState.Connected) await this.publish(track, Track.Source.ScreenShare, 'screen');
  }

  async startSound(): Promise<void> {
    await this.room.startAudio();
  }

  async close(): Promise<void> {
    this.closed = true;
    window.clearTimeout(this.retry);
    await this.room.disconnect();
  }

  private async connect(): Promise<void> {
    const access = this.access!;
    this.connecting = true;
    this.stage.status('Connecting to the video server…');
    try {
      await this.room.connect(access.url, access.token);
      this.attempt = 0;
      this.published.clear();
      for (const track of this.local?.getTracks() ?? []) {
        await this.publish(track, track.kind === 'audio' ? Track.Source.Microphone : Track.Source.Camera, track.kind as Kind);
      }
      if (this.screen) await this.publish(this.screen, Track.Source.ScreenShare, 'screen');
      for (const p of this.room.remoteParticipants.values()) this.show(p);
      this.presence();
    } catch (error) {
      if (this.closed) return;
      console.warn('video server connection failed', error);
      const refused = error instanceof ConnectionError && error.reason === ConnectionErrorReason.NotAllowed;
      this.again(refused ? 'The video server refused to let you in' : 'Cannot reach the video server');
    } finally {
      this.connecting = false;
    }
  }

  private async publish(track: MediaStreamTrack, source: Track.Source, key: Kind | 'screen'): Promise<void> {
    const publication = await this.room.localParticipant.publishTrack(track, { source });
    this.published.set(key, publication);
    // A button pressed before the join (or before a reconnect) still holds: the track arrives muted.
    if (key !== 'screen' && !track.enabled) await publication.mute();
  }

  private disconnected(reason?: DisconnectReason): void {
    this.published.clear();
    // A failed join also ends in Disconnected: connect() reports that one itself.
    if (this.closed || this.connecting || reason === DisconnectReason.CLIENT_INITIATED) return;
    const final = reason === undefined ? undefined : FINAL[reason];
    if (final) {
      this.closed = true;
      this.stage.status(final);
      return;
    }
    this.again('Lost the connection to the video server');
  }

  /** Tries again with growing pauses, with the latest token the hub gave (it may have reconnected meanwhile). */
  private again(why: string): void {
    const wait = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)]!;
    this.stage.status(`${why}. Trying again in ${Math.round(wait / 1000)} s…`);
    window.clearTimeout(this.retry);
    this.retry = window.setTimeout(() => void this.connect(), wait);
  }

  private name(p: Participant): string {
    return this.stage.nameOf(p.identity) ?? (p.name || 'Guest');
  }

  private show(p: Participant): void {
    this.stage.tile(p.identity, this.name(p));
    this.presence();
  }

  private attach(track: RemoteTrack, p: Participant): void {
    const screen = track.source === Track.Source.ScreenShare;
    const video = this.stage.tile(screen ? `${p.identity}:screen` : p.identity, screen ? `${this.name(p)} (screen)` : this.name(p));
    if (track.kind === Track.Kind.Video) track.attach(video);
    else video.parentElement!.append(track.attach());
  }

  private detach(track: RemoteTrack, p: Participant): void {
    for (const element of track.detach()) if (element instanceof HTMLAudioElement) element.remove();
    if (track.source === Track.Source.ScreenShare && track.kind === Track.Kind.Video) this.stage.dropTile(`${p.identity}:screen`);
  }

  private presence(): void {
    if (this.room.state !== ConnectionState.Connected) return;
    this.stage.status(this.room.remoteParticipants.size ? 'In the call' : 'Waiting for the others to join…');
  }
}
