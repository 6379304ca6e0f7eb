import { describe, expect, it } from '@jest/globals';
import type { ContactFields } from './contact-fields.js';
import { planMerge, planUndo } from './merge-plan.js';

const contact = (c: Partial<ContactFields>): ContactFields => ({ name: null, email: null, phone: null, attributes: {}, ...c });

/** Applies a patch the way the merger writes it to the row. */
const apply = (c: ContactFields, patch: Partial<ContactFields>): ContactFields => ({ ...c, ...patch });

describe('merge plan', () => {
  it('keeps what the survivor has and fills only its gaps', () => {
    const survivor = contact({ name: 'Li Wei', attributes: { tier: 'gold' } });
    const other = contact({ name: 'Wei', email: 'li@shop.test', phone: '+8613800138000', attributes: { tier: 'silver', city: 'Shanghai' } });
    const { patch, snapshot } = planMerge(survivor, other);
    expect(patch).toEqual({ email: 'li@shop.test', phone: '+8613800138000', attributes: { tier: 'gold', city: 'Shanghai' } });
    expect(snapshot.filled).toEqual({ email: 'li@shop.test', phone: '+8613800138000', attributes: { city: 'Shanghai' } });
    expect(snapshot.survivor).toEqual(survivor);
    expect(snapshot.merged).toEqual(other);
  });

  it('writes nothing when the survivor already has everything', () => {
    const survivor = contact({ name: 'A', email: 'a@x.test', phone: '+14155550100', attributes: { k: 1 } });
    expect(planMerge(survivor, contact({ name: 'B', attributes: { k: 2 } })).patch).toEqual({});
  });

  it('treats a key present with a null value as present', () => {
    expect(planMerge(contact({ attributes: { vip: null } }), contact({ attributes: { vip: true } })).patch).toEqual({});
  });

  it('does not alias the snapshot to the inputs', () => {
    const survivor = contact({ attributes: { a: 1 } });
    const { snapshot } = planMerge(survivor, contact({}));
    survivor.attributes.a = 2;
    expect(snapshot.survivor.attributes).toEqual({ a: 1 });
  });
});

describe('undo plan', () => {
  it('restores exactly the survivor as it was before the merge', () => {
    const survivor = contact({ name: 'Li Wei', attributes: { tier: 'gold' } });
    const other = contact({ email: 'li@shop.test', phone: '+8613800138000', attributes: { city: 'Shanghai' } });
    const { patch, snapshot } = planMerge(survivor, other);
    const merged = apply(survivor, patch);
    expect(apply(merged, planUndo(merged, snapshot))).toEqual(survivor);
  });

  it('keeps edits made after the merge', () => {
    const survivor = contact({ name: 'Li Wei' });
    const { patch, snapshot } = planMerge(survivor, contact({ email: 'old@shop.test', attributes: { city: 'Shanghai', size: 'M' } }));
    const edited = apply(apply(survivor, patch), { email: 'new@shop.test' });
    edited.attributes = { ...edited.attributes, city: 'Beijing' };
    expect(planUndo(edited, snapshot)).toEqual({ attributes: { city: 'Beijing' } });
  });

  it('changes nothing when the merge filled nothing', () => {
    const survivor = contact({ name: 'A', email: 'a@x.test' });
    const { snapshot } = planMerge(survivor, contact({ name: 'B' }));
    expect(planUndo(survivor, snapshot)).toEqual({});
  });
});
