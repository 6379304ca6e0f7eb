import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { WhatsappCloudAdapter } from './whatsapp-cloud.adapter.js';
import { WhatsappCloudSetupDto } from './whatsapp-cloud-setup.dto.js';

const valid = {
  type: 'whatsapp_cloud',
  phoneNumberId: '106540352242922',
  phoneNumber: '+15550783881',
  businessAccountId: '102290129340398',
  accessToken: 'EAAJZC0token',
  appSecret: '6f1c2b9a0e7d4c3b8a5f2e1d0c9b8a7f',
  verifyToken: 'meatball-sandwich-42',
  apiBaseUrl: 'http://127.0.0.1:4010',
  apiVersion: 'v26.0',
  catalogId: '194836987003835',
};
const invalidFields = (input: object) => validateSync(plainToInstance(WhatsappCloudSetupDto, input)).map((e) => e.property);

describe('WhatsappCloudSetupDto', () => {
  it('accepts a complete channel, and the minimal one', () => {
    expect(invalidFields(valid)).toEqual([]);
    const { phoneNumber: _p, businessAccountId: _b, apiBaseUrl: _u, apiVersion: _v, catalogId: _c, ...minimal } = valid;
    expect(invalidFields(minimal)).toEqual([]);
  });

  it('names every bad field', () => {
    const bad = { ...valid, type: 'twilio_sms', phoneNumberId: '+15550783881', phoneNumber: '555-0783', accessToken: '', apiBaseUrl: 'graph', apiVersion: '26', catalogId: 'shop' };
    const { appSecret: _s, verifyToken: _t, ...missingSecrets } = bad;
    expect(invalidFields(missingSecrets).sort()).toEqual(['accessToken', 'apiBaseUrl', 'apiVersion', 'appSecret', 'catalogId', 'phoneNumber', 'phoneNumberId', 'type', 'verifyToken']);
  });

  it('is what the adapter declares, with its secrets sealed', () => {
    const adapter = new WhatsappCloudAdapter();
    expect(adapter.type).toBe('whatsapp_cloud');
    expect(adapter.setup).toEqual({ schema: WhatsappCloudSetupDto, secretFields: ['accessToken', 'appSecret', 'verifyToken'], addressField: 'phoneNumber' });
    expect(adapter.capabilities).toEqual({
      contentTypes: ['text', 'media', 'location', 'buttons', 'list', 'link_button', 'template', 'product_card', 'product_list'],
      maxTextLength: 4096,
      customerWindowHours: 24,
      keywordOptOut: false,
      addressKind: 'phone',
    });
    expect(adapter.webhooks.provider).toBe('whatsapp');
  });
});
