import { canonicalLocale, integer, isObject, localeTexts, onlyKeys, Problems, text } from '../validation.js';

export type AssignmentMode = 'none' | 'round_robin' | 'capacity';

export interface WhatsappTemplateRef {
  name: string;
  language: string;
  variables?: Record<string, string>;
}

/** Per-inbox automation settings (GET/PUT …/inboxes/:inboxId/automation). */
export interface AutomationSettings {
  /** Locales the inbox answers in; the first is the default. */
  locales: string[];
  greeting: { enabled: boolean; texts: Record<string, string> };
  outOfOffice: {
    enabled: boolean;
    /** `{{nextOpen}}` is replaced by the next opening time in the inbox's zone. */
    texts: Record<string, string>;
    /** Sent instead when the WhatsApp 24-hour window is closed (free-form text is refused there). */
    whatsappTemplate: WhatsappTemplateRef | null;
  };
  /** No automatic reply while an assistant wrote in the conversation within this many minutes. */
  assistantRepliedRecentlyMinutes: number;
  intents: { enabled: boolean; confidenceThreshold: number; fallback: 'none' | 'handover' };
  assignment: {
    mode: AssignmentMode;
    /** Most unresolved conversations an assistant holds (null = no limit; required for capacity mode). */
    maxOpenPerAgent: number | null;
    teamId: string | null;
    /** Returning customers go back to their previous assistant when that assistant is available. */
    sticky: boolean;
    /** An assistant offline for this long loses their open conversations to the others. */
    offlineGraceSeconds: number;
  };
  sla: { firstResponseMinutes: number | null; resolutionMinutes: number | null; warnBeforeMinutes: number };
}

export const DEFAULT_SETTINGS: AutomationSettings = {
  locales: ['en'],
  greeting: {
    enabled: false,
    texts: { en: 'Hello! Thanks for reaching out. How can we help?', 'zh-CN': '您好！感谢您的咨询，请问有什么可以帮您？' },
  },
  outOfOffice: {
    enabled: true,
    texts: {
      en: "Thanks for your message! We're closed right now and will be back {{nextOpen}}. An assistant will reply then.",
      'zh-CN': '感谢您的留言！我们现在不在营业时间，将于 {{nextOpen}} 回来，届时顾问会回复您。',
    },
    whatsappTemplate: null,
  },
  assistantRepliedRecentlyMinutes: 5,
  // Opt-in like greeting and assignment: an inbox without automation settings behaves exactly as before.
  intents: { enabled: false, confidenceThreshold: 0.6, fallback: 'none' },
  assignment: { mode: 'none', maxOpenPerAgent: null, teamId: null, sticky: true, offlineGraceSeconds: 120 },
  sla: { firstResponseMinutes: null, resolutionMinutes: null, warnBeforeMinutes: 5 },
};

/** Stored settings over the defaults (older rows miss newer fields). */
export function effectiveSettings(stored: Partial<AutomationSettings> | null | undefined): AutomationSettings {
  const s = stored ?? {};
  return {
    locales: s.locales?.length ? s.locales : DEFAULT_SETTINGS.locales,
    greeting: { ...DEFAULT_SETTINGS.greeting, ...s.greeting },
    outOfOffice: { ...DEFAULT_SETTINGS.outOfOffice, ...s.outOfOffice },
    assistantRepliedRecentlyMinutes: s.assistantRepliedRecentlyMinutes ?? DEFAULT_SETTINGS.assistantRepliedRecentlyMinutes,
    intents: { ...DEFAULT_SETTINGS.intents, ...s.intents },
    assignment: { ...DEFAULT_SETTINGS.assignment, ...s.assignment },
    sla: { ...DEFAULT_SETTINGS.sla, ...s.sla },
  };
}

const SECTIONS = ['locales', 'greeting', 'outOfOffice', 'assistantRepliedRecentlyMinutes', 'intents', 'assignment', 'sla'] as const;

/**
 * Validates a PUT body against the current settings: sections left out stay as they are, fields left out
 * of a given section too. Every problem is reported with its field path.
 */
