import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import twilio from 'twilio';
import { inboundMms, inboundSms, whatsappButton, whatsappLocation, whatsappText } from '../../libs/channels/twilio/src/__fixtures__/inbound.js';
import { recordBadInputs } from '../reliability/report.js';
import { CASES, channelWorld, type ChannelWorld } from '../support/channels.js';

/**
 * Issue 9 part 4: provider webhooks fed realistic payloads (the providers' documented shapes in the
 * adapters' __fixtures__), mutated at random — values replaced by any JSON, keys dropped, entries
 * duplicated, NUL characters, huge strings, loopback media URLs — correctly signed and posted over real
 * HTTP to a running hub. Pass: never a 5xx; every message of a batch addressed to the inbox is stored
 * whole or quarantined (never lost, never half-stored); no contact, channel or conversation without a message.
 */
jest.setTimeout(300_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const CLOUD = CASES.find((c) => c.type === 'whatsapp_cloud')!;
const SMS = CASES.find((c) => c.type === 'twilio_sms')!;
const FIXTURES = new URL('../../libs/channels/whatsapp-cloud/src/__fixtures__/', import.meta.url);
const cloudFixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')) as Json);
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const hostile = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>('a\u0000b', 'x\ud800y', 'x'.repeat(20_000), '\u202E\ud83d\udc5c', '', -1, 1e308, '1749416383', '<script>alert(1)</script>', 'http://127.0.0.1:1/x', { $gt: '' }),
);
type Op = { kind: 'replace' | 'delete' | 'duplicate'; at: number; value: Json };
const ops = fc.array(fc.record({ kind: fc.constantFrom<Op['kind']>('replace', 'replace', 'delete', 'duplicate'), at: fc.nat(), value: hostile }), { minLength: 1, maxLength: 4 });

/** Every (container, key) pair of a JSON document, for the mutation ops to pick from. */
function slots(doc: Json): [Json[] | { [k: string]: Json }, string | number][] {
  const out: [Json[] | { [k: string]: Json }, string | number][] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) node.forEach((v, i) => (out.push([node, i]), walk(v)));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push([node, k]), walk(v);
  };
  walk(doc);
  return out;
}

function mutate(doc: Json, list: Op[]): Json {
  for (const op of list) {
    const all = slots(doc);
    if (all.length === 0) return doc;
    const [container, key] = all[op.at % all.length]!;
    if (op.kind === 'replace') (container as Record<string | number, Json>)[key] = op.value;
    else if (op.kind === 'delete') Array.isArray(container) ? container.splice(key as number, 1) : delete container[key as string];
    else if (Array.isArray(container)) container.push(structuredClone(container[key as number]!));
  }
  return doc;
}

