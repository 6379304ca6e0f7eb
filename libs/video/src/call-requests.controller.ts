import { RateLimits } from '@concierge/cluster';
import { AppError } from '@concierge/common';
import { VisitorSessions } from '@concierge/inbox';
import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiHeader, ApiPropertyOptional, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { CallLines } from './call-lines.js';

class CallRequestDto {
  @ApiPropertyOptional({ description: 'The embedding page origin the widget reported (as in the socket handshake)' })
  @IsOptional() @IsString() @MaxLength(300) pageOrigin?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) identifier?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) identifierHash?: string;
}

export const CALL_REQUEST_INTERVAL_SECONDS = 120;

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * A web-chat customer asks for a video call from the widget: the request lands in their thread as an
 * activity line every assistant of the inbox sees live; an assistant answers with "Start video call".
 * Authenticated like the widget's socket (website token, visitor token, optional verified identity).
 */
@ApiTags('webchat')
@Controller('webchat/call-requests')
export class CallRequestsController {
  // One request per conversation every 2 minutes, counted across every hub in REDIS_URL mode: a bored
  // visitor cannot flood the thread, whichever instance the load balancer sends each request to.
  private readonly perConversation: RateLimiterAbstract;

  constructor(
    private readonly sessions: VisitorSessions,
    private readonly lines: CallLines,
    limits: RateLimits,
  ) {
    this.perConversation = limits.create({ keyPrefix: 'call-request', points: 1, duration: CALL_REQUEST_INTERVAL_SECONDS });
  }

  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'X-Website-Token', required: true })
  @ApiHeader({ name: 'X-Visitor-Token', required: true })
  @ApiAcceptedResponse({ description: '`{ requested: true }`: the assistants see the request in the thread' })
  @ApiConflictResponse({ description: 'No conversation yet: write a message first' })
  @ApiTooManyRequestsResponse({
    description: `RATE_LIMITED: this conversation already asked in the last ${CALL_REQUEST_INTERVAL_SECONDS / 60} minutes (counted across all hub instances)`,
    headers: { 'Retry-After': { description: 'Seconds until the conversation may ask again', schema: { type: 'integer' } } },
  })
  async request(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('x-website-token') websiteToken: string | undefined,
    @Headers('x-visitor-token') visitorToken: string | undefined,
    @Body() body: CallRequestDto,
  ): Promise<{ requested: true }> {
    if (!visitorToken) throw AppError.unauthenticated('A visitor token is required (X-Visitor-Token)');
    const session = await this.sessions.open({
      websiteToken, visitorToken, identifier: body.identifier, identifierHash: body.identifierHash, pageOrigin: body.pageOrigin,
      origin: header(req.headers.origin), host: header(req.headers.host), fetchSite: header(req.headers['sec-fetch-site']),
    });
    const conversationId = await this.sessions.currentConversationId(await this.sessions.contactChannelId(session));
    if (!conversationId) throw new AppError('CONFLICT', 'Write us a message first, then ask for a video call');
    try {
      await this.perConversation.consume(conversationId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
      throw new AppError('RATE_LIMITED', 'You already asked: an assistant will send you a call link');
    }
    await this.lines.requested(session.accountId, conversationId, session.profile.name ?? 'The customer');
    return { requested: true };
  }
}
