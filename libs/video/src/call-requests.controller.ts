import { AppError } from '@concierge/common';
import { VisitorSessions } from '@concierge/inbox';
import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiHeader, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { CallLines } from './call-lines.js';

class CallRequestDto {
  @ApiPropertyOptional({ description: 'The embedding page origin the widget reported (as in the socket handshake)' })
  @IsOptional() @IsString() @MaxLength(300) pageOrigin?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) identifier?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) identifierHash?: string;
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * A web-chat customer asks for a video call from the widget: the request lands in their thread as an
 * activity line every assistant of the inbox sees live; an assistant answers with "Start video call".
 * Authenticated like the widget's socket (website token, visitor token, optional verified identity).
 */
@ApiTags('webchat')
@Controller('webchat/call-requests')
export class CallRequestsController {
  // One request per conversation every 2 minutes: a bored visitor cannot flood the thread (per process).
  private readonly perConversation = new RateLimiterMemory({ keyPrefix: 'call-request', points: 1, duration: 120 });

  constructor(
    private readonly sessions: VisitorSessions,
    private readonly lines: CallLines,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'X-Website-Token', required: true })
  @ApiHeader({ name: 'X-Visitor-Token', required: true })
  @ApiAcceptedResponse({ description: '`{ requested: true }`: the assistants see the request in the thread' })
  @ApiConflictResponse({ description: 'No conversation yet: write a message first' })
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
