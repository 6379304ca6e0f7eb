import qrcodeTerminal from 'qrcode-terminal';
import { runCli } from './cli/run-cli.js';

// `npm run cli -- whatsapp-qr …`: a thin admin client of a running hub (see cli/whatsapp-qr.ts).
function renderQr(text: string): string {
  let rendered = '';
  qrcodeTerminal.generate(text, { small: true }, (qr) => {
    rendered = qr;
  });
  return rendered;
}

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    fetch: globalThis.fetch,
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    renderQr,
  });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
