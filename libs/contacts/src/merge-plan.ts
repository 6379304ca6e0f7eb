import { SCALAR_FIELDS, type ContactAttributes, type ContactFields, type MergeSnapshot } from './contact-fields.js';

export interface MergePlan {
  /** What to write into the survivor; empty when it already had everything. */
  patch: Partial<ContactFields>;
  snapshot: MergeSnapshot;
}

/**
 * The survivor keeps everything it has; only its empty fields and missing attribute keys are taken
 * from the other contact. An agent merging two records never loses what they already see.
 */
export function planMerge(survivor: ContactFields, other: ContactFields): MergePlan {
  const filled: MergeSnapshot['filled'] = { attributes: {} };
  const patch: Partial<ContactFields> = {};
  for (const field of SCALAR_FIELDS) {
    const value = other[field];
    if (!survivor[field] && value) {
      filled[field] = value;
      patch[field] = value;
    }
  }
  for (const [key, value] of Object.entries(other.attributes ?? {})) {
    if (!Object.hasOwn(survivor.attributes ?? {}, key)) filled.attributes[key] = value;
  }
  if (Object.keys(filled.attributes).length > 0) patch.attributes = { ...survivor.attributes, ...filled.attributes };
  return { patch, snapshot: { survivor: copy(survivor), merged: copy(other), filled } };
}

/**
 * What to write into the survivor to undo a merge: each field the merge filled goes back to its
 * previous value, unless someone has changed it since (a later edit is a decision we keep).
 */
export function planUndo(current: ContactFields, snapshot: MergeSnapshot): Partial<ContactFields> {
  const patch: Partial<ContactFields> = {};
  for (const field of SCALAR_FIELDS) {
    const filled = snapshot.filled[field];
    if (filled !== undefined && current[field] === filled) patch[field] = snapshot.survivor[field];
  }
  const attributes: ContactAttributes = { ...current.attributes };
  let removed = false;
  for (const [key, value] of Object.entries(snapshot.filled.attributes ?? {})) {
    if (Object.hasOwn(attributes, key) && attributes[key] === value && !Object.hasOwn(snapshot.survivor.attributes, key)) {
      delete attributes[key];
      removed = true;
    }
  }
  if (removed) patch.attributes = attributes;
  return patch;
}

export function fieldsOf(contact: ContactFields): ContactFields {
  return copy(contact);
}

function copy(c: ContactFields): ContactFields {
  return { name: c.name ?? null, email: c.email ?? null, phone: c.phone ?? null, attributes: { ...(c.attributes ?? {}) } };
}
