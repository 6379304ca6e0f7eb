import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test double of graph.facebook.com on 127.0.0.1:0: records every request, answers what the test says. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply;

export interface FakeGraph {
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  reply(handler: FakeHandler): void;
  close(): Promise<void>;
}

export const SENT_OK: FakeHandler = () => ({
  body: { messaging_product: 'whatsapp', contacts: [{ input: '16505551234', wa_id: '16505551234' }], messages: [{ id: 'wamid.OUT1' }] },
});

export async function startFakeGraph(initial: FakeHandler = SENT_OK): Promise<FakeGraph> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const reply = handler(recorded);
      const isJson = reply.body !== undefined && typeof reply.body === 'object' && !Buffer.isBuffer(reply.body);
      res.writeHead(reply.status ?? 200, { 'Content-Type': isJson ? 'application/json' : 'application/octet-stream', ...reply.headers });
      res.end(isJson ? JSON.stringify(reply.body) : (reply.body as string | Buffer | undefined));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    reply: (next) => {
      handler = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
