import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { pino, type Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Secrets and message bodies never reach the logs. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.authToken',
  '*.appSecret',
  '*.identitySecret',
  '*.visitorToken',
  '*.token',
  '*.body',
  '*.text',
];

/** A caller's X-Request-Id is kept when well-formed (so a trace spans proxies), otherwise a new one is made. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

export function createPino(level: string): Pino {
  // Asynchronous stdout: lines written while a write is in flight go out together with the next one,
  // instead of one blocking write per line (an access line per webhook cost ~5 % of the hub's CPU).
  // pino flushes what is left on exit; a SIGKILL can lose the last lines, never a message.
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, pino.destination({ dest: 1, sync: false }));
}

/** Nest's logger interface on top of pino, so framework and app logs are the same JSON lines. */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string, trace?: string): void {
    if (message !== null && typeof message === 'object') this.pino[level]({ context, trace, ...(message as object) });
    else this.pino[level]({ context, trace }, String(message));
  }
}

/** Access log with a request id on every line (`req.id`), health probes excluded. */
export function httpLogger(logger: Pino) {
  return pinoHttp({
    logger,
    genReqId: requestId,
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    serializers: {
      // A video-call link's path is its bearer token (`/call/<token>`): logged without it.
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0]?.replace(/^\/call\/(?!assets\/)[^/]+/, '/call/[redacted]') }),
    },
  });
}
