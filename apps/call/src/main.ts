import type { CallAck, CallClientEvents, CallProduct, CallServerEvents, CallWelcome } from '@concierge/contracts';
import { io, type Socket } from 'socket.io-client';
import { Chat } from './chat.js';
import { Peers } from './peers.js';
import type { SfuMedia } from './sfu.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (text: string) => ($('status').textContent = text);

function notice(text: string): void {
  const el = $('notice');
  el.textContent = text;
  el.hidden = false;
}

/** Only http(s) links and images are shown (a product card is brand data, but never a javascript: URL). */
function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

function showProduct(product: CallProduct | null): void {
  const box = $('product');
  box.replaceChildren();
  box.hidden = !product;
  if (!product) return;
  const h = document.createElement('h2');
  h.textContent = product.title ?? 'Product';
  const image = safeUrl(product.imageUrl);
  if (image) {
    const img = document.createElement('img');
    img.src = image;
    img.alt = product.title ?? '';
    box.append(img);
  }
  box.append(h);
  if (product.price) {
    const p = document.createElement('p');
    p.className = 'price';
    p.textContent = `${product.price.currency} ${product.price.amount}`;
    box.append(p);
  }
  if (product.description) {
    const d = document.createElement('p');
    d.textContent = product.description;
    box.append(d);
  }
  const link = safeUrl(product.url);
  if (link) {
    const a = document.createElement('a');
    a.href = link;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = 'View product';
    box.append(a);
  }
}

function tile(peer: string, name: string): HTMLVideoElement {
  let fig = document.querySelector<HTMLElement>(`figure[data-peer="${CSS.escape(peer)}"]`);
  if (!fig) {
    fig = document.createElement('figure');
    fig.className = 'tile';
    fig.dataset.peer = peer;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute('aria-label', `${name}'s camera`);
    const caption = document.createElement('figcaption');
    caption.textContent = name;
    fig.append(video, caption);
    $('videos').append(fig);
  }
  return fig.querySelector('video')!;
}

function dropTile(peer: string): void {
  document.querySelector(`figure[data-peer="${CSS.escape(peer)}"]`)?.remove();
}

/** livekit-client is several times the size of this page: only consultations through the SFU download it. */
async function loadSfu(local: MediaStream | null, names: Map<string, string>): Promise<SfuMedia | null> {
  try {
    const { SfuMedia } = await import('./sfu.js');
    const sound = $<HTMLButtonElement>('sound');
    const media = new SfuMedia(local, { status, tile, dropTile, nameOf: (id) => names.get(id), soundBlocked: (blocked) => void (sound.hidden = !blocked) });
    sound.addEventListener('click', () => void media.startSound());
    return media;
  } catch (error) {
    console.warn('video component not loaded', error);
    status('Could not load the video: check your connection and reload the page.');
    return null;
  }
}

async function localMedia(): Promise<MediaStream | null> {
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
  } catch {
    notice('Your camera or microphone is not available: you can still see and hear the other side. Allow access and reload to be seen.');
    return null;
  }
}

