import { randomBytes } from 'node:crypto';
import type { LineConfig, SandboxHandle } from '../../../sandbox/src/sandbox.js';

/** The demo brand's provider inboxes, all pointed at the offline sandbox (no internet needed). */
export const DEMO_LINES = {
  twilioSms: { name: 'SMS (Twilio, sandbox)', phoneNumber: '+14155550100' },
  twilioWhatsapp: { name: 'WhatsApp (Twilio, sandbox)', phoneNumber: '+14155238886' },
  whatsappCloud: { name: 'WhatsApp Cloud API (sandbox)', phoneNumber: '+12025550143', phoneNumberId: '109876543210987', wabaId: '102290129340398' },
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** `channel` bodies for POST /inboxes: real-looking credentials, unique per installation. */
export function demoChannelInputs(sandboxUrl: string): { name: string; channel: Record<string, unknown> }[] {
  const accountSid = `AC${hex(16)}`;
  return [
    {
      name: DEMO_LINES.twilioSms.name,
      channel: { type: 'twilio_sms', accountSid, authToken: hex(16), phoneNumber: DEMO_LINES.twilioSms.phoneNumber, apiBaseUrl: sandboxUrl },
    },
    {
      name: DEMO_LINES.twilioWhatsapp.name,
      channel: { type: 'twilio_whatsapp', accountSid, authToken: hex(16), phoneNumber: DEMO_LINES.twilioWhatsapp.phoneNumber, apiBaseUrl: sandboxUrl },
    },
    {
      name: DEMO_LINES.whatsappCloud.name,
      channel: {
        type: 'whatsapp_cloud',
        phoneNumberId: DEMO_LINES.whatsappCloud.phoneNumberId,
        phoneNumber: DEMO_LINES.whatsappCloud.phoneNumber,
        businessAccountId: DEMO_LINES.whatsappCloud.wabaId,
        accessToken: `EAAG${randomBytes(48).toString('base64url')}`,
        appSecret: hex(16),
        verifyToken: hex(12),
        apiBaseUrl: sandboxUrl,
      },
    },
  ];
}

export interface SandboxInbox {
  id: string;
  channelType: string;
  config: Record<string, unknown>;
  credentials: Record<string, unknown>;
  webhookUrl: string;
}

/** The sandbox keeps lines in memory: every start tells it again which inbox answers which number. */
export function registerSandboxLines(sandbox: SandboxHandle, inboxes: SandboxInbox[]): void {
  for (const inbox of inboxes) {
    const line = toLine(inbox);
    if (line) sandbox.addLine(line);
  }
}

function toLine(inbox: SandboxInbox): LineConfig | null {
  const c = inbox.config;
  const s = inbox.credentials;
  if (inbox.channelType === 'twilio_sms' || inbox.channelType === 'twilio_whatsapp') {
    return { provider: inbox.channelType, accountSid: String(c.accountSid), authToken: String(s.authToken), phoneNumber: String(c.phoneNumber), webhookUrl: inbox.webhookUrl };
  }
  if (inbox.channelType === 'whatsapp_cloud') {
    return {
      provider: 'whatsapp_cloud',
      phoneNumberId: String(c.phoneNumberId),
      displayPhoneNumber: String(c.phoneNumber ?? ''),
      wabaId: String(c.businessAccountId ?? ''),
      accessToken: String(s.accessToken),
      appSecret: String(s.appSecret),
      webhookUrl: inbox.webhookUrl,
    };
  }
  return null;
}
