import { describe, expect, it } from '@jest/globals';
import { renderTemplate, TEMPLATE_PLACEHOLDERS } from './render-template.js';

const vars = {
  contact: { name: '  Li Wei Chen ', email: 'li@example.test', phone: '+8613800138000' },
  agent: { name: 'Mei Lin' },
  inbox: { name: 'WhatsApp Shanghai' },
};

describe('renderTemplate', () => {
  it('fills every documented placeholder', () => {
    const text = TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join('|');
    expect(renderTemplate(text, vars)).toBe('Li Wei Chen|Li|li@example.test|+8613800138000|Mei Lin|Mei|WhatsApp Shanghai');
  });

  it('accepts spaces inside the braces and repeated placeholders', () => {
    expect(renderTemplate('Hi {{ contact.first_name }}, {{contact.first_name}}!', vars)).toBe('Hi Li, Li!');
  });

  it('leaves unknown placeholders as typed', () => {
    expect(renderTemplate('{{contact.nmae}} {{order.id}} {{ 1 }} {{contact}}', vars)).toBe('{{contact.nmae}} {{order.id}} {{ 1 }} {{contact}}');
  });

  it('turns missing values into empty strings', () => {
    expect(renderTemplate('Hi {{contact.name}}<{{contact.email}}> from {{agent.first_name}} at {{inbox.name}}', {})).toBe('Hi <> from  at ');
    expect(renderTemplate('{{contact.first_name}}|{{contact.phone}}', { contact: { name: null, phone: null } })).toBe('|');
    expect(renderTemplate('{{contact.first_name}}', { contact: { name: '   ' } })).toBe('');
  });

  it('does not re-expand placeholders that a value contains', () => {
    expect(renderTemplate('{{contact.name}}', { contact: { name: '{{agent.name}}' }, agent: { name: 'Mei' } })).toBe('{{agent.name}}');
  });

  it('leaves text without placeholders unchanged', () => {
    expect(renderTemplate('Thanks! {{ }} {single}', vars)).toBe('Thanks! {{ }} {single}');
  });
});
