/**
 * A short two-tone chime generated with WebAudio (no audio file to ship). Browsers only allow audio
 * after a user gesture, so the context is created ("armed") on the first click or key press.
 */
let context: AudioContext | null = null;

export function armAudio(): void {
  const arm = () => {
    try {
      context ??= new AudioContext();
      void context.resume();
    } catch {
      context = null;
    }
  };
  window.addEventListener('pointerdown', arm, { once: true, capture: true });
  window.addEventListener('keydown', arm, { once: true, capture: true });
}

export function audioArmed(): boolean {
  return context?.state === 'running';
}

export function chime(): void {
  if (!context || context.state !== 'running') return;
  const now = context.currentTime;
  for (const [i, freq] of [880, 1320].entries()) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = now + i * 0.12;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.25);
    osc.connect(gain).connect(context.destination);
    osc.start(start);
    osc.stop(start + 0.3);
  }
}
