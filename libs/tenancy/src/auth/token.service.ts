import { AppConfig } from '@concierge/config';
import { AppError } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';

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
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number') throw new Error('claims');
      return { agentId: payload.sub, tokenVersion: payload.ver };
    } catch {
      throw AppError.unauthenticated('Invalid or expired access token');
    }
  }
}
