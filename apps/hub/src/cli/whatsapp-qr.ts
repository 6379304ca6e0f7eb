import type { LiveSessionStatus } from '@concierge/channels-core';

/** Exit codes: sysexits' EX_USAGE for bad arguments. */
export const EXIT = { ok: 0, failed: 1, usage: 64 } as const;

export const WHATSAPP_QR_USAGE = `Usage: npm run cli -- whatsapp-qr --inbox <inboxId> --email <email> [--account <accountId>] [--url <hubUrl>]

Shows the pairing QR code of a WhatsApp Web inbox in this terminal until the phone is linked.
  --inbox    the WhatsApp Web inbox to link (required)
  --email    your admin e-mail (or CONCIERGE_EMAIL); the password is read from CONCIERGE_PASSWORD
  --account  the account (brand) of the inbox; optional when you belong to one account only
  --url      the hub, default http://localhost:3000
  --interval seconds between polls, default 2
Exits 0 once connected, 1 when the session fails, 64 on bad arguments.`;

export interface CliIo {
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  sleep: (ms: number) => Promise<void>;
  /** Terminal rendering of a QR payload (qrcode-terminal). */
  renderQr: (text: string) => string;
}

export interface WhatsappQrArgs {
  inbox: string;
  email: string;
  password: string;
  account: string | null;
  url: string;
  intervalMs: number;
}

export class UsageError extends Error {}

const FLAGS = new Set(['inbox', 'email', 'account', 'url', 'interval']);

export function parseWhatsappQrArgs(argv: string[], env: CliIo['env']): WhatsappQrArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const match = argv[i]?.match(/^--([a-z]+)(?:=(.*))?$/);
    if (!match || !FLAGS.has(match[1]!)) throw new UsageError(`Unknown argument: ${argv[i]}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`--${match[1]} needs a value`);
    values.set(match[1]!, value);
  }
  const inbox = values.get('inbox');
  const email = values.get('email') ?? env.CONCIERGE_EMAIL;
  const password = env.CONCIERGE_PASSWORD;
  if (!inbox) throw new UsageError('--inbox is required');
  if (!email) throw new UsageError('--email (or CONCIERGE_EMAIL) is required');
  if (!password) throw new UsageError('Set CONCIERGE_PASSWORD to your password (it is never taken from the command line)');
  const url = (values.get('url') ?? 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new UsageError(`--url must be an http(s) URL, not ${url}`);
  const seconds = Number(values.get('interval') ?? '2');
  if (!Number.isFinite(seconds) || seconds < 0.2 || seconds > 60) throw new UsageError('--interval must be between 0.2 and 60 seconds');
  return { inbox, email, password, account: values.get('account') ?? null, url, intervalMs: seconds * 1000 };
}

class HubError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function call<T>(io: CliIo, url: string, init: RequestInit): Promise<T> {
  const response = await io.fetch(url, { ...init, headers: { accept: 'application/json', 'content-type': 'application/json', ...init.headers }, signal: AbortSignal.timeout(15_000) });
  const body = (await response.json().catch(() => null)) as ({ error?: { code?: string; message?: string } } & T) | null;
  if (!response.ok) throw new HubError(response.status, body?.error?.message ?? `HTTP ${response.status}`);
  return body as T;
}

interface Login {
  accessToken: string;
  accounts: { id: string; name: string; role: string }[];
}

function login(io: CliIo, args: WhatsappQrArgs): Promise<Login> {
  return call<Login>(io, `${args.url}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ email: args.email, password: args.password }) });
}

type SessionView = Pick<LiveSessionStatus, 'state' | 'qr' | 'detail' | 'phone' | 'updatedAt'> & { qrText?: string | null };

/** Signs in, then polls the inbox's session and redraws the QR code whenever WhatsApp rotates it. */
export async function whatsappQr(args: WhatsappQrArgs, io: CliIo): Promise<number> {
  let auth: Login;
  try {
    auth = await login(io, args);
  } catch (error) {
    io.err(`Sign-in to ${args.url} failed: ${(error as Error).message}`);
    return EXIT.failed;
  }
  const account = args.account ?? (auth.accounts.length === 1 ? auth.accounts[0]!.id : null);
  if (!account) {
    io.err(auth.accounts.length === 0 ? 'This login belongs to no account.' : `Pick the account with --account:\n${auth.accounts.map((a) => `  ${a.id}  ${a.name}`).join('\n')}`);
    return auth.accounts.length === 0 ? EXIT.failed : EXIT.usage;
  }
  const sessionUrl = `${args.url}/api/v1/accounts/${encodeURIComponent(account)}/inboxes/${encodeURIComponent(args.inbox)}/session`;
  let lastState = '';
  let lastQr: string | null = null;
  let errors = 0;
  let relogins = 0;
  for (;;) {
    let view: SessionView;
    try {
      view = await call<SessionView>(io, sessionUrl, { headers: { authorization: `Bearer ${auth.accessToken}` } });
      errors = 0;
    } catch (error) {
      const status = error instanceof HubError ? error.status : 0;
      if (status === 401 && relogins++ < 3) {
        // The access token expired while the admin was finding their phone.
        auth = await login(io, args).catch(() => auth);
        continue;
      }
      if (status === 403 || status === 404 || status === 401) {
        io.err(`Cannot read the session of inbox ${args.inbox}: ${(error as Error).message}`);
        return EXIT.failed;
      }
      if (++errors >= 10) {
        io.err(`The hub at ${args.url} is not answering: ${(error as Error).message}`);
        return EXIT.failed;
      }
      await io.sleep(args.intervalMs);
      continue;
    }
    const qrText = view.qrText ?? null;
    if (view.state !== lastState) {
      io.out(`${view.state}${view.detail ? ` — ${view.detail}` : ''}`);
      lastState = view.state;
    }
    if (view.state === 'qr_required' && qrText && qrText !== lastQr) {
      io.out(`\n${io.renderQr(qrText)}\nScan with WhatsApp on the phone: Settings → Linked devices → Link a device. (The code changes every ~20 s.)\n`);
      lastQr = qrText;
    } else if (view.state === 'qr_required' && !qrText && lastQr !== '') {
      io.out('This hub does not send the QR as text: open the inbox settings in the browser to scan it.');
      lastQr = '';
    }
    if (view.state === 'connected') {
      io.out(`Linked${view.phone ? ` as ${view.phone}` : ''}.`);
      return EXIT.ok;
    }
    if (view.state === 'failed') {
      io.err(view.detail ?? 'The session failed.');
      return EXIT.failed;
    }
    await io.sleep(args.intervalMs);
  }
}
