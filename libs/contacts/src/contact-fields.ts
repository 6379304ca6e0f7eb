export type ContactAttributes = Record<string, string | number | boolean | null>;

/** `phone`: the address is an E.164 number and joins the account's contact with that number. */
export type AddressKind = 'phone' | 'visitor';

export type MergeReason = 'same_phone' | 'verified_identity' | 'manual';

/** The profile of a contact that a merge may change. */
export interface ContactFields {
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: ContactAttributes;
}

export type ScalarField = 'name' | 'email' | 'phone';
export const SCALAR_FIELDS: readonly ScalarField[] = ['name', 'email', 'phone'];

/**
 * Stored with every merge: both contacts as they were, and exactly what the merge wrote into the
 * survivor, so an undo can put back only what the merge changed.
 */
export interface MergeSnapshot {
  survivor: ContactFields;
  /** The merged contact; for a same-phone link, the contact the new channel would have had. */
  merged: ContactFields;
  filled: Partial<Record<ScalarField, string>> & { attributes: ContactAttributes };
}

/** The language a contact is known to prefer (`locale` or `language` attribute, set by a store or an agent), if any. */
export function preferredLocale(attributes: ContactAttributes): string | null {
  const locale = attributes.locale ?? attributes.language;
  return typeof locale === 'string' && locale ? locale : null;
}
