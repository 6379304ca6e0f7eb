import { EXIT, UsageError, WHATSAPP_QR_USAGE, parseWhatsappQrArgs, whatsappQr, type CliIo } from './whatsapp-qr.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  whatsapp-qr   show the pairing QR code of a WhatsApp Web inbox in this terminal

${WHATSAPP_QR_USAGE}`;

/** Admin commands talk to a running hub over its REST API only: no database access, no secrets on disk. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command !== 'whatsapp-qr') {
    io.err(`Unknown command: ${command}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(WHATSAPP_QR_USAGE);
    return EXIT.ok;
  }
  try {
    return await whatsappQr(parseWhatsappQrArgs(rest, io.env), io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${WHATSAPP_QR_USAGE}`);
    return EXIT.usage;
  }
}
