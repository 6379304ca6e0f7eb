import type { ButtonsContent, InteractiveReplyContent, LinkButtonContent, ListContent } from '@concierge/contracts';
import { useTranslation } from 'react-i18next';
import { safeHttpUrl } from '../../lib/safe-url.js';
import { RichText } from './RichText.js';

const arr = <T,>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);

/** Reply buttons as the customer sees them (not clickable here: the customer taps them). */
export function ButtonsView({ content: c }: { content: ButtonsContent }) {
  return (
    <div className="interactive">
      <RichText text={c.text} />
      <ul className="wa-buttons">
        {arr(c.buttons).map((b, i) => <li key={i} className="wa-button">{b.title}</li>)}
      </ul>
    </div>
  );
}

export function ListView({ content: c }: { content: ListContent }) {
  return (
    <div className="interactive">
      {c.header && <p className="interactive-header">{c.header}</p>}
      <RichText text={c.text} />
      {c.footer && <p className="muted">{c.footer}</p>}
      <p className="wa-button">☰ {c.buttonText}</p>
      {arr(c.sections).map((section, i) => (
        <section key={i} className="wa-section">
          {section.title && <h4>{section.title}</h4>}
          <ul className="plain-list">
            {arr(section.rows).map((row, j) => (
              <li key={j} className="wa-row">
                <span>{row.title}</span>
                {row.description && <span className="muted"> — {row.description}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function LinkButtonView({ content: c }: { content: LinkButtonContent }) {
  const url = safeHttpUrl(c.url);
  const image = safeHttpUrl(c.imageUrl);
  return (
    <div className="interactive">
      {image && <img src={image} alt="" className="interactive-image" loading="lazy" referrerPolicy="no-referrer" />}
      <RichText text={c.text} />
      {c.footer && <p className="muted">{c.footer}</p>}
      {url ? (
        <a className="wa-button" href={url} target="_blank" rel="noopener noreferrer nofollow">↗ {c.buttonText}</a>
      ) : (
        <span className="wa-button">{c.buttonText}</span>
      )}
    </div>
  );
}

export function InteractiveReplyView({ content: c }: { content: InteractiveReplyContent }) {
  const { t } = useTranslation();
  return (
    <p className="interactive-reply">
      <span className="muted">{t('content.tapped')}</span> <strong>{c.title}</strong>
      {c.description && <span className="muted"> — {c.description}</span>}
    </p>
  );
}