export function mergeSettings(current: AutomationSettings, body: unknown): AutomationSettings {
  const p = new Problems();
  if (!isObject(body)) {
    p.add('body', 'body must be an object');
    p.throwIfAny('automation settings');
  }
  const b = body as Record<string, unknown>;
  onlyKeys(p, '', b, SECTIONS);
  const next: AutomationSettings = structuredClone(current);
  if (b.locales !== undefined) next.locales = locales(p, b.locales);
  if (b.greeting !== undefined) {
    const g = section(p, 'greeting', b.greeting, ['enabled', 'texts']);
    if (g.enabled !== undefined) next.greeting.enabled = bool(p, 'greeting.enabled', g.enabled);
    if (g.texts !== undefined) next.greeting.texts = localeTexts(p, 'greeting.texts', g.texts, 1000);
  }
  if (b.outOfOffice !== undefined) {
    const o = section(p, 'outOfOffice', b.outOfOffice, ['enabled', 'texts', 'whatsappTemplate']);
    if (o.enabled !== undefined) next.outOfOffice.enabled = bool(p, 'outOfOffice.enabled', o.enabled);
    if (o.texts !== undefined) next.outOfOffice.texts = localeTexts(p, 'outOfOffice.texts', o.texts, 1000);
    if (o.whatsappTemplate !== undefined) next.outOfOffice.whatsappTemplate = template(p, o.whatsappTemplate);
  }
  if (b.assistantRepliedRecentlyMinutes !== undefined) {
    next.assistantRepliedRecentlyMinutes = integer(p, 'assistantRepliedRecentlyMinutes', b.assistantRepliedRecentlyMinutes, 0, 1440) ?? 0;
  }
  if (b.intents !== undefined) {
    const i = section(p, 'intents', b.intents, ['enabled', 'confidenceThreshold', 'fallback']);
    if (i.enabled !== undefined) next.intents.enabled = bool(p, 'intents.enabled', i.enabled);
    if (i.confidenceThreshold !== undefined) {
      const t = i.confidenceThreshold;
      if (typeof t !== 'number' || !(t > 0 && t <= 1)) p.add('intents.confidenceThreshold', 'confidenceThreshold must be a number in (0, 1]');
      else next.intents.confidenceThreshold = t;
    }
    if (i.fallback !== undefined) {
      if (i.fallback !== 'none' && i.fallback !== 'handover') p.add('intents.fallback', "fallback must be 'none' or 'handover'");
      else next.intents.fallback = i.fallback;
    }
  }
  if (b.assignment !== undefined) assignment(p, next, b.assignment);
  if (b.sla !== undefined) {
    const s = section(p, 'sla', b.sla, ['firstResponseMinutes', 'resolutionMinutes', 'warnBeforeMinutes']);
    if (s.firstResponseMinutes !== undefined) next.sla.firstResponseMinutes = s.firstResponseMinutes === null ? null : (integer(p, 'sla.firstResponseMinutes', s.firstResponseMinutes, 1, 60 * 24 * 30) ?? null);
    if (s.resolutionMinutes !== undefined) next.sla.resolutionMinutes = s.resolutionMinutes === null ? null : (integer(p, 'sla.resolutionMinutes', s.resolutionMinutes, 1, 60 * 24 * 90) ?? null);
    if (s.warnBeforeMinutes !== undefined) next.sla.warnBeforeMinutes = integer(p, 'sla.warnBeforeMinutes', s.warnBeforeMinutes, 0, 60 * 24) ?? 0;
  }
  p.throwIfAny('automation settings');
  return next;
}

function section(p: Problems, field: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (!isObject(value)) {
    p.add(field, `${field} must be an object`);
    return {};
  }
  onlyKeys(p, field, value, keys);
  return value;
}

function bool(p: Problems, field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') p.add(field, `${field} must be a boolean`);
  return value === true;
}

function locales(p: Problems, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 20) {
    p.add('locales', 'locales must be a non-empty array of at most 20 locale tags, the default first');
    return [];
  }
  const out = value.map((v, i) => {
    const locale = canonicalLocale(v);
    if (!locale) p.add(`locales[${i}]`, `${String(v)} is not a locale tag (en, zh-CN, …)`);
    return locale ?? '';
  });
  if (new Set(out).size !== out.length) p.add('locales', 'locales must not repeat');
  return out;
}

function template(p: Problems, value: unknown): WhatsappTemplateRef | null {
  if (value === null) return null;
  const t = section(p, 'outOfOffice.whatsappTemplate', value, ['name', 'language', 'variables']);
  const name = text(p, 'outOfOffice.whatsappTemplate.name', t.name, 512);
  if (name !== undefined && !/^[a-z0-9_]+$|^HX[0-9a-f]{32}$/.test(name)) {
    p.add('outOfOffice.whatsappTemplate.name', 'name must be an approved template name (lowercase letters, digits, _) or a Twilio Content SID');
  }
  const language = text(p, 'outOfOffice.whatsappTemplate.language', t.language, 15);
  let variables: Record<string, string> | undefined;
  if (t.variables !== undefined) {
    if (!isObject(t.variables) || Object.values(t.variables).some((v) => typeof v !== 'string')) {
      p.add('outOfOffice.whatsappTemplate.variables', 'variables must map names or positions to strings');
    } else variables = t.variables as Record<string, string>;
  }
  return name && language ? { name, language, ...(variables && { variables }) } : null;
}

function assignment(p: Problems, next: AutomationSettings, value: unknown): void {
  const a = section(p, 'assignment', value, ['mode', 'maxOpenPerAgent', 'teamId', 'sticky', 'offlineGraceSeconds']);
  if (a.mode !== undefined) {
    if (a.mode !== 'none' && a.mode !== 'round_robin' && a.mode !== 'capacity') p.add('assignment.mode', "mode must be 'none', 'round_robin' or 'capacity'");
    else next.assignment.mode = a.mode;
  }
  if (a.maxOpenPerAgent !== undefined) {
    next.assignment.maxOpenPerAgent = a.maxOpenPerAgent === null ? null : (integer(p, 'assignment.maxOpenPerAgent', a.maxOpenPerAgent, 1, 1000) ?? null);
  }
  if (a.teamId !== undefined) {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (a.teamId !== null && (typeof a.teamId !== 'string' || !uuid.test(a.teamId))) p.add('assignment.teamId', 'teamId must be a team id or null');
    else next.assignment.teamId = a.teamId === null ? null : (a.teamId as string).toLowerCase();
  }
  if (a.sticky !== undefined) next.assignment.sticky = bool(p, 'assignment.sticky', a.sticky);
  if (a.offlineGraceSeconds !== undefined) next.assignment.offlineGraceSeconds = integer(p, 'assignment.offlineGraceSeconds', a.offlineGraceSeconds, 0, 86_400) ?? 0;
  if (next.assignment.mode === 'capacity' && next.assignment.maxOpenPerAgent === null) {
    p.add('assignment.maxOpenPerAgent', 'maxOpenPerAgent is required in capacity mode');
  }
}
