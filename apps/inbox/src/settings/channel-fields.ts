/** The settings each channel type takes (README "Channels"); secrets are write-only: never shown, only replaced. */
export type FieldKind = 'text' | 'secret' | 'url' | 'list' | 'bool' | 'select' | 'color' | 'textarea';

export interface ChannelField {
  key: string;
  kind: FieldKind;
  required?: boolean;
  options?: readonly string[];
  placeholder?: string;
}

export const CHANNEL_TYPES = ['webchat', 'whatsapp_cloud', 'twilio_whatsapp', 'twilio_sms', 'whatsapp_web'] as const;

const twilio: ChannelField[] = [
  { key: 'accountSid', kind: 'text', required: true, placeholder: 'AC…' },
  { key: 'authToken', kind: 'secret', required: true },
  { key: 'phoneNumber', kind: 'text', required: true, placeholder: '+15017122661' },
  { key: 'messagingServiceSid', kind: 'text', placeholder: 'MG…' },
  { key: 'webhookSharedKeySecret', kind: 'secret' },
  { key: 'apiBaseUrl', kind: 'url' },
];

export const CHANNEL_FIELDS: Record<string, ChannelField[]> = {
  webchat: [
    { key: 'title', kind: 'text' },
    { key: 'greeting', kind: 'textarea' },
    { key: 'replyTime', kind: 'select', options: ['', 'minutes', 'hour', 'day'] },
    { key: 'color', kind: 'color' },
    { key: 'position', kind: 'select', options: ['', 'right', 'left'] },
    { key: 'allowedOrigins', kind: 'list', placeholder: 'https://shop.example' },
    { key: 'enforceIdentity', kind: 'bool' },
  ],
  twilio_sms: twilio,
  twilio_whatsapp: twilio,
  whatsapp_cloud: [
    { key: 'phoneNumberId', kind: 'text', required: true },
    { key: 'phoneNumber', kind: 'text', placeholder: '+15550000000' },
    { key: 'businessAccountId', kind: 'text' },
    { key: 'accessToken', kind: 'secret', required: true },
    { key: 'appSecret', kind: 'secret', required: true },
    { key: 'verifyToken', kind: 'secret', required: true },
    { key: 'apiVersion', kind: 'text', placeholder: 'v26.0' },
    { key: 'catalogId', kind: 'text' },
    { key: 'apiBaseUrl', kind: 'url' },
  ],
  whatsapp_web: [{ key: 'chromiumPath', kind: 'text', placeholder: '/usr/bin/chromium' }],
};

/** Form values → the `channel` object: empty optional fields are left out (and secrets left unchanged on edit). */
export function channelPayload(type: string, values: Record<string, string | boolean>, creating: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = creating ? { type } : {};
  for (const field of CHANNEL_FIELDS[type] ?? []) {
    const v = values[field.key];
    if (field.kind === 'bool') {
      if (typeof v === 'boolean') out[field.key] = v;
    } else if (field.kind === 'list') {
      const list = String(v ?? '').split(/[\s,]+/).filter(Boolean);
      if (list.length || !creating) out[field.key] = list;
    } else if (typeof v === 'string' && v.trim()) out[field.key] = v.trim();
  }
  return out;
}

/** Current non-secret settings → form values. */
export function channelValues(type: string, channel: Record<string, unknown>): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const field of CHANNEL_FIELDS[type] ?? []) {
    const v = channel[field.key];
    if (field.kind === 'secret') values[field.key] = '';
    else if (field.kind === 'bool') values[field.key] = v === true;
    else if (field.kind === 'list') values[field.key] = Array.isArray(v) ? v.join('\n') : '';
    else values[field.key] = typeof v === 'string' ? v : '';
  }
  return values;
}
