import type { WhatsappClient } from './whatsapp-client.js';

/**
 * Closes a client's browser. The library's destroy() can hang (a wedged renderer) and a leaked Chromium
 * per retry would eat the machine, so after `timeoutMs` the browser process is killed. Never rejects.
 */
export async function destroyClient(client: WhatsappClient, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const closed = client.destroy().then(
    () => 'closed' as const,
    () => 'closed' as const,
  );
  const outcome = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    try {
      client.pupBrowser?.process()?.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
