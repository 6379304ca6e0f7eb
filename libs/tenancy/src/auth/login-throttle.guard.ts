import { AppError } from '@concierge/common';
import { AppConfig } from '@concierge/config';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Slows down password guessing: per client address and per email, N attempts a minute.
 * (In-process store for a single node; the Redis store replaces it when the hub scales out.)
 */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(config: AppConfig) {
    this.limiter = new RateLimiterMemory({ keyPrefix: 'login', points: config.auth.loginRateLimitPerMinute, duration: 60 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ ip?: string; body?: { email?: unknown } }>();
    const res = context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
    const email = typeof req.body?.email === 'string' ? req.body.email.toLowerCase() : '';
    try {
      await Promise.all([this.limiter.consume(`ip:${req.ip ?? 'unknown'}`), ...(email ? [this.limiter.consume(`email:${email}`)] : [])]);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new AppError('RATE_LIMITED', `Too many sign-in attempts; try again in ${seconds} s`);
    }
  }
}
