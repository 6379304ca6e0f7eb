import { ChannelRegistry, type ChannelAdapter } from '@concierge/channels-core';
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
  constructor(private readonly registry: ChannelRegistry) {}

  async validate(input: Record<string, unknown>): Promise<ValidatedChannel> {
    const type = typeof input.type === 'string' ? input.type : '';
    if (!this.registry.has(type)) {
      throw AppError.validation('Unknown channel type', [{ field: 'channel.type', messages: [`channel.type must be one of ${this.registry.types().join(', ')}`] }]);
    }
    const adapter = this.registry.get(type);
    const dto = plainToInstance(adapter.setup.schema, input);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw AppError.validation('Invalid channel settings', fieldErrors(errors));
    const config: Record<string, unknown> = {};
    const secrets: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(dto as Record<string, unknown>)) {
      if (key === 'type' || value === undefined) continue;
      (adapter.setup.secretFields.includes(key) ? secrets : config)[key] = value;
    }
    return { adapter, config, secrets };
  }
}
