import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../../apps/sandbox/src/sandbox.js';
import { addAgent, createBrand, createWebchatInbox, startHub, type Brand } from '../../support/hub.js';
import type { CheckerOptions, TwilioTarget, WebchatTarget } from '../checker.js';

/**
 * What the fault suites share: a brand with a Twilio SMS inbox (its provider API is the offline sandbox)
 * and a web-chat inbox, two admins watching, in a database the suite owns. It is written by an
 * in-process hub (the test helpers need one), which is then closed: the hub under test runs elsewhere
 * (its own process, or in-process for the fake WhatsApp Web client) with the same secrets.
 */
export interface World {
  sandbox: SandboxHandle;
  brand: Brand;
  agentTokens: string[];
  twilio: TwilioTarget;
  webchat: WebchatTarget;
  /** Environment of the hub under test: secrets shared with the seeding hub, quiet logs, no demo. */
  env: Record<string, string>;
  publicUrl: string;
  checker(label: string, overrides?: Partial<CheckerOptions>): CheckerOptions;
  close(): Promise<void>;
}

export async function seedWorld(options: { databaseUrl: string; port: number; name: string }): Promise<World> {
  const publicUrl = `http://127.0.0.1:${options.port}`;
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    PUBLIC_URL: publicUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), `concierge-rel-${options.name}-`)),
    TOKEN_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    SANDBOX_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const sandbox = await startSandbox({ statusDelayMs: 50, retry: { twilioDelaysMs: [500], metaDelaysMs: [500] } });
  // REDIS_URL '' keeps the seeding hub off any Redis (loadConfig ignores empty values).
  const seeding = await startHub({ ...env, REDIS_URL: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'concierge-rel-seed-')) }, { url: options.databaseUrl, drop: async () => undefined });
  try {
    const brand = await createBrand(seeding, `Maison ${options.name}`);
    const second = await addAgent(seeding, brand, 'admin');
    const accountSid = `AC${randomBytes(16).toString('hex')}`;
    const authToken = randomBytes(16).toString('hex');
    const phoneNumber = '+14155550100';
    const res = await seeding.http()
      .post(`/api/v1/accounts/${brand.accountId}/inboxes`)
      .auth(brand.admin.token, { type: 'bearer' })
      .send({ name: 'SMS', channel: { type: 'twilio_sms', accountSid, authToken, phoneNumber, apiBaseUrl: sandbox.url } })
      .expect(201);
    const path = new URL(res.body.webhookUrls.events as string).pathname;
    sandbox.addLine({ provider: 'twilio_sms', accountSid, authToken, phoneNumber, webhookUrl: `${publicUrl}${path}` });
    const webchat = await createWebchatInbox(seeding, brand);
    const twilio: TwilioTarget = { inboxId: res.body.id as string, webhookUrl: `${publicUrl}${path}`, accountSid, authToken, phoneNumber };
    const agentTokens = [brand.admin.token, second.token];
    return {
      sandbox,
      brand,
      agentTokens,
      twilio,
      webchat: { inboxId: webchat.id, websiteToken: webchat.websiteToken },
      env,
      publicUrl,
      checker: (label, overrides = {}) => ({ hubUrl: publicUrl, twilio, webchat: { inboxId: webchat.id, websiteToken: webchat.websiteToken }, agentTokens, ratePerSecond: 20, label, ...overrides }),
      close: () => sandbox.close(),
    };
  } finally {
    await seeding.close();
  }
}
