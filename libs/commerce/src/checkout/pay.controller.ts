import { AgentDirectory } from '@concierge/tenancy';
import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { BuiltInStore } from '../orders/builtin-store.js';
import { OrderUpdates } from './order-updates.js';
import { deadLinkPage, payPage } from './pay-page.js';

/** Public: the built-in store's pay link. Unknown tokens are 404, expired ones 410; paying posts the update to the chat. */
@ApiExcludeController()
@Controller('pay')
export class PayController {
  constructor(
    private readonly store: BuiltInStore,
    private readonly updates: OrderUpdates,
    private readonly directory: AgentDirectory,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const found = await this.store.byPayToken(token);
    page(res);
    if (!found) return void res.status(404).send(deadLinkPage('unknown'));
    const state = found.order.status === 'pending' ? (found.expired ? 'expired' : 'open') : found.order.status === 'paid' ? 'paid' : 'closed';
    if (state === 'expired') return void res.status(410).send(deadLinkPage('expired'));
    const brand = (await this.directory.accountName(found.accountId)) ?? 'Order';
    res.status(200).send(payPage({ order: found.order, token, brand, state }));
  }

  /** Post/redirect/get: a reload never pays twice (and only a pending order with a live link can be paid). */
  @Post(':token')
  async pay(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const found = await this.store.byPayToken(token);
    if (!found) return void page(res).status(404).send(deadLinkPage('unknown'));
    if (found.expired && found.order.status === 'pending') return void page(res).status(410).send(deadLinkPage('expired'));
    const paid = await this.store.markPaid(token);
    if (paid) await this.updates.notify(found.accountId, paid, { conversationId: found.conversationId });
    res.redirect(303, `/pay/${encodeURIComponent(token)}`);
  }
}

function page(res: Response): Response {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.type('html');
  return res;
}
