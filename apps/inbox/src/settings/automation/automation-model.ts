import type { AssignmentMode, AutomationSettings } from '../../api/types.js';

/** The automation form's draft: numbers stay as typed (an empty box is "none"), the API judges them. */
export interface AutomationDraft {
  locales: string;
  greeting: { enabled: boolean; texts: Record<string, string> };
  outOfOffice: { enabled: boolean; texts: Record<string, string>; template: string };
  assistantRepliedRecentlyMinutes: string;
  intents: { enabled: boolean; confidenceThreshold: string; fallback: 'none' | 'handover' };
  assignment: { mode: AssignmentMode; maxOpenPerAgent: string; teamId: string; sticky: boolean; offlineGraceSeconds: string };
  sla: { firstResponseMinutes: string; resolutionMinutes: string; warnBeforeMinutes: string };
}

const str = (n: number | null) => (n === null ? '' : String(n));

/** A template reference as one select value: `name|language`. */
export const templateValue = (t: { name: string; language: string } | null) => (t ? `${t.name}|${t.language}` : '');

export function toDraft(s: AutomationSettings): AutomationDraft {
  return {
    locales: s.locales.join(', '),
    greeting: { enabled: s.greeting.enabled, texts: { ...s.greeting.texts } },
    outOfOffice: { enabled: s.outOfOffice.enabled, texts: { ...s.outOfOffice.texts }, template: templateValue(s.outOfOffice.whatsappTemplate) },
    assistantRepliedRecentlyMinutes: str(s.assistantRepliedRecentlyMinutes),
    intents: { enabled: s.intents.enabled, confidenceThreshold: str(s.intents.confidenceThreshold), fallback: s.intents.fallback },
    assignment: { mode: s.assignment.mode, maxOpenPerAgent: str(s.assignment.maxOpenPerAgent), teamId: s.assignment.teamId ?? '', sticky: s.assignment.sticky, offlineGraceSeconds: str(s.assignment.offlineGraceSeconds) },
    sla: { firstResponseMinutes: str(s.sla.firstResponseMinutes), resolutionMinutes: str(s.sla.resolutionMinutes), warnBeforeMinutes: str(s.sla.warnBeforeMinutes) },
  };
}

/** "en, zh-CN" → ['en', 'zh-CN'] (commas or spaces). */
export function localeList(value: string): string[] {
  return [...new Set(value.split(/[\s,;]+/).map((l) => l.trim()).filter(Boolean))];
}

/** Empty → null; a number → that number; anything else goes as typed so the API names the problem. */
export function numberOrNull(value: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : (v as unknown as number);
}

/** Texts without the empty ones (an empty text is "no text in that language"). */
function texts(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v.trim() !== ''));
}

/** Draft → the whole PUT body (every section). */
export function toBody(d: AutomationDraft): AutomationSettings {
  const [name, language] = d.outOfOffice.template ? d.outOfOffice.template.split('|') : [];
  return {
    locales: localeList(d.locales),
    greeting: { enabled: d.greeting.enabled, texts: texts(d.greeting.texts) },
    outOfOffice: { enabled: d.outOfOffice.enabled, texts: texts(d.outOfOffice.texts), whatsappTemplate: name && language ? { name, language } : null },
    assistantRepliedRecentlyMinutes: numberOrNull(d.assistantRepliedRecentlyMinutes) as number,
    intents: { enabled: d.intents.enabled, confidenceThreshold: numberOrNull(d.intents.confidenceThreshold) as number, fallback: d.intents.fallback },
    assignment: {
      mode: d.assignment.mode,
      maxOpenPerAgent: numberOrNull(d.assignment.maxOpenPerAgent),
      teamId: d.assignment.teamId || null,
      sticky: d.assignment.sticky,
      offlineGraceSeconds: numberOrNull(d.assignment.offlineGraceSeconds) as number,
    },
    sla: {
      firstResponseMinutes: numberOrNull(d.sla.firstResponseMinutes),
      resolutionMinutes: numberOrNull(d.sla.resolutionMinutes),
      warnBeforeMinutes: numberOrNull(d.sla.warnBeforeMinutes) as number,
    },
  };
}

/** WhatsApp channels can fall back to an approved template outside the 24-hour window. */
export function usesWhatsappTemplates(channelType: string): boolean {
  return channelType === 'whatsapp_cloud' || channelType === 'twilio_whatsapp';
}
