import type { AppConfig } from '@concierge/config';
import { TokenService } from './token.service.js';

const config = (ttlSeconds: number) => ({ secrets: { tokenSecret: 'a-test-secret-of-enough-length-0123456789' }, auth: { accessTokenTtlSeconds: ttlSeconds } }) as unknown as AppConfig;

describe('TokenService', () => {
  it('accepts a valid token, also from its short cache of checked signatures', async () => {
    const tokens = new TokenService(config(60));
    const token = await tokens.sign({ agentId: 'agent-1', tokenVersion: 3 });
    await expect(tokens.verify(token)).resolves.toEqual({ agentId: 'agent-1', tokenVersion: 3 });
    await expect(tokens.verify(token)).resolves.toEqual({ agentId: 'agent-1', tokenVersion: 3 });
  });

  it('refuses a token that expired while its checked signature is still cached', async () => {
    const tokens = new TokenService(config(1));
    // Signed just after a whole second, so the token is still valid (~1 s) when first checked.
    await new Promise((resolve) => setTimeout(resolve, 1_005 - (Date.now() % 1_000)));
    const token = await tokens.sign({ agentId: 'agent-1', tokenVersion: 0 });
    await tokens.verify(token);
    // exp is whole seconds: at most ~1 s after signing, well inside the 2 s the check is kept.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a token signed with another secret', async () => {
    const other = new TokenService({ ...config(60), secrets: { tokenSecret: 'another-secret-of-enough-length-987654321' } } as unknown as AppConfig);
    const token = await other.sign({ agentId: 'agent-1', tokenVersion: 0 });
    await expect(new TokenService(config(60)).verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
