import type { AssignmentMode } from '../settings/automation-settings.js';

export interface PickInput {
  mode: Exclude<AssignmentMode, 'none'>;
  /** Online assistants who may take the conversation. */
  candidates: string[];
  /** Unresolved conversations each candidate holds. */
  loads: Map<string, number>;
  maxOpenPerAgent: number | null;
  /** Round-robin cursor: who got the previous conversation of this inbox. */
  last: string | null;
  /** The returning customer's previous assistant, preferred when eligible. */
  sticky?: string | null;
}

export type Pick = { agentId: string; reason: 'sticky' | 'round_robin' | 'capacity' } | null;

/**
 * Round robin walks the candidates in a stable order, starting after the last one served; capacity
 * takes the least-loaded candidate (ties in round-robin order). Both skip assistants at their limit.
 */
export function pickAssignee(input: PickInput): Pick {
  const eligible = [...new Set(input.candidates)]
    .sort()
    .filter((id) => input.maxOpenPerAgent === null || (input.loads.get(id) ?? 0) < input.maxOpenPerAgent);
  if (eligible.length === 0) return null;
  if (input.sticky && eligible.includes(input.sticky)) return { agentId: input.sticky, reason: 'sticky' };
  const order = rotate(eligible, input.last);
  if (input.mode === 'round_robin') return { agentId: order[0]!, reason: 'round_robin' };
  const least = Math.min(...order.map((id) => input.loads.get(id) ?? 0));
  return { agentId: order.find((id) => (input.loads.get(id) ?? 0) === least)!, reason: 'capacity' };
}

/** The sorted ids starting with the first one after `last`. */
function rotate(sorted: string[], last: string | null): string[] {
  if (!last) return sorted;
  const i = sorted.findIndex((id) => id > last);
  return i <= 0 ? sorted : [...sorted.slice(i), ...sorted.slice(0, i)];
}
