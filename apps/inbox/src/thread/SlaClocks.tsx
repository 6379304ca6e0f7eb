import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types.js';
import { useFormat } from '../i18n/format.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { duration, firstAgentReply, slaLines, type SlaLine } from './sla-lines.js';

/** Common glyphs (present in the usual UI fonts): they repeat the words, never replace them. */
const ICON: Record<SlaLine['state'], string> = { running: '○', warning: '⚠', paused: '‖', breached: '‼', met: '✓', missed: '✗' };

/**
 * The conversation's SLA clocks in the thread header, in words ("First reply due in 12 min",
 * "Resolution due in 7 h", "… paused — outside business hours", "… breached 5 min ago", "First reply met"):
 * colour and icon only repeat what the text says.
 */
export function SlaClocks({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const app = useApp();
  const sla = useStore(app.sla.store);
  const messages = useStore(app.thread.store, (s) => s.messages);
  if (!sla.view || sla.conversationId !== c.id) return null;
  const lines = slaLines(sla.view, { now: sla.now, fetchedAt: sla.fetchedAt, firstAgentReplyAt: firstAgentReply(messages), resolved: c.status === 'resolved' });
  if (lines.length === 0) return null;
  return (
    <p className="sla-clocks" data-testid="sla-clocks">
      <span className="visually-hidden">{t('sla.label')}: </span>
      {lines.map((line) => {
        const d = line.seconds === null ? null : duration(line.seconds, line.state === 'breached' || line.state === 'missed' ? 'past' : 'left');
        const text = t(`sla.states.${line.state}`, { clock: t(`sla.clocks.${line.kind}`), time: d ? t(d.key, d.params) : '' });
        return (
          <span
            key={line.kind}
            className={`status-pill sla-pill sla-${line.state}`}
            data-testid="sla-clock"
            data-kind={line.kind}
            data-state={line.state}
            title={line.dueAt ? t('sla.dueAt', { when: f.full(line.dueAt) }) : undefined}
          >
            <span aria-hidden="true">{ICON[line.state]} </span>
            {text}
          </span>
        );
      })}
    </p>
  );
}
