import type { WebhookReply, WebhookRequest, WebhookRoute } from '@concierge/channels-core';
import { ChannelRegistry, WebhookRejection } from '@concierge/channels-core';
import { AppError, type ErrorCode } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { isTransientDbError } from '@concierge/database';
import { IdParam } from '@concierge/observability';
import { Controller, Get, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { InboxEntity } from '../entities/index.js';
import { InboxesService } from '../inboxes/inboxes.service.js';
import { InboundItems } from './inbound-items.js';
import { WebhookSpool } from './webhook-spool.js';

const REJECTION_CODES: Record<WebhookRejection['status'], ErrorCode> = {
  400: 'MALFORMED_WEBHOOK',
  401: 'INVALID_SIGNATURE',
  403: 'ACCOUNT_MISMATCH',
  404: 'NOT_FOUND',
};

/**
 * Provider webhooks at the fixed paths of CONTRACT.md. Every request is verified against the inbox's
 * secret over the raw body before anything is stored, and answered only after its items are committed
 * (or durably spooled while the database is down).
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  private readonly logger = new Logger(WebhooksController.name);

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly inboxes: InboxesService,
    private readonly items: InboundItems,
    private readonly spool: WebhookSpool,
    private readonly config: AppConfig,
  ) {}

  @Get(':provider/:inboxId')
  @ApiOperation({ summary: 'Verification handshake (WhatsApp Cloud API: hub.mode, hub.verify_token, hub.challenge)' })
  async handshake(@Param('provider') provider: string, @IdParam('inboxId') inboxId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { inbox, request } = await this.prepare('events', provider, inboxId, req);
    const reply = this.registry.get(inbox.channelType).webhooks!.handshake(request, this.inboxes.context(inbox));
    if (!reply) throw AppError.notFound('Webhook');
    send(res, reply);
  }

  @Post(':provider/:inboxId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Provider events: Twilio inbound messages (form), WhatsApp Cloud API messages and statuses (JSON)' })
  events(@Param('provider') provider: string, @IdParam('inboxId') inboxId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.receive('events', provider, inboxId, req, res);
  }

  @Post(':provider/:inboxId/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Twilio status callbacks' })
  status(@Param('provider') provider: string, @IdParam('inboxId') inboxId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.receive('status', provider, inboxId, req, res);
  }

  private async receive(route: WebhookRoute, provider: string, inboxId: string, req: Request, res: Response): Promise<void> {
    const { inbox, request } = await this.prepare(route, provider, inboxId, req);
    const hooks = this.registry.get(inbox.channelType).webhooks!;
    const ctx = this.inboxes.context(inbox);
    try {
      hooks.verify(request, ctx);
      const items = hooks.parse(request, ctx);
      await this.store(inbox, items);
      send(res, hooks.acknowledge(route));
    } catch (error) {
      if (error instanceof WebhookRejection) {
        this.logger.warn({ inboxId, provider, code: error.code }, 'Webhook refused');
        throw new AppError(REJECTION_CODES[error.status], error.message);
      }
      throw error;
    }
  }

  private async store(inbox: InboxEntity, items: Parameters<InboundItems['process']>[1]): Promise<void> {
    if (this.spool.pending()) {
      // Earlier batches still wait in the spool (the database just came back): queue behind them, keep the order.
      await this.spool.write(inbox.id, items);
      void this.spool.drain();
      return;
    }
    try {
      await this.items.process(inbox, items);
    } catch (error) {
      if (!isTransientDbError(error)) throw error;
      await this.spool.write(inbox.id, items);
    }
  }

  private async prepare(route: WebhookRoute, provider: string, inboxId: string, req: Request): Promise<{ inbox: InboxEntity; request: WebhookRequest }> {
    const inbox = await this.inboxes.forWebhook(inboxId);
    const hooks = inbox && this.registry.has(inbox.channelType) ? this.registry.get(inbox.channelType).webhooks : null;
    if (!inbox || !hooks || hooks.provider !== provider || !hooks.routes.includes(route)) throw AppError.notFound('Webhook');
    const request: WebhookRequest = {
      route,
      method: req.method === 'GET' ? 'GET' : 'POST',
      // Signatures cover the URL the provider called: PUBLIC_URL + path + query, never the Host header.
      publicUrl: `${this.config.publicUrl}${req.originalUrl}`,
      query: req.query as Record<string, unknown>,
      headers: req.headers,
      rawBody: (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0),
    };
    return { inbox, request };
  }
}

function send(res: Response, reply: WebhookReply): void {
  res.status(reply.status).type(reply.contentType).send(reply.body);
}
