import { startSandbox } from './sandbox.js';
import type { LineConfig } from './types.js';

/** Standalone sandbox: `npm run sandbox`. SANDBOX_PORT (or PORT, default 3100), SANDBOX_HOST, SANDBOX_LINES (JSON array). */
async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? process.env.PORT ?? 3100);
  const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
  const statusDelayMs = process.env.SANDBOX_STATUS_DELAY_MS ? Number(process.env.SANDBOX_STATUS_DELAY_MS) : undefined;
  let lines: LineConfig[] = [];
  if (process.env.SANDBOX_LINES) {
    try {
      lines = JSON.parse(process.env.SANDBOX_LINES) as LineConfig[];
    } catch {
      console.error('SANDBOX_LINES must be a JSON array of line configurations');
      process.exit(78); // EX_CONFIG
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port: ${process.env.SANDBOX_PORT ?? process.env.PORT}`);
    process.exit(78);
  }

  const sandbox = await startSandbox({ port, host, lines, statusDelayMs, log: (line) => console.warn(line) });
  const stop = async () => {
    await sandbox.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  console.log(
    [
      `Provider sandbox running at ${sandbox.url}`,
      `  Phone UI           ${sandbox.url}/`,
      `  Provider base URL  ${sandbox.url}   (apiBaseUrl for Twilio and WhatsApp Cloud inboxes)`,
      `  Lines              ${sandbox.store.listLines().length} registered; add more with POST ${sandbox.url}/sandbox/api/lines`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
