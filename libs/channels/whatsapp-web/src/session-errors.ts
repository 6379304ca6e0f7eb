/**
 * Turns what whatsapp-web.js and puppeteer throw into sentences an admin can act on. The library also
 * throws bare strings (`'auth timeout'`, `'ready timeout'`), so anything may arrive here.
 */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

function firstLine(text: string, max = 200): string {
  const line = text.split('\n').find((l) => l.trim()) ?? text;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const NETWORK = /net::(ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_\w+|ERR_TIMED_OUT|ERR_PROXY_\w+|ERR_TUNNEL_\w+|ERR_NAME_RESOLUTION_FAILED)/;

/** Why a session could not start (initialize() rejected). */
export function describeStartFailure(error: unknown, chromiumPath: string): string {
  const text = errorText(error);
  const network = text.match(NETWORK);
  if (network) return `Cannot reach web.whatsapp.com — is this machine offline? (net::${network[1]})`;
  if (/profile appears to be in use|SingletonLock|ProcessSingleton/i.test(text)) {
    return 'Another Chromium process is using this inbox\'s WhatsApp profile (left over from a previous run?). Stop it; the session retries by itself.';
  }
  if (/Failed to launch the browser process|ENOENT|EACCES|spawn /i.test(text) || /Browser was not found/i.test(text)) {
    return `Cannot start Chromium at ${chromiumPath}: ${firstLine(text)}. Install Chromium there or set CHROMIUM_PATH.`;
  }
  if (/^(auth|ready) timeout$/.test(text)) {
    return `WhatsApp Web did not finish loading (${text}). Is the connection to web.whatsapp.com slow or filtered?`;
  }
  return `WhatsApp Web failed to start: ${firstLine(text)}`;
}

/** WAState values after which WhatsApp will not let this number back in by retrying. */
const BLOCKED = new Set(['TOS_BLOCK', 'SMB_TOS_BLOCK']);

export interface DisconnectOutcome {
  detail: string;
  /** Relaunch the browser later (with backoff); false when retrying cannot help or the library re-pairs by itself. */
  retry: boolean;
  state: 'disconnected' | 'failed';
}

/** `disconnected` reasons: `LOGOUT` or a WAState (CONFLICT, UNPAIRED, TOS_BLOCK, …) — see the library's Client.js. */
export function describeDisconnect(reason: unknown): DisconnectOutcome {
  const text = errorText(reason);
  if (text === 'LOGOUT') {
    // The library keeps the browser and shows a fresh QR by itself (Client.js `framenavigated`): no relaunch.
    return { state: 'disconnected', retry: false, detail: 'Logged out from the phone. Scan the new QR code to link this inbox again.' };
  }
  if (BLOCKED.has(text)) {
    return { state: 'failed', retry: false, detail: `WhatsApp blocked this number (${text}). Check the phone; reconnect the inbox once it is resolved.` };
  }
  if (text === 'CONFLICT') {
    return { state: 'disconnected', retry: true, detail: 'WhatsApp Web was opened elsewhere for this number (CONFLICT). Reconnecting.' };
  }
  if (text === 'UNPAIRED' || text === 'UNPAIRED_IDLE') {
    return { state: 'disconnected', retry: true, detail: `The phone unlinked this device (${text}). A new QR code follows.` };
  }
  return { state: 'disconnected', retry: true, detail: `Disconnected from WhatsApp (${firstLine(text, 80)}). Reconnecting.` };
}
