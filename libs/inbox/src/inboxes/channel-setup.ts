import { lookup } from 'node:dns/promises';
import { ChannelRegistry, isPublicAddress, type ChannelAdapter } from '@concierge/channels-core';
import { AppConfig } from '@concierge/config';
import { AppError, type FieldError } from '@concierge/common';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

export interface ValidatedChannel {
  adapter: ChannelAdapter;
  /** Non-secret settings (stored as jsonb, returned by the API). */
  config: Record<string, unknown>;
  /** Sealed with the hub's key, never returned. */
  secrets: Record<string, unknown>;
}

function fieldErrors(errors: ValidationError[], prefix = 'channel'): FieldError[] {
  return errors.flatMap((e) => {
    const field = `${prefix}.${e.property}`;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

/** Validates `channel` of POST/PATCH /inboxes with the schema its adapter declares. */
@Injectable()
export class ChannelSetupValidator {
  constructor(
    private readonly registry: ChannelRegistry,
    private readonly config: AppConfig,
  ) {}

  /** Unless allowed (development, the sandbox), a custom provider URL must be https and public. */
  private async assertProviderUrl(value: unknown): Promise<void> {
    if (typeof value !== 'string' || this.config.allowPrivateProviderUrls) return;
    const url = new URL(value);
    const addresses = await lookup(url.hostname, { all: true }).catch(() => []);
    if (url.protocol !== 'https:' || addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address))) {
      throw AppError.validation('Invalid channel settings', [
        { field: 'channel.apiBaseUrl', messages: ['apiBaseUrl must be a public https URL (set ALLOW_PRIVATE_PROVIDER_URLS=true for a local sandbox)'] },
      ]);
    }
  }

  async validate(input: Record<string, unknown>): Promise<ValidatedChannel> {
    const type = typeof input.type === 'string' ? input.type : '';
    if (!this.registry.has(type)) {
      throw AppError.validation('Unknown channel type', [{ field: 'channel.type', messages: [`channel.type must be one of ${this.registry.types().join(', ')}`] }]);
    }
    const adapter = this.registry.get(type);
    const dto = plainToInstance(adapter.setup.schema, input);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw AppError.validation('Invalid channel settings', fieldErrors(errors));
    await this.assertProviderUrl((dto as { apiBaseUrl?: unknown }).apiBaseUrl);
    const config: Record<string, unknown> = {};
    const secrets: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(dto as Record<string, unknown>)) {
      if (key === 'type' || value === undefined) continue;
      (adapter.setup.secretFields.includes(key) ? secrets : config)[key] = value;
    }
    return { adapter, config, secrets };
  }
}
