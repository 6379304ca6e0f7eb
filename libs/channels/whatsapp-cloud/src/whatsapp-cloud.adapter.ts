import {
  ChannelAdapter,
  ChannelError,
  type ChannelCapabilities,
  type ChannelContext,
  type ChannelSetup,
  type FetchedMedia,
  type MediaRef,
  type OutboundRequest,
  type OutboundResult,
  type SafeFetch,
} from '@concierge/channels-core';
import { toE164 } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { WHATSAPP_CLOUD_CAPABILITIES } from './whatsapp-cloud.capabilities.js';
import { graphPost, readSettings } from './whatsapp-cloud.client.js';
import { fetchCloudMedia } from './whatsapp-cloud.media.js';
import { buildOutboundMessage } from './whatsapp-cloud.outbound-mapper.js';
import { WhatsappCloudSetupDto } from './whatsapp-cloud-setup.dto.js';
import type { GraphSendResponse } from './whatsapp-cloud.types.js';
import { WhatsappCloudWebhooks } from './whatsapp-cloud.webhooks.js';

/**
 * WhatsApp Business Platform Cloud API (Meta). Stateless: the phone number id, API base URL/version
 * and catalog come from `ctx.config`, the token and secrets from `ctx.credentials`, on every call.
 * Messages API: https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/message-api
 */
@Injectable()
export class WhatsappCloudAdapter extends ChannelAdapter {
  readonly type = 'whatsapp_cloud';
  readonly capabilities: ChannelCapabilities = WHATSAPP_CLOUD_CAPABILITIES;
  readonly setup: ChannelSetup = {
    schema: WhatsappCloudSetupDto,
    secretFields: ['accessToken', 'appSecret', 'verifyToken'],
    addressField: 'phoneNumber',
  };
  override readonly webhooks = new WhatsappCloudWebhooks();

  async send(request: OutboundRequest): Promise<OutboundResult> {
    const settings = readSettings(request);
    const address = toE164(request.recipient.address);
    if (!address) throw new ChannelError('INVALID_RECIPIENT', 'The recipient is not an E.164 phone number');
    // Graph takes the number without '+' (it answers with the same digits as `wa_id`).
    const body = buildOutboundMessage(request.message.content, address.slice(1), settings.catalogId);
    const response = await graphPost<GraphSendResponse>(settings, `${settings.phoneNumberId}/messages`, body);
    const sourceId = response.messages?.[0]?.id;
    if (typeof sourceId !== 'string' || sourceId === '') {
      throw new ChannelError('UNKNOWN', 'WhatsApp Cloud API accepted the request but returned no message id');
    }
    // Accepted by Meta; delivered/read/failed arrive later as status webhooks.
    return { sourceId, status: 'sent' };
  }

  /** Blue ticks, plus the "typing…" indicator (shown up to 25 s or until we reply) when asked. */
  override async markRead(ctx: ChannelContext, sourceId: string, options: { typing: boolean }): Promise<void> {
    const settings = readSettings(ctx);
    await graphPost(settings, `${settings.phoneNumberId}/messages`, {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: sourceId,
      ...(options.typing ? { typing_indicator: { type: 'text' } } : {}),
    });
  }

  override fetchMedia(ctx: ChannelContext, ref: MediaRef, fetch: SafeFetch): Promise<FetchedMedia> {
    return fetchCloudMedia(readSettings(ctx), ref, fetch);
  }
}
