import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { SandboxStore } from './store.js';
import { twilioError } from './twilio-wire.js';

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** HTTP Basic `AccountSid:AuthToken`, checked against the registered Twilio lines of that account. */
export class TwilioAuth {
  constructor(private readonly store: SandboxStore) {}

  /** The authenticated account sid, or undefined. A `:accountSid` path parameter must name the same account. */
  account(req: Request): string | undefined {
    const header = req.get('authorization') ?? '';
    const match = /^Basic\s+(.+)$/i.exec(header);
    if (!match) return undefined;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const sid = decoded.slice(0, colon);
    const token = decoded.slice(colon + 1);
    const pathSid = req.params?.accountSid;
    if (pathSid !== undefined && pathSid !== sid) return undefined;
    return this.store.twilioLines(sid).some((line) => same(line.authToken, token)) ? sid : undefined;
  }

  unauthorized(): Record<string, unknown> {
    return { ...twilioError(20003, 'Authenticate', 401), detail: 'Your AccountSid or AuthToken was incorrect.' };
  }

  reject(res: Response): void {
    res.set('WWW-Authenticate', 'Basic realm="Twilio API"').status(401).json(this.unauthorized());
  }
}
