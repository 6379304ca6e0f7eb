/**
 * The call page's Content-Security-Policy: our scripts only, never framed. It may connect to its own origin
 * (the hub's socket.io, ws and http alike under 'self') and, when LiveKit is configured, to that one server:
 * livekit-client opens its signalling WebSocket there and, when that fails, asks `/rtc/validate` over HTTP(S)
 * why. https://docs.livekit.io/home/client/connect/
 */
export function callPageCsp(livekitUrl: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "media-src 'self' blob: mediastream:",
    ['connect-src', "'self'", ...(livekitUrl ? sfuOrigins(livekitUrl) : [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The LiveKit server's origin in both schemes of its kind (TLS or not), whichever of the two LIVEKIT_URL names. */
function sfuOrigins(livekitUrl: string): string[] {
  const url = new URL(livekitUrl);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return [`${secure ? 'wss' : 'ws'}://${url.host}`, `${secure ? 'https' : 'http'}://${url.host}`];
}
