import { linkify } from '../../lib/safe-url.js';

/** Plain text with line breaks kept (CSS pre-wrap) and http(s) URLs as links; never parsed as HTML. */
export function RichText({ text }: { text: unknown }) {
  const value = typeof text === 'string' ? text : String(text ?? '');
  return (
    <p className="rich-text">
      {linkify(value).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">{part.text}</a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
