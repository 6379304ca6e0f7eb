import { useTranslation } from 'react-i18next';

/** Short, font-independent marks (no emoji: many desktops and headless browsers lack the glyphs). */
const MARKS: Record<string, string> = {
  webchat: 'Web',
  twilio_sms: 'SMS',
  twilio_whatsapp: 'WA',
  whatsapp_cloud: 'WA',
  whatsapp_web: 'WA',
};

/** The channel an inbox speaks, as a small mark with its full name for screen readers and a tooltip. */
export function ChannelBadge({ channelType, withLabel = false }: { channelType: string | undefined; withLabel?: boolean }) {
  const { t } = useTranslation();
  const label = t(`channels.${channelType ?? 'unknown'}`, { defaultValue: channelType ?? '' });
  const mark = MARKS[channelType ?? ''] ?? '•';
  return (
    <span className={`channel channel-${mark.toLowerCase()}`} title={label}>
      <span className="channel-mark" aria-hidden="true">{mark}</span>
      {withLabel ? <span className="channel-label">{label}</span> : <span className="visually-hidden">{label}</span>}
    </span>
  );
}
