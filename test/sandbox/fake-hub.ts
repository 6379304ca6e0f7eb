/**
 * A stand-in for the hub in sandbox tests: an express server that records every request (raw body
 * included, so signatures can be checked) and answers with scripted status codes.
 */
import express from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  path: string;
  /** Full URL as the sender addressed it (what Twilio signs). */
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Form fields (application/x-www-form-urlencoded bodies). */
  form: Record<string, string>;
  json: unknown;
}

export interface FakeHub {
  url: string;
  requests: CapturedRequest[];
  /** Status codes answered in order (the last one repeats); default 200. */
  respondWith(statuses: number[]): void;
  waitFor(predicate: (req: CapturedRequest) => boolean, timeoutMs?: number): Promise<CapturedRequest>;
  close(): Promise<void>;
}

export async function startFakeHub(): Promise<FakeHub> {
  const requests: CapturedRequest[] = [];
  const waiters: { predicate: (req: CapturedRequest) => boolean; resolve: (req: CapturedRequest) => void }[] = [];
  let statuses = [200];
  let served = 0;
  const app = express();
  app.use(express.raw({ type: () => true, limit: '10mb' }));
  let base = '';
  app.use((req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const type = req.get('content-type') ?? '';
    const captured: CapturedRequest = {
      path: req.path,
      url: base + req.originalUrl,
      headers: req.headers,
      rawBody,
      form: type.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(rawBody)) : {},
      json: type.startsWith('application/json') && rawBody ? JSON.parse(rawBody) : undefined,
    };
    requests.push(captured);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(captured)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(captured);
      }
    }
    const status = statuses[Math.min(served++, statuses.length - 1)]!;
    if (type.startsWith('application/x-www-form-urlencoded')) res.status(status).type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    else res.status(status).send(status < 300 ? 'EVENT_RECEIVED' : 'error');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    respondWith(next) {
      statuses = next.length ? next : [200];
      served = 0;
    },
    waitFor(predicate, timeoutMs = 3000) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`fake hub: no matching request within ${timeoutMs} ms (${requests.length} received)`));
          }
        }, timeoutMs).unref();
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
