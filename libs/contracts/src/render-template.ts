/**
 * Fills canned-response placeholders (`{{contact.name}}`, `{{agent.first_name}}`, …). Pure, so the
 * inbox app renders exactly what the hub documents. Unknown placeholders stay as typed (an agent sees
 * the typo instead of a silent gap); known ones with no value become empty strings.
 */
export interface TemplateVariables {
  contact?: { name?: string | null; email?: string | null; phone?: string | null } | null;
  agent?: { name?: string | null } | null;
  inbox?: { name?: string | null } | null;
}

export const TEMPLATE_PLACEHOLDERS = [
  'contact.name',
  'contact.first_name',
  'contact.email',
  'contact.phone',
  'agent.name',
  'agent.first_name',
  'inbox.name',
] as const;

export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}/g;

function firstName(name: string | null | undefined): string {
  return name?.trim().split(/\s+/)[0] ?? '';
}

function valueOf(key: TemplatePlaceholder, vars: TemplateVariables): string {
  switch (key) {
    case 'contact.name':
      return vars.contact?.name?.trim() ?? '';
    case 'contact.first_name':
      return firstName(vars.contact?.name);
    case 'contact.email':
      return vars.contact?.email ?? '';
    case 'contact.phone':
      return vars.contact?.phone ?? '';
    case 'agent.name':
      return vars.agent?.name?.trim() ?? '';
    case 'agent.first_name':
      return firstName(vars.agent?.name);
    case 'inbox.name':
      return vars.inbox?.name?.trim() ?? '';
  }
}

export function renderTemplate(text: string, vars: TemplateVariables): string {
  return text.replace(PLACEHOLDER, (whole, key: string) =>
    (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(key) ? valueOf(key as TemplatePlaceholder, vars) : whole,
  );
}
