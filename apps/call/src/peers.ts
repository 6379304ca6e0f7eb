import type { CallIceServer, CallPeer, SignalData } from '@concierge/contracts';

type Send = (to: string, data: SignalData) => void;

interface Link {
  pc: RTCPeerConnection;
  /** ICE candidates that arrived before the remote description (they cannot be added yet). */
  pending: RTCIceCandidateInit[];
  stream: MediaStream;
}

/**
 * One RTCPeerConnection per other participant (1:1 is a mesh of two). Whoever joins later makes the
 * offers, so two sides never offer to each other at once (no glare to resolve).
 */
export class Peers {
  private readonly links = new Map<string, Link>();
  private outgoing: MediaStream | null = null;

  constructor(
    private readonly iceServers: CallIceServer[],
    private readonly send: Send,
    private readonly onStream: (peer: string, stream: MediaStream | null) => void,
  ) {}

  setLocal(stream: MediaStream | null): void {
    this.outgoing = stream;
  }

  /** Replaces the outgoing video (camera ⇄ screen) on every connection without renegotiating. */
  async replaceVideo(track: MediaStreamTrack | null): Promise<void> {
    for (const { pc } of this.links.values()) {
      const sender = pc.getSenders().find((s) => s.track?.kind === 'video' || (s.track === null && track?.kind === 'video'));
      if (sender) await sender.replaceTrack(track);
    }
  }

  async call(peer: CallPeer): Promise<void> {
    const link = this.link(peer.participantId);
    const offer = await link.pc.createOffer();
    await link.pc.setLocalDescription(offer);
    this.send(peer.participantId, { type: 'offer', sdp: offer.sdp ?? '' });
  }

  async signal(from: string, data: SignalData): Promise<void> {
    if (data.type === 'offer') {
      const link = this.link(from);
      await link.pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
      await this.flush(link);
      const answer = await link.pc.createAnswer();
      await link.pc.setLocalDescription(answer);
      this.send(from, { type: 'answer', sdp: answer.sdp ?? '' });
    } else if (data.type === 'answer') {
      const link = this.links.get(from);
      if (!link) return;
      await link.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
      await this.flush(link);
    } else {
      const link = this.links.get(from);
      if (!link) return;
      if (link.pc.remoteDescription) await link.pc.addIceCandidate(data.candidate).catch(() => undefined);
      else link.pending.push(data.candidate);
    }
  }

  drop(peer: string): void {
    this.links.get(peer)?.pc.close();
    this.links.delete(peer);
    this.onStream(peer, null);
  }

  closeAll(): void {
    for (const id of [...this.links.keys()]) this.drop(id);
  }

  private link(peer: string): Link {
    const existing = this.links.get(peer);
    if (existing) return existing;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    const link: Link = { pc, pending: [], stream: new MediaStream() };
    this.links.set(peer, link);
    if (this.outgoing) for (const track of this.outgoing.getTracks()) pc.addTrack(track, this.outgoing);
    else {
      // No camera or microphone here: still receive the other side's.
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
    pc.onicecandidate = (e) => {
      if (e.candidate) this.send(peer, { type: 'ice', candidate: { candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex } });
    };
    pc.ontrack = (e) => {
      if (!link.stream.getTracks().includes(e.track)) link.stream.addTrack(e.track);
      this.onStream(peer, link.stream);
    };
    return link;
  }

  private async flush(link: Link): Promise<void> {
    for (const candidate of link.pending.splice(0)) await link.pc.addIceCandidate(candidate).catch(() => undefined);
  }
}