describe('fuzz: provider webhooks over HTTP never answer 5xx and never half-store a batch', () => {
  let world: ChannelWorld;
  let seq = 0;
  let accountSid = '';
  const stats = { tried: 0, refused: 0 };
  const storedOrQuarantined = async (inboxId: string, id: string) => {
    const [row] = await world.hub.query<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM message WHERE inbox_id = $1 AND source_id = $2)
           OR EXISTS (SELECT 1 FROM webhook_quarantine WHERE inbox_id = $1 AND strpos(raw::text, $2) > 0) AS ok`,
      [inboxId, id],
    );
    return row!.ok;
  };

  beforeAll(async () => {
    world = await channelWorld();
    const [row] = await world.hub.query<{ sid: string }>(`SELECT channel_config->>'accountSid' AS sid FROM inbox WHERE id = $1`, [world.inboxes.get('twilio_sms')!.id]);
    accountSid = row!.sid;
  });
  afterAll(async () => {
    recordBadInputs({ class: 'fuzz: mutated provider webhooks (answered < 500, nothing lost)', ...stats });
    await world?.close();
  });

  it('WhatsApp Cloud API: mutated batches', async () => {
    const inbox = world.inboxes.get('whatsapp_cloud')!;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: cloudFixtures.length - 1 }), fc.nat({ max: 9 }), ops, async (pick, phone, list) => {
        const doc = structuredClone(cloudFixtures[pick]!) as { entry: { changes: { value: { metadata: { phone_number_id: string }; messages?: { id: string; from: string }[] } }[] }[] };
        for (const e of doc.entry) for (const c of e.changes) {
          if (!c.value?.metadata) continue;
          c.value.metadata.phone_number_id = CLOUD.lineKey;
          for (const m of c.value.messages ?? []) Object.assign(m, { id: `wamid.fuzz.${++seq}`, from: `1415555${String(1000 + phone)}` });
        }
        const body = Buffer.from(JSON.stringify(mutate(doc as unknown as Json, list)));
        const signature = `sha256=${createHmac('sha256', CLOUD.secrets.appSecret!).update(body).digest('hex')}`;
        const res = await fetch(inbox.webhookUrls.events, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
        stats.tried += 1;
        if (res.status < 500) stats.refused += 1;
        expect(res.status).toBeLessThan(500);
        const sent = JSON.parse(body.toString('utf8')) as { object?: unknown; entry?: unknown } | null;
        // Only a body that is not a WhatsApp webhook at all may be refused (Meta retries anything else for days).
        const isWebhook = sent?.object === 'whatsapp_business_account' && Array.isArray(sent.entry);
        expect({ isWebhook, status: res.status }).toEqual({ isWebhook, status: isWebhook ? 200 : 400 });
        if (res.status !== 200) return;
        for (const id of cloudMessageIds(sent as Json)) {
          expect({ id, kept: await storedOrQuarantined(inbox.id, id) }).toEqual({ id, kept: true });
        }
      }),
      { numRuns: RUNS, examples: [[0, 1, [{ kind: 'replace', at: 0, value: 'a\u0000b' }]], [cloudFixtures.findIndex((f) => JSON.stringify(f).includes('"text":{"body"')), 2, [{ kind: 'replace', at: 17, value: 'nul \u0000 inside' }]]] },
    );
  });

  it('Twilio: mutated form parameters', async () => {
    const inbox = world.inboxes.get('twilio_sms')!;
    const bases = [inboundSms, inboundMms, whatsappText, whatsappButton, whatsappLocation] as Record<string, string>[];
    const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom('a\u0000b', 'x'.repeat(5_000), '-1', '99', 'http://127.0.0.1:9/x', 'http://169.254.169.254/latest', 'whatsapp:+1', ''));
    const edits = fc.array(fc.record({ key: fc.constantFrom('Body', 'From', 'NumMedia', 'MediaUrl0', 'MediaContentType0', 'ProfileName', 'Latitude', 'Longitude', 'ButtonPayload', 'MessageType', 'To', 'Extra'), value, drop: fc.boolean() }), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bases.length - 1 }), fc.nat({ max: 9 }), edits, async (pick, phone, list) => {
        const sid = `SMfuzz${String(++seq).padStart(26, '0')}`;
        const params: Record<string, string> = { ...bases[pick]!, MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: accountSid, From: `+1415555${String(1000 + phone)}` };
        for (const e of list) e.drop ? delete params[e.key] : (params[e.key] = e.value);
        const signature = twilio.getExpectedTwilioSignature(SMS.secrets.authToken!, inbox.webhookUrls.events, params);
        const res = await fetch(inbox.webhookUrls.events, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
        stats.tried += 1;
        if (res.status < 500) stats.refused += 1;
        expect(res.status).toBeLessThan(500);
        expect({ status: res.status, kept: await storedOrQuarantined(inbox.id, sid) }).toEqual({ status: 200, kept: true });
      }),
      { numRuns: RUNS, examples: [[0, 3, [{ key: 'Body', value: 'a\u0000b', drop: false }]], [0, 4, [{ key: 'ProfileName', value: 'x\u0000', drop: false }]]] },
    );
  });

  it('stores a message whose text PostgreSQL cannot hold as is (NUL, lone surrogate), cleaned', async () => {
    const inbox = world.inboxes.get('whatsapp_cloud')!;
    const doc = structuredClone(cloudFixtures.find((f) => JSON.stringify(f).includes('"type":"text"'))!) as { entry: { changes: { value: { metadata: { phone_number_id: string }; messages: { id: string; text: { body: string } }[] } }[] }[] };
    const value = doc.entry[0]!.changes[0]!.value;
    value.metadata.phone_number_id = CLOUD.lineKey;
    value.messages[0]!.id = `wamid.fuzz.clean.${++seq}`;
    value.messages[0]!.text.body = 'nul\u0000 and lone \ud800 surrogate';
    const body = Buffer.from(JSON.stringify(doc));
    const signature = `sha256=${createHmac('sha256', CLOUD.secrets.appSecret!).update(body).digest('hex')}`;
    const res = await fetch(inbox.webhookUrls.events, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
    expect(res.status).toBe(200);
    expect(await world.hub.query(`SELECT content->>'text' AS text FROM message WHERE source_id = $1`, [value.messages[0]!.id])).toEqual([{ text: 'nul and lone \ufffd surrogate' }]);
  });

  it('left nothing half-stored: every contact channel, conversation and attachment belongs to a stored message', async () => {
    const orphans = await world.hub.query(`
      SELECT 'channel without conversation' AS what, count(*)::int AS n FROM contact_channel ch WHERE NOT EXISTS (SELECT 1 FROM conversation c WHERE c.contact_channel_id = ch.id)
      UNION ALL SELECT 'conversation without message', count(*)::int FROM conversation c WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id)
      UNION ALL SELECT 'contact without channel', count(*)::int FROM contact k WHERE k.merged_into_id IS NULL AND NOT EXISTS (SELECT 1 FROM contact_channel ch WHERE ch.contact_id = k.id)
      UNION ALL SELECT 'attachment not in a message', count(*)::int FROM attachment a WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.content->>'attachmentId' = a.id::text)`);
    expect(orphans).toEqual([
      { what: 'channel without conversation', n: 0 },
      { what: 'conversation without message', n: 0 },
      { what: 'contact without channel', n: 0 },
      { what: 'attachment not in a message', n: 0 },
    ]);
  });
});

/** Ids of message entries the hub must account for: in a `messages` change for our number, plain ids only. */
function cloudMessageIds(doc: Json): string[] {
  const ids: string[] = [];
  const entries = (doc as { entry?: unknown }).entry;
  if (!Array.isArray(entries)) return ids;
  for (const e of entries) {
    const changes = (e as { changes?: unknown })?.changes;
    if (!Array.isArray(changes)) continue;
    for (const c of changes) {
      const v = (c as { field?: unknown; value?: { metadata?: { phone_number_id?: unknown }; messages?: unknown } })?.value;
      if ((c as { field?: unknown } | null)?.field !== 'messages' || v?.metadata?.phone_number_id !== CLOUD.lineKey || !Array.isArray(v.messages)) continue;
      for (const m of v.messages) {
        const id = (m as { id?: unknown })?.id;
        if (typeof id === 'string' && /^[\w.=-]+$/.test(id)) ids.push(id);
      }
    }
  }
  return ids;
}