async function main(): Promise<void> {
  const token = decodeURIComponent(location.pathname.replace(/\/+$/, '').split('/').pop() ?? '');
  const local = await localMedia();
  if (local) $<HTMLVideoElement>('local').srcObject = local;
  const names = new Map<string, string>();
  const socket: Socket<CallServerEvents, CallClientEvents> = io('/call', { auth: { token }, transports: ['websocket'], reconnectionAttempts: 10 });
  const emit = <T>(event: 'chat.history' | 'chat.send' | 'product.pin' | 'call.end', payload: unknown) =>
    (socket.timeout(8000) as unknown as { emitWithAck(e: string, p: unknown): Promise<CallAck<T>> }).emitWithAck(event, payload);

  // Peer connections carry p2p and mesh calls; an SFU consultation's media goes through LiveKit instead.
  let peers: Peers | null = null;
  let sfu: Promise<SfuMedia | null> | null = null;
  let chat: Chat | null = null;
  let over = false;

  const finish = (text: string) => {
    over = true;
    status(text);
    peers?.closeAll();
    void sfu?.then((media) => media?.close());
    chat?.stop();
    local?.getTracks().forEach((t) => t.stop());
    socket.disconnect();
    for (const id of ['mute', 'camera', 'share', 'sound', 'leave']) $<HTMLButtonElement>(id).disabled = true;
  };

  socket.on('welcome', (w: CallWelcome) => {
    if (w.call.title) $('title').textContent = w.call.title;
    document.title = w.call.title ?? 'Video call';
    if (w.call.limitReason && w.self.role !== 'customer') notice(w.call.limitReason);
    showProduct(w.call.pinnedProduct);
    for (const p of w.peers) names.set(p.participantId, p.name);
    if (w.call.chat && !chat) {
      $('chat').hidden = false;
      chat = new Chat($('messages'), $('composer'), $('text'), emit, w.self.role === 'customer' ? 'in' : 'out');
      void chat.start();
    }
    if (w.self.role !== 'customer') $('leave').textContent = 'End call';
    const access = w.call.sfu;
    if (access) {
      // Every welcome (also after the hub connection came back) carries a fresh token; the room is joined once.
      sfu ??= loadSfu(local, names);
      void sfu.then((media) => media?.join(access));
      return;
    }
    peers?.closeAll();
    status(w.peers.length ? 'Connecting to the call…' : 'Waiting for the other side to join…');
    peers = new Peers(w.call.iceServers, (to, data) => socket.emit('signal', { to, data }), (peer, stream) => {
      if (!stream) return dropTile(peer);
      const video = tile(peer, names.get(peer) ?? 'Guest');
      if (video.srcObject !== stream) video.srcObject = stream;
      status('In the call');
    });
    peers.setLocal(local);
    for (const p of w.peers) void peers.call(p);
  });
  socket.on('peer.joined', (p) => {
    // Someone who reloaded or reconnected comes back with fresh offers: the old connection to them is stale.
    peers?.drop(p.participantId);
    names.set(p.participantId, p.name);
    status(`${p.name} joined`);
  });
  socket.on('peer.left', ({ participantId }) => {
    peers?.drop(participantId);
    status(`${names.get(participantId) ?? 'Someone'} left`);
  });
  socket.on('signal', ({ from, data }) => void peers?.signal(from, data).catch((e: unknown) => console.warn('signal failed', e)));
  socket.on('chat.message', (m) => chat?.add(m));
  socket.on('product.pinned', ({ product }) => showProduct(product));
  socket.on('call.ended', () => finish('The call has ended. Thank you!'));
  socket.on('connect_error', (e: Error & { data?: { code?: string } }) => {
    if (e.data?.code === 'LINK_EXPIRED') finish('This call link has expired or the call is over.');
    else if (e.data?.code === 'CONFLICT') finish(e.message.replace(/^CONFLICT: /, ''));
    else if (e.data?.code) finish('This call link is not valid.');
    else status('Reconnecting…');
  });
  socket.on('disconnect', () => {
    if (!over) status('Reconnecting…');
  });

  const toggle = (id: string, kind: 'audio' | 'video', on: string, off: string) => {
    const button = $<HTMLButtonElement>(id);
    button.disabled = !local?.getTracks().some((t) => t.kind === kind);
    button.addEventListener('click', () => {
      const pressed = button.getAttribute('aria-pressed') !== 'true';
      for (const t of local?.getTracks() ?? []) if (t.kind === kind) t.enabled = !pressed;
      void sfu?.then((media) => media?.setMuted(kind, pressed));
      button.setAttribute('aria-pressed', String(pressed));
      button.textContent = pressed ? off : on;
    });
  };
  toggle('mute', 'audio', 'Mute', 'Unmute');
  toggle('camera', 'video', 'Camera off', 'Camera on');

  const share = $<HTMLButtonElement>('share');
  share.disabled = !local || !navigator.mediaDevices.getDisplayMedia;
  let screen: MediaStream | null = null;
  const stopSharing = async () => {
    screen?.getTracks().forEach((t) => t.stop());
    screen = null;
    await peers?.replaceVideo(local?.getVideoTracks()[0] ?? null);
    await sfu?.then((media) => media?.share(null));
    $<HTMLVideoElement>('local').srcObject = local;
    share.setAttribute('aria-pressed', 'false');
    share.textContent = 'Share screen';
  };
  share.addEventListener('click', async () => {
    if (screen) return stopSharing();
    try {
      screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
    } catch {
      return;
    }
    const track = screen.getVideoTracks()[0]!;
    track.addEventListener('ended', () => void stopSharing());
    await peers?.replaceVideo(track);
    await sfu?.then((media) => media?.share(track));
    $<HTMLVideoElement>('local').srcObject = screen;
    share.setAttribute('aria-pressed', 'true');
    share.textContent = 'Stop sharing';
  });

  $('leave').addEventListener('click', async () => {
    if ($('leave').textContent === 'End call') await emit('call.end', {}).catch(() => null);
    finish('You left the call.');
  });
}

void main();
