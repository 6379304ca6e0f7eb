import { AppError } from '@concierge/common';
import { RateLimits } from '@concierge/cluster';
import { AppConfig } from '@concierge/config';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Slows down password guessing: N attempts a minute per email, 5N per client address (a boutique's
 * assistants often share one address behind NAT).
 * Counted across every hub in REDIS_URL mode (RateLimits).
 */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  private readonly perEmail: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(config: AppConfig, limits: RateLimits) {
    const points = config.auth.loginRateLimitPerMinute;
    this.perEmail = limits.create({ keyPrefix: 'login-email', points, duration: 60 });
    this.perAddress = limits.create({ keyPrefix: 'login-ip', points: points * 5, duration: 60 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ ip?: string; body?: { email?: unknown } }>();
    const res = context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
    const email = typeof req.body?.email === 'string' ? req.body.email.toLowerCase() : '';
    try {
      await Promise.all([this.perAddress.consume(req.ip ?? 'unknown'), ...(email ? [this.perEmail.consume(email)] : [])]);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new AppError('RATE_LIMITED', `Too many sign-in attempts; try again in ${seconds} s`);
    }
  }
}
