import { AppConfig } from '@concierge/config';
import { AppError } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { ShortCache } from '../agents/short-cache.js';

export interface AccessTokenClaims {
  agentId: string;
  tokenVersion: number;
}

const ISSUER = 'concierge';
const AUDIENCE = 'concierge-agent';

/** Signed (HS256) short-lived access tokens for agents; revocable through the agent's token version. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  /**
   * A signature checked in the last 2 s is not checked again (every API request carries the token; an
   * HMAC through WebCrypto is a good share of a short request's CPU). Expiry is still checked on each use,
   * and revocation is the token version, checked by the caller.
   */
  private readonly verified = new ShortCache<AccessTokenClaims & { expiresAt: number }>(2_000);

  constructor(private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.secrets.tokenSecret);
  }

  sign(claims: AccessTokenClaims): Promise<string> {
    return new SignJWT({ ver: claims.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.agentId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.auth.accessTokenTtlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const claims = await this.verified.get(token, () => this.check(token));
    if (claims.expiresAt <= Date.now()) throw AppError.unauthenticated('Invalid or expired access token');
    return { agentId: claims.agentId, tokenVersion: claims.tokenVersion };
  }

  private async check(token: string): Promise<AccessTokenClaims & { expiresAt: number }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number' || typeof payload.exp !== 'number') throw new Error('claims');
      return { agentId: payload.sub, tokenVersion: payload.ver, expiresAt: payload.exp * 1000 };
    } catch {
      throw AppError.unauthenticated('Invalid or expired access token');
    }
  }
}
