import { AppError } from '@concierge/common';
import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthService } from './auth.service.js';
import type { AccountContext, AgentPrincipal, AuthenticatedRequest } from './principal.js';

const ADMIN_ONLY = 'concierge:admin-only';

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

@Injectable()
export class AgentAuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    req.agent = await this.auth.authenticate(bearerToken(req.headers.authorization));
    return true;
  }
}

/** Tenant routes: `:accountId` must be a brand the caller belongs to (else 404), admin-only routes need admin (else 403). */
@Injectable()
export class AccountAccessGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.agent) throw AppError.unauthenticated();
    req.account = await this.auth.accountContext(req.agent, req.params.accountId);
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [context.getHandler(), context.getClass()]);
    if (adminOnly && req.account.role !== 'admin') throw AppError.forbidden('Only admins of this brand can do this');
    return true;
  }
}

/** Marks a controller as authenticated (bearer token) without a tenant. */
export const AgentRoute = () =>
  applyDecorators(UseGuards(AgentAuthGuard), ApiBearerAuth(), ApiUnauthorizedResponse({ description: 'Missing or invalid token' }));

/** Marks a controller as a tenant route under /accounts/:accountId. */
export const AccountRoute = () =>
  applyDecorators(
    UseGuards(AgentAuthGuard, AccountAccessGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or invalid token' }),
    ApiNotFoundResponse({ description: 'Unknown id, or an id of another brand' }),
  );

export const AdminOnly = () =>
  applyDecorators(SetMetadata(ADMIN_ONLY, true), ApiForbiddenResponse({ description: 'Admins only' }));

export const CurrentAgent = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AgentPrincipal => ctx.switchToHttp().getRequest<AuthenticatedRequest>().agent!,
);

export const CurrentAccount = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AccountContext => ctx.switchToHttp().getRequest<AuthenticatedRequest>().account!,
);
