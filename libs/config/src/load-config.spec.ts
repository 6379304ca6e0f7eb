import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './load-config.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cfg-'));

describe('loadConfig', () => {
  it('applies defaults for the demo and persists generated secrets', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.port).toBe(3000);
    expect(first.publicUrl).toBe('http://localhost:3000');
    expect(first.database.url).toBeNull();
    expect(first.seedDemo).toBe(true);
    expect(first.secrets.encryptionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.secrets).toEqual(first.secrets);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://r', NODE_ENV: 'production', DATA_DIR: tmp() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/REDIS_URL/);
    expect(problems).toMatch(/TOKEN_SECRET is required in production/);
    expect(problems).toMatch(/ENCRYPTION_KEY is required in production/);
  });

  it('accepts explicit production settings', () => {
    const cfg = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      PUBLIC_URL: 'https://chat.example.com/',
      DATABASE_URL: 'postgres://u:p@db:5432/concierge',
      TOKEN_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEY: 'ab'.repeat(32),
      SEED_DEMO: 'false',
      DATA_DIR: tmp(),
    });
    expect(cfg.publicUrl).toBe('https://chat.example.com');
    expect(cfg.seedDemo).toBe(false);
    expect(cfg.port).toBe(8080);
  });
});
