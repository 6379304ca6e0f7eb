import { useTranslation } from 'react-i18next';
import type { PickerItem, PickerKind } from './picker.js';

interface Props {
  id: string;
  kind: PickerKind;
  items: PickerItem[];
  active: number;
  onPick: (item: PickerItem) => void;
  onHover: (index: number) => void;
}

/** The `@` agent picker and the `/` canned-response picker (a listbox driven from the textarea). */
export function SuggestionList({ id, kind, items, active, onPick, onHover }: Props) {
  const { t } = useTranslation();
  return (
    <div className="suggestions" data-testid={kind === 'mention' ? 'mention-picker' : 'canned-picker'}>
      <p className="suggestions-title" id={`${id}-title`}>{t(kind === 'mention' ? 'composer.mentionTitle' : 'composer.cannedTitle')}</p>
      {items.length === 0 ? (
        <p className="muted suggestions-empty">{t(kind === 'mention' ? 'composer.noAgents' : 'composer.noCanned')}</p>
      ) : (
        <ul id={id} role="listbox" aria-labelledby={`${id}-title`} className="plain-list">
          {items.map((item, i) => (
            <li
              key={item.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'suggestion is-active' : 'suggestion'}
              onMouseDown={(e) => {
                e.preventDefault(); // keep the caret in the textarea
                onPick(item);
              }}
              onMouseEnter={() => onHover(i)}
              data-testid="suggestion"
            >
              <span className="suggestion-label">{item.label}</span>
              <span className="suggestion-detail">{item.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
