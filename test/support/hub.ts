import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { loadConfig, type AppConfig } from '@concierge/config';
import { AgentDirectory } from '@concierge/tenancy';
import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { io, type Socket } from 'socket.io-client';
import type { ChannelOptions } from '../../apps/hub/src/channels.module.js';
import { createHub } from '../../apps/hub/src/hub.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestHub {
  app: INestApplication;
  config: AppConfig;
  url: string;
  db: TestDatabase;
  http(): ReturnType<typeof request>;
  /** Reads the hub's database directly (assertions only: what is stored, not what the API says). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A port nobody listens on right now (the hub's PUBLIC_URL must be known before it starts: signatures cover it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Boots the real hub (HTTP + sockets) on a free port with its own database; PUBLIC_URL is its real address. */
export async function startHub(env: Record<string, string> = {}, existing?: TestDatabase, channels: ChannelOptions = {}): Promise<TestHub> {
  const db = existing ?? (await createTestDatabase());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'concierge-hub-')),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: url,
    // With REDIS_URL (CI's machine suites) the queues run on Redis, namespaced per test hub.
    ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: `t${port}` }),
    ...env,
  });
  const app = await createHub(config, db.url, channels);
  await app.listen(port, '127.0.0.1');
  const sockets: Socket[] = [];
  return {
    app,
    config,
    url,
    db,
    http: () => request(app.getHttpServer()),
    query: (sql, params) => app.get(DataSource).query(sql, params),
    close: async () => {
      for (const s of sockets) s.disconnect();
      await app.close();
      if (!existing) await db.drop();
      if (process.env.REDIS_URL) await dropRedisKeys(process.env.REDIS_URL, `t${port}:*`);
    },
  };
}

export interface Brand {
  accountId: string;
  admin: { id: string; email: string; token: string };
}

export const PASSWORD = 'correct-horse-battery';

/** A brand with its first admin, signed in through the real login endpoint. */
export async function createBrand(hub: TestHub, name: string): Promise<Brand> {
  const email = `admin-${Math.random().toString(36).slice(2)}@${name.toLowerCase().replace(/\W/g, '')}.test`;
  const { accountId, agent } = await hub.app.get(AgentDirectory).addFirstAdmin({ name: `${name} Admin`, email, password: PASSWORD, accountName: name });
  return { accountId, admin: { id: agent.id, email, token: await login(hub, email) } };
}

export async function login(hub: TestHub, email: string, password = PASSWORD): Promise<string> {
  const res = await hub.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  return res.body.accessToken as string;
}

export async function addAgent(hub: TestHub, brand: Brand, role: 'admin' | 'agent' = 'agent'): Promise<{ id: string; email: string; token: string }> {
  const email = `agent-${Math.random().toString(36).slice(2)}@example.test`;
  const res = await hub.http().post(`/api/v1/accounts/${brand.accountId}/agents`).auth(brand.admin.token, { type: 'bearer' })
    .send({ name: 'Agent ' + email.slice(6, 10), email, role, password: PASSWORD }).expect(201);
  return { id: res.body.id as string, email, token: await login(hub, email) };
}

export async function createWebchatInbox(hub: TestHub, brand: Brand, body: Record<string, unknown> = {}): Promise<{ id: string; websiteToken: string; identitySecret: string }> {
  const res = await hub.http().post(`/api/v1/accounts/${brand.accountId}/inboxes`).auth(brand.admin.token, { type: 'bearer' })
    .send({ name: 'Website', channel: { type: 'webchat' }, ...body }).expect(201);
  return res.body as { id: string; websiteToken: string; identitySecret: string };
}

export function agentSocket(hub: TestHub, token: string): Socket {
  return io(`${hub.url}/inbox`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
}

export function visitorSocket(hub: TestHub, auth: Record<string, unknown>, extraHeaders?: Record<string, string>): Socket {
  return io(`${hub.url}/webchat`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders });
}

async function dropRedisKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(pattern);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
