import { useId } from 'react';
import { FieldError, invalid } from './form.js';

/** A 24-hour `HH:mm` time typed as text (unambiguous in every locale); the API checks it. */
export function TimeInput({ label, value, onChange, messages, testId }: { label: string; value: string; onChange: (v: string) => void; messages: string[]; testId: string }) {
  const id = useId();
  return (
    <div className="field field-time">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} maxLength={5} placeholder="HH:mm" autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value)} data-testid={testId} className="input-time" {...invalid(messages, id)} />
      <FieldError id={id} messages={messages} />
    </div>
  );
}
