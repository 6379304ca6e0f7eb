import {
  ChannelAdapter,
  ChannelError,
  supports,
  type ChannelCapabilities,
  type ChannelContext,
  type ChannelSetup,
  type FetchedMedia,
  type MediaRef,
  type OutboundRequest,
  type OutboundResult,
  type SafeFetch,
  type TextMeasure,
} from '@concierge/channels-core';
import segments from 'sms-segments-calculator';
import { twilioClient } from './twilio-client.js';
import { mapTwilioException } from './twilio-errors.js';
import { fetchTwilioMedia } from './twilio-media.js';
import { TwilioSmsSetupDto, TwilioWhatsappSetupDto } from './twilio-setup.dto.js';
import { TwilioWebhookHandler } from './twilio-webhooks.js';
import { createOptions } from './twilio.mapper.js';
import { twilioSettings, type TwilioChannelType } from './twilio.types.js';

// Twilio refuses bodies over 1600 characters (error 21617) on both channels.
const CAPABILITIES: Readonly<Record<TwilioChannelType, ChannelCapabilities>> = {
  twilio_sms: { contentTypes: ['text', 'media'], maxTextLength: 1600, customerWindowHours: null, keywordOptOut: true, addressKind: 'phone', cardsAsText: true },
  twilio_whatsapp: { contentTypes: ['text', 'media', 'template'], maxTextLength: 1600, customerWindowHours: 24, keywordOptOut: false, addressKind: 'phone' },
};

const SETUP_SCHEMAS: Readonly<Record<TwilioChannelType, new () => object>> = { twilio_sms: TwilioSmsSetupDto, twilio_whatsapp: TwilioWhatsappSetupDto };

/** SMS/MMS or WhatsApp through Twilio's Programmable Messaging; one instance per inbox type, no tenant state. */
export class TwilioAdapter extends ChannelAdapter {
  readonly capabilities: ChannelCapabilities;
  readonly setup: ChannelSetup;
  override readonly webhooks: TwilioWebhookHandler;

  constructor(readonly type: TwilioChannelType) {
    super();
    this.capabilities = CAPABILITIES[type];
    this.setup = { schema: SETUP_SCHEMAS[type], secretFields: ['authToken', 'webhookSharedKeySecret'], addressField: 'phoneNumber' };
    this.webhooks = new TwilioWebhookHandler(type);
  }

  async send(request: OutboundRequest): Promise<OutboundResult> {
    const content = request.message.content;
    if (!supports(this.capabilities, content)) throw new ChannelError('UNSUPPORTED_CONTENT', `${this.type} cannot send ${content.type} content`);
    const settings = twilioSettings(request);
    const options = createOptions(this.type, settings, request);
    try {
      const message = await twilioClient(settings).messages.create(options);
      return { sourceId: message.sid, status: 'queued' };
    } catch (error) {
      throw mapTwilioException(error);
    }
  }

  override fetchMedia(ctx: ChannelContext, ref: MediaRef, fetch: SafeFetch): Promise<FetchedMedia> {
    return fetchTwilioMedia(this.type, twilioSettings(ctx), ref, fetch);
  }

  /**
   * WhatsApp only: Twilio's typing indicator (public beta, messaging.twilio.com/v2/Indicators/Typing) also
   * marks the customer's message read; Twilio has no read-only call, so nothing is sent without `typing`.
   */
  override async markRead(ctx: ChannelContext, sourceId: string, options: { typing: boolean }): Promise<void> {
    if (this.type !== 'twilio_whatsapp' || !options.typing) return;
    try {
      // Our per-attachment ids (`MM…:1`) name one Twilio message.
      await twilioClient(twilioSettings(ctx)).messaging.v2.typingIndicator.create({ channel: 'whatsapp', messageId: sourceId.split(':')[0]! });
    } catch (error) {
      throw mapTwilioException(error);
    }
  }

  /** SMS: GSM-7 160/153 per segment, UCS-2 70/67 as soon as one character is outside GSM-7. WhatsApp: one message. */
  override measure(text: string): TextMeasure {
    if (this.type !== 'twilio_sms') return super.measure(text);
    const message = new segments.SegmentedMessage(text);
    return { characters: [...text].length, segments: message.segmentsCount, encoding: message.encodingName };
  }
}

export function twilioAdapters(): TwilioAdapter[] {
  return [new TwilioAdapter('twilio_sms'), new TwilioAdapter('twilio_whatsapp')];
}
