import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** E.164 (`+8613800138000`) or null when the input is not a valid phone number. */
export function toE164(input: string, defaultCountry?: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}
